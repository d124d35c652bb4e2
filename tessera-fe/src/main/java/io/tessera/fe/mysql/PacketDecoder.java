package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Turns the byte stream of one connection into {@link InboundPacket}s. Each wire packet is a
 * 3-byte little-endian length, a 1-byte sequence id and the payload; a payload of 16 MB or
 * more arrives as a chain of packets of exactly 0xFFFFFF bytes ended by a shorter one (maybe
 * empty), which this decoder joins.
 *
 * <p>A payload larger than the current limit is not buffered: the decoder emits one
 * {@link OversizedPacket} as soon as a header shows the limit is crossed, then discards
 * everything else the client sends. The limit starts small while the client is not logged in
 * and is raised to {@code max_allowed_packet} by {@link #raiseLimit(int)}.
 *
 * <p>Threading: one instance per connection, used only on its channel's event loop. It emits
 * at most one message per {@code decode} call so that a limit raised while handling one
 * packet applies to the next.
 */
final class PacketDecoder extends ByteToMessageDecoder {
    static final int HEADER_BYTES = 4;
    static final int MAX_WIRE_PAYLOAD_BYTES = 0xffffff;

    private int limitBytes;
    private ByteArrayOutputStream pendingChain;
    private boolean discarding;

    PacketDecoder(int initialLimitBytes) {
        this.limitBytes = initialLimitBytes;
    }

    /** Sets the payload size limit for packets not yet decoded. */
    void raiseLimit(int newLimitBytes) {
        this.limitBytes = newLimitBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_BYTES) {
            int readerIndex = in.readerIndex();
            int length = in.getUnsignedMediumLE(readerIndex);
            int sequenceId = in.getUnsignedByte(readerIndex + 3);
            long chainBytes = pendingChain == null ? 0 : pendingChain.size();
            if (chainBytes + length > limitBytes) {
                discarding = true;
                pendingChain = null;
                in.skipBytes(in.readableBytes());
                out.add(new OversizedPacket(sequenceId, chainBytes + length, limitBytes));
                return;
            }
            if (in.readableBytes() < HEADER_BYTES + length) {
                return;
            }
            in.skipBytes(HEADER_BYTES);
            if (length == MAX_WIRE_PAYLOAD_BYTES) {
                if (pendingChain == null) {
                    pendingChain = new ByteArrayOutputStream(MAX_WIRE_PAYLOAD_BYTES);
                }
                in.readBytes(pendingChain, length);
                continue;
            }
            byte[] payload;
            if (pendingChain == null) {
                payload = new byte[length];
                in.readBytes(payload);
            } else {
                in.readBytes(pendingChain, length);
                payload = pendingChain.toByteArray();
                pendingChain = null;
            }
            out.add(new InboundPacket(sequenceId, payload));
            return;
        }
    }
}
