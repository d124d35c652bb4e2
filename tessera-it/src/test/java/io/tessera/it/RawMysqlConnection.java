package io.tessera.it;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal MySQL client over a plain socket that logs in as root without a password and sends
 * COM_QUERY payloads of any bytes (not only valid UTF-8), for tests that feed the FE what real
 * drivers refuse to send. Reads time out, so a missing reply fails the test instead of hanging it.
 *
 * <p>Threading: one thread at a time.
 */
final class RawMysqlConnection implements Closeable {
    private static final int PROTOCOL_41 = 0x200;
    private static final int SECURE_CONNECTION = 0x8000;
    private static final int PLUGIN_AUTH = 0x80000;
    private static final int LONG_PASSWORD = 1;
    private static final int COM_QUERY = 0x03;

    /** What the server answered to one command. */
    sealed interface Reply permits Ok, Error, Rows {
    }

    record Ok() implements Reply {
    }

    /** An ERR packet: MySQL code, SQLSTATE and message as a client prints them. */
    record Error(int code, String sqlState, String message) implements Reply {
        @Override
        public String toString() {
            return code + " (" + sqlState + "): " + message;
        }
    }

    /** A result set's rows, each value as text (null for SQL NULL). */
    record Rows(List<List<String>> rows) implements Reply {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawMysqlConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and logs in as root with an empty password. */
    static RawMysqlConnection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            RawMysqlConnection connection = new RawMysqlConnection(socket);
            connection.login();
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void login() throws IOException {
        readPacket(); // the handshake; an empty password needs no scramble
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        writeInt4(response, LONG_PASSWORD | PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH);
        writeInt4(response, 1 << 24);
        response.write(33);
        response.write(new byte[23]);
        response.writeBytes("root".getBytes(StandardCharsets.UTF_8));
        response.write(0);
        response.write(0); // empty auth response
        response.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
        response.write(0);
        writePacket(1, response.toByteArray());
        byte[] reply = readPacket();
        if (reply.length == 0 || reply[0] != 0) {
            throw new IOException("login as root failed: " + new String(reply, StandardCharsets.UTF_8));
        }
    }

    Reply query(String sql) throws IOException {
        return query(sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the bytes as one COM_QUERY and reads the whole reply. */
    Reply query(byte[] sql) throws IOException {
        byte[] payload = new byte[sql.length + 1];
        payload[0] = COM_QUERY;
        System.arraycopy(sql, 0, payload, 1, sql.length);
        writePacket(0, payload);
        byte[] first = readPacket();
        int header = first.length == 0 ? -1 : first[0] & 0xff;
        if (header == 0xff) {
            return error(first);
        }
        if (header == 0) {
            return new Ok();
        }
        int columns = header; // fewer than 251 columns in every test
        for (int i = 0; i < columns; i++) {
            readPacket();
        }
        expectEof(readPacket());
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            byte[] row = readPacket();
            if (isEof(row)) {
                return new Rows(rows);
            }
            if ((row[0] & 0xff) == 0xff) {
                return error(row);
            }
            rows.add(textRow(row, columns));
        }
    }

    private static Error error(byte[] payload) {
        int code = (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
        String state = new String(payload, 4, 5, StandardCharsets.UTF_8);
        return new Error(code, state, new String(payload, 9, payload.length - 9, StandardCharsets.UTF_8));
    }

    private static List<String> textRow(byte[] row, int columns) {
        List<String> values = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < columns; i++) {
            int first = row[at] & 0xff;
            if (first == 0xfb) {
                values.add(null);
                at++;
                continue;
            }
            long length;
            if (first < 0xfb) {
                length = first;
                at += 1;
            } else if (first == 0xfc) {
                length = (row[at + 1] & 0xff) | (row[at + 2] & 0xff) << 8;
                at += 3;
            } else if (first == 0xfd) {
                length = (row[at + 1] & 0xff) | (row[at + 2] & 0xff) << 8 | (row[at + 3] & 0xff) << 16;
                at += 4;
            } else {
                throw new IllegalStateException("value too long for a test");
            }
            values.add(new String(row, at, (int) length, StandardCharsets.UTF_8));
            at += (int) length;
        }
        return values;
    }

    private static boolean isEof(byte[] payload) {
        return payload.length > 0 && payload.length < 9 && (payload[0] & 0xff) == 0xfe;
    }

    private static void expectEof(byte[] payload) throws IOException {
        if (!isEof(payload)) {
            throw new IOException("expected an EOF packet after the column definitions");
        }
    }

    private void writePacket(int sequenceId, byte[] payload) throws IOException {
        byte[] framed = new byte[payload.length + 4];
        framed[0] = (byte) payload.length;
        framed[1] = (byte) (payload.length >>> 8);
        framed[2] = (byte) (payload.length >>> 16);
        framed[3] = (byte) sequenceId;
        System.arraycopy(payload, 0, framed, 4, payload.length);
        out.write(framed);
        out.flush();
    }

    private byte[] readPacket() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        in.readUnsignedByte(); // sequence id
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
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
}
