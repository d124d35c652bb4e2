package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The server's side of the login: the Handshake V10 packet that opens every connection, and
 * the AuthSwitchRequest sent when the client answered for another authentication plugin.
 * Both carry the connection's 20-byte scramble, which is made here.
 *
 * <p>Immutable; the scramble source is a {@link SecureRandom}, which is thread-safe.
 *
 * @param connectionId the id the client will see as {@code CONNECTION_ID()}
 * @param scramble     the 20 random bytes the client hashes its password with
 */
record HandshakePacket(int connectionId, byte[] scramble) {
    static final int PROTOCOL_VERSION = 10;
    /** What Doris reports, so that clients treat the server as a MySQL 5.7. */
    static final String SERVER_VERSION = "5.7.99";
    static final String NATIVE_PASSWORD_PLUGIN = "mysql_native_password";
    static final int SCRAMBLE_BYTES = 20;
    /** utf8_general_ci. */
    static final int UTF8_GENERAL_CI = 33;
    /** A transaction is open (BEGIN ran, COMMIT or ROLLBACK has not). */
    static final int SERVER_STATUS_IN_TRANS = 1;
    static final int SERVER_STATUS_AUTOCOMMIT = 2;
    /** Another result of the same multi-statement query follows this one. */
    static final int SERVER_MORE_RESULTS_EXISTS = 8;

    private static final int SCRAMBLE_PART_1_BYTES = 8;
    private static final int RESERVED_BYTES = 10;

    HandshakePacket {
        Objects.requireNonNull(scramble, "scramble is null");
        if (scramble.length != SCRAMBLE_BYTES) {
            throw new IllegalArgumentException("scramble must be " + SCRAMBLE_BYTES + " bytes");
        }
    }

    /**
     * A fresh scramble in MySQL's style: 7-bit bytes without NUL (which C clients would take
     * for a terminator) or {@code $}.
     */
    static byte[] newScramble(SecureRandom random) {
        byte[] scramble = new byte[SCRAMBLE_BYTES];
        random.nextBytes(scramble);
        for (int i = 0; i < scramble.length; i++) {
            int value = scramble[i] & 0x7f;
            if (value == 0 || value == '$') {
                value++;
            }
            scramble[i] = (byte) value;
        }
        return scramble;
    }

    /** Writes the Handshake V10 payload offering {@link Capabilities#SERVER}. */
    void writeTo(ByteBuf payload) {
        writeTo(payload, Capabilities.SERVER);
    }

    /** Writes the Handshake V10 payload offering these capabilities. */
    void writeTo(ByteBuf payload, Capabilities server) {
        int capabilities = server.flags();
        payload.writeByte(PROTOCOL_VERSION);
        PayloadEncoding.writeNulTerminatedString(payload, SERVER_VERSION);
        payload.writeIntLE(connectionId);
        payload.writeBytes(scramble, 0, SCRAMBLE_PART_1_BYTES);
        payload.writeByte(0);
        payload.writeShortLE(capabilities & 0xffff);
        payload.writeByte(UTF8_GENERAL_CI);
        payload.writeShortLE(SERVER_STATUS_AUTOCOMMIT);
        payload.writeShortLE(capabilities >>> 16);
        payload.writeByte(SCRAMBLE_BYTES + 1);
        payload.writeZero(RESERVED_BYTES);
        payload.writeBytes(scramble, SCRAMBLE_PART_1_BYTES, SCRAMBLE_BYTES - SCRAMBLE_PART_1_BYTES);
        payload.writeByte(0);
        PayloadEncoding.writeNulTerminatedString(payload, NATIVE_PASSWORD_PLUGIN);
    }

    /** Writes an AuthSwitchRequest payload asking for {@code mysql_native_password}. */
    void writeAuthSwitchRequestTo(ByteBuf payload) {
        payload.writeByte(0xfe);
        PayloadEncoding.writeNulTerminatedString(payload, NATIVE_PASSWORD_PLUGIN);
        payload.writeBytes(scramble);
        payload.writeByte(0);
    }
}
