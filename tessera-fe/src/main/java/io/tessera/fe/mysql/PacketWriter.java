package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * Frames payloads into wire packets and writes them to one connection, numbering them with
 * the sequence id of the current exchange. A payload of 0xFFFFFF bytes or more is split into
 * packets of exactly 0xFFFFFF bytes followed by a shorter one (empty when the payload is an
 * exact multiple), as the protocol requires.
 *
 * <p>Payload buffers come from {@link #newPayload()}, which leaves room for the 4-byte header
 * so that the common, small packet is written without a copy. {@link #write(ByteBuf)} takes
 * ownership of the buffer.
 *
 * <p>Threading: one instance per connection, used only on its channel's event loop.
 */
final class PacketWriter {
    private final Channel channel;
    private int sequenceId;

    PacketWriter(Channel channel) {
        this.channel = channel;
    }

    /** Starts an exchange: the next packet written gets this sequence id. */
    void startSequence(int firstSequenceId) {
        this.sequenceId = firstSequenceId & 0xff;
    }

    /** An empty payload buffer with the header bytes reserved. */
    ByteBuf newPayload() {
        ByteBuf buffer = channel.alloc().buffer(256);
        buffer.writeZero(PacketDecoder.HEADER_BYTES);
        return buffer;
    }

    /** Frames and writes (without flushing) a payload made by {@link #newPayload()}. */
    ChannelFuture write(ByteBuf payload) {
        int payloadBytes = payload.readableBytes() - PacketDecoder.HEADER_BYTES;
        if (payloadBytes < PacketDecoder.MAX_WIRE_PAYLOAD_BYTES) {
            payload.setMediumLE(payload.readerIndex(), payloadBytes);
            payload.setByte(payload.readerIndex() + 3, nextSequenceId());
            return channel.write(payload);
        }
        try {
            return writeSplit(payload, payloadBytes);
        } finally {
            payload.release();
        }
    }

    void flush() {
        channel.flush();
    }

    private ChannelFuture writeSplit(ByteBuf payload, int payloadBytes) {
        payload.skipBytes(PacketDecoder.HEADER_BYTES);
        int packets = payloadBytes / PacketDecoder.MAX_WIRE_PAYLOAD_BYTES + 1;
        ByteBuf framed = channel.alloc().buffer(payloadBytes + packets * PacketDecoder.HEADER_BYTES);
        for (int i = 0; i < packets; i++) {
            int chunkBytes = Math.min(PacketDecoder.MAX_WIRE_PAYLOAD_BYTES, payload.readableBytes());
            framed.writeMediumLE(chunkBytes);
            framed.writeByte(nextSequenceId());
            framed.writeBytes(payload, chunkBytes);
        }
        return channel.write(framed);
    }

    private int nextSequenceId() {
        int current = sequenceId;
        sequenceId = (sequenceId + 1) & 0xff;
        return current;
    }
}
