package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PacketDecoder} and {@link PacketWriter} on an in-memory channel. */
class PacketCodecTest {
    private static final int MAX = PacketDecoder.MAX_WIRE_PAYLOAD_BYTES;

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel decoding(int limitBytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(limitBytes));
        channels.add(channel);
        return channel;
    }

    @Test
    void decodesPacketsSplitAcrossReads() {
        EmbeddedChannel channel = decoding(1024);
        byte[] two = concat(RawMysqlClient.frame(0, new byte[] {3, 'a'}), RawMysqlClient.frame(5, new byte[0]));
        channel.writeInbound(Unpooled.wrappedBuffer(two, 0, 3));
        assertThat(channel.<Object>readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(two, 3, two.length - 3));
        InboundPacket first = channel.readInbound();
        assertThat(first.sequenceId()).isZero();
        assertThat(first.payload()).containsExactly(3, 'a');
        InboundPacket second = channel.readInbound();
        assertThat(second.sequenceId()).isEqualTo(5);
        assertThat(second.payload()).isEmpty();
    }

    @Test
    void joinsContinuationPackets() {
        EmbeddedChannel channel = decoding(64 * 1024 * 1024);
        for (int size : new int[] {MAX, MAX + 7, 2 * MAX}) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'q');
            payload[size - 1] = 'e';
            channel.writeInbound(Unpooled.wrappedBuffer(RawMysqlClient.frame(0, payload)));
            InboundPacket packet = channel.readInbound();
            assertThat(packet.payload()).hasSize(size);
            assertThat(packet.payload()[size - 1]).isEqualTo((byte) 'e');
            assertThat(packet.sequenceId()).isEqualTo(size / MAX);
        }
    }

    @Test
    void reportsOversizedPayloadOnceAndDiscardsTheRest() {
        EmbeddedChannel channel = decoding(10);
        channel.writeInbound(Unpooled.wrappedBuffer(RawMysqlClient.frame(0, new byte[10])));
        assertThat(((InboundPacket) channel.readInbound()).payload()).hasSize(10);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {11, 0, 0, 3}));
        OversizedPacket oversized = channel.readInbound();
        assertThat(oversized).isEqualTo(new OversizedPacket(3, 11, 10));
        channel.writeInbound(Unpooled.wrappedBuffer(RawMysqlClient.frame(0, new byte[1])));
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void raisedLimitAppliesToLaterPackets() {
        PacketDecoder decoder = new PacketDecoder(4);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channels.add(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(RawMysqlClient.frame(1, new byte[4])));
        assertThat(channel.<Object>readInbound()).isInstanceOf(InboundPacket.class);
        decoder.raiseLimit(100);
        channel.writeInbound(Unpooled.wrappedBuffer(RawMysqlClient.frame(0, new byte[50])));
        assertThat(channel.<Object>readInbound()).isInstanceOf(InboundPacket.class);
    }

    @Test
    void writerFramesAndSplitsPayloads() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        PacketWriter writer = new PacketWriter(channel);
        writer.startSequence(1);
        ByteBuf small = writer.newPayload();
        small.writeBytes(new byte[] {1, 2, 3});
        writer.write(small);
        ByteBuf exact = writer.newPayload();
        exact.writeZero(MAX);
        writer.write(exact);
        ByteBuf large = writer.newPayload();
        large.writeZero(MAX + 5);
        writer.write(large);
        writer.flush();

        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            out.writeBytes(part);
            part.release();
        }
        assertThat(readFrame(out)).isEqualTo(new int[] {3, 1});
        assertThat(readFrame(out)).isEqualTo(new int[] {MAX, 2});
        assertThat(readFrame(out)).isEqualTo(new int[] {0, 3});
        assertThat(readFrame(out)).isEqualTo(new int[] {MAX, 4});
        assertThat(readFrame(out)).isEqualTo(new int[] {5, 5});
        assertThat(out.readableBytes()).isZero();
        out.release();
    }

    /** Reads one frame; returns its length and sequence id. */
    private static int[] readFrame(ByteBuf in) {
        int length = in.readUnsignedMediumLE();
        int sequenceId = in.readUnsignedByte();
        in.skipBytes(length);
        return new int[] {length, sequenceId};
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
