package io.tessera.fe.mysql;

import io.tessera.fe.auth.NativePassword;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal MySQL client over a plain socket, for tests that need to send exactly the bytes
 * they choose. Reads block with a socket timeout, so a missing reply fails the test instead of
 * hanging it.
 */
final class RawMysqlClient implements Closeable {
    static final int BASIC_CAPABILITIES = Capabilities.LONG_PASSWORD | Capabilities.PROTOCOL_41
            | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH | Capabilities.TRANSACTIONS
            | Capabilities.MULTI_RESULTS;

    /** One wire packet, or a reassembled payload. */
    record Packet(int sequenceId, byte[] payload) {
        int header() {
            return payload.length == 0 ? -1 : payload[0] & 0xff;
        }

        String text(int from) {
            return new String(payload, from, payload.length - from, StandardCharsets.UTF_8);
        }

        /** For an ERR packet: {@code 1105 HY000 message}. */
        String error() {
            if (header() != 0xff) {
                throw new AssertionError("not an ERR packet: " + Arrays.toString(payload));
            }
            int code = (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
            return code + " " + text(4).substring(0, 5) + " " + text(9);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private byte[] scramble;

    RawMysqlClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads the server's handshake, remembering its scramble. */
    Packet readHandshake() throws IOException {
        Packet handshake = readPacket();
        byte[] payload = handshake.payload();
        int versionEnd = indexOf(payload, 1, (byte) 0);
        int part1 = versionEnd + 1 + 4;
        int part2 = part1 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        scramble = new byte[20];
        System.arraycopy(payload, part1, scramble, 0, 8);
        System.arraycopy(payload, part2, scramble, 8, 12);
        return handshake;
    }

    byte[] scramble() {
        return scramble.clone();
    }

    /** Reads the handshake, answers as {@code user} with flags {@code capabilities}, returns the reply. */
    Packet login(String user, String password, int capabilities, String plugin) throws IOException {
        readHandshake();
        byte[] auth = NativePassword.scramble(password, scramble);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        writeInt4(response, capabilities);
        writeInt4(response, 1 << 24);
        response.write(33);
        response.write(new byte[23]);
        response.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        response.write(0);
        response.write(auth.length);
        response.writeBytes(auth);
        if ((capabilities & Capabilities.PLUGIN_AUTH) != 0) {
            response.writeBytes(plugin.getBytes(StandardCharsets.UTF_8));
            response.write(0);
        }
        writePacket(1, response.toByteArray());
        return readPacket();
    }

    /** Logs in as root (no password) asking for DEPRECATE_EOF, and checks the OK. */
    RawMysqlClient loginAsRoot() throws IOException {
        Packet reply = login("root", "", BASIC_CAPABILITIES | Capabilities.DEPRECATE_EOF, "mysql_native_password");
        if (reply.header() != 0) {
            throw new AssertionError("login failed: " + Arrays.toString(reply.payload()));
        }
        return this;
    }

    static byte[] command(int code, String argument) {
        byte[] text = argument.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + text.length];
        payload[0] = (byte) code;
        System.arraycopy(text, 0, payload, 1, text.length);
        return payload;
    }

    /** Frames {@code payload} as one wire packet (splitting at 16 MB) starting at {@code sequenceId}. */
    static byte[] frame(int sequenceId, byte[] payload) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream(payload.length + 8);
        int offset = 0;
        int sequence = sequenceId;
        while (true) {
            int chunk = Math.min(0xffffff, payload.length - offset);
            framed.write(chunk & 0xff);
            framed.write(chunk >>> 8 & 0xff);
            framed.write(chunk >>> 16 & 0xff);
            framed.write(sequence++ & 0xff);
            framed.write(payload, offset, chunk);
            offset += chunk;
            if (chunk < 0xffffff) {
                return framed.toByteArray();
            }
        }
    }

    void writePacket(int sequenceId, byte[] payload) throws IOException {
        writeRaw(frame(sequenceId, payload));
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command as sequence 0 and returns its first reply packet. */
    Packet query(String sql) throws IOException {
        writePacket(0, command(CommandDispatcher.COM_QUERY, sql));
        return readPacket();
    }

    /** Reads one payload, joining 16 MB continuation packets. */
    Packet readPacket() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while (true) {
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
            int sequenceId = in.readUnsignedByte();
            byte[] chunk = new byte[length];
            in.readFully(chunk);
            payload.writeBytes(chunk);
            if (length < 0xffffff) {
                return new Packet(sequenceId, payload.toByteArray());
            }
        }
    }

    /** Reads wire packets until the server closes the socket; true if it did before the timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard whatever comes before the close
            }
            return true;
        } catch (SocketException e) {
            return true; // connection reset: closed as well
        } catch (EOFException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static void writeInt4(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i) & 0xff);
        }
    }

    private static int indexOf(byte[] bytes, int from, byte value) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
