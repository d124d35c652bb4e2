package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tessera.common.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One MySQL connection of the real protocol handlers ({@link PacketDecoder} and
 * {@link ConnectionHandler}) on Netty's {@link EmbeddedChannel}, with no socket and no thread: bytes
 * go in, the server's packets come out, all on the caller's thread. The fuzz properties use it to
 * send thousands of hostile packets a second; {@link FakeAuthenticator} accepts {@code root} without
 * a password and {@link FakeSessionFactory} answers a few statements at once.
 *
 * <p>Threading: one thread (the test's, which is the embedded channel's event loop).
 */
final class EmbeddedMysqlConnection implements AutoCloseable {
    static final int MAX_PACKET_BYTES = 1 << 20;

    /** One packet from the server. */
    record Reply(int sequenceId, byte[] payload) {
        boolean isError() {
            return payload.length > 0 && (payload[0] & 0xff) == 0xff;
        }

        int errorCode() {
            return (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
        }

        /** The message of an ERR packet (after its SQLSTATE). */
        String errorMessage() {
            int start = payload.length > 3 && payload[3] == '#' ? 9 : 3;
            return new String(payload, Math.min(start, payload.length), Math.max(0, payload.length - start),
                    StandardCharsets.UTF_8);
        }

        /** An auth switch request: 0xFE with a plugin name (an EOF packet is at most 5 bytes). */
        boolean isAuthSwitch() {
            return payload.length > 9 && (payload[0] & 0xff) == 0xfe;
        }
    }

    private final EmbeddedChannel channel;
    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private final ByteBuf received = Unpooled.buffer();
    private boolean closed;
    /** Every buffer handed to the pipeline: after {@link #close}, each must have been released. */
    private final List<ByteBuf> sent = new ArrayList<>();

    EmbeddedMysqlConnection(long seed) {
        PacketDecoder decoder = new PacketDecoder(MysqlServer.PRE_LOGIN_MAX_PACKET_BYTES);
        ManualClock clock = new ManualClock(0);
        channel = new EmbeddedChannel(decoder, new ConnectionHandler(1, scramble(seed),
                decoder, new FakeAuthenticator(), sessions, MAX_PACKET_BYTES, new ServerStatistics(clock),
                PreparedStatementLimits.defaults(MAX_PACKET_BYTES), new ConnectionAdmission(100, 100),
                new ConnectionWatch(clock, 100, 10_000)));
    }

    /** A printable scramble made from the seed, so that a failing run replays exactly. */
    private static byte[] scramble(long seed) {
        Random random = new Random(seed);
        byte[] scramble = new byte[20];
        for (int i = 0; i < scramble.length; i++) {
            scramble[i] = (byte) ('a' + random.nextInt(26));
        }
        return scramble;
    }

    /** The handshake a client would send for {@code root} with no password and the given flags. */
    static byte[] loginPayload(int clientFlags, String user, String database) {
        ByteBuf payload = Unpooled.buffer();
        payload.writeIntLE(clientFlags);
        payload.writeIntLE(MAX_PACKET_BYTES);
        payload.writeByte(45);
        payload.writeZero(23);
        payload.writeBytes(user.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        payload.writeByte(0); // an empty auth response (SECURE_CONNECTION: its length)
        if (database != null) {
            payload.writeBytes(database.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        }
        payload.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
        byte[] bytes = new byte[payload.readableBytes()];
        payload.readBytes(bytes);
        return bytes;
    }

    static final int CLIENT_FLAGS = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.LONG_PASSWORD | Capabilities.TRANSACTIONS
            | Capabilities.MULTI_STATEMENTS | Capabilities.MULTI_RESULTS;

    /** Logs {@code root} in; true when the server answered OK. */
    boolean login() {
        replies(); // the server's handshake
        List<Reply> answer = send(1, loginPayload(CLIENT_FLAGS, "root", null));
        return answer.size() == 1 && answer.get(0).payload()[0] == 0;
    }

    /** Sends one framed packet and returns the packets the server answered with. */
    List<Reply> send(int sequenceId, byte[] payload) {
        ByteBuf packet = Unpooled.buffer(payload.length + 4);
        packet.writeMediumLE(payload.length).writeByte(sequenceId).writeBytes(payload);
        return sendRaw(packet);
    }

    /** Sends bytes as they are (framing and all) and returns the packets the server answered with. */
    List<Reply> sendRaw(byte[] bytes) {
        return sendRaw(Unpooled.wrappedBuffer(bytes));
    }

    private List<Reply> sendRaw(ByteBuf bytes) {
        if (bytes.capacity() > 0) { // an empty one is Netty's shared EMPTY_BUFFER, never released
            sent.add(bytes);
        }
        if (channel.isOpen()) {
            channel.writeInbound(bytes);
        } else {
            bytes.release();
        }
        return replies();
    }

    /** The packets the server wrote since the last call, with pending tasks run first. */
    List<Reply> replies() {
        channel.runPendingTasks();
        channel.checkException();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) message;
            received.writeBytes(buffer);
            buffer.release();
        }
        List<Reply> replies = new ArrayList<>();
        while (received.readableBytes() >= 4) {
            int length = received.getUnsignedMediumLE(received.readerIndex());
            if (received.readableBytes() < 4 + length) {
                break;
            }
            received.skipBytes(3);
            int sequenceId = received.readUnsignedByte();
            byte[] payload = new byte[length];
            received.readBytes(payload);
            replies.add(new Reply(sequenceId, payload));
        }
        received.discardReadBytes();
        return replies;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Calls the fake sessions saw that break the protocol layer's contract (after close, overlapping). */
    List<String> violations() {
        return sessions.violations;
    }

    /** Buffers the handlers kept (not released) after {@link #close}: leaks. */
    long unreleasedBuffers() {
        return sent.stream().filter(buffer -> buffer.refCnt() > 0).count();
    }

    /** Sessions opened and not closed (after {@link #close}: must be none). */
    int openSessions() {
        return sessions.opened.size() - sessions.closes.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.close();
        channel.runPendingTasks();
        channel.finishAndReleaseAll();
        received.release();
    }
}
