package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.auth.NativePassword;
import io.tessera.fe.mysql.RawMysqlClient.Packet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * COM_STMT_*, multi-statement queries and COM_CHANGE_USER byte by byte: malformed statement
 * packets get an error and leave the connection usable, and COM_CHANGE_USER logs in again.
 */
class StatementCommandsRawTest {
    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private MysqlServer server;

    @BeforeEach
    void startServer() {
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), sessions, 1024 * 1024,
                new PreparedStatementLimits(3, 1024));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        assertThat(sessions.violations).isEmpty();
    }

    private RawMysqlClient client() throws IOException {
        return new RawMysqlClient(server.port()).loginAsRoot();
    }

    @Test
    void preparesCountingPlaceholdersOutsideStringsAndComments() throws IOException {
        try (RawMysqlClient client = client()) {
            Packet prepared = send(client, CommandDispatcher.COM_STMT_PREPARE,
                    bytes("select ?, '?', `?`, \"a\\\"?\" /* ? */ -- ?\n, ? # ?\n"));
            assertThat(prepared.header()).isZero();
            int id = int4(prepared.payload(), 1);
            assertThat(id).isPositive();
            assertThat(int2(prepared.payload(), 5)).as("columns").isZero();
            assertThat(int2(prepared.payload(), 7)).as("parameters").isEqualTo(2);
            // Two parameter definitions, then (DEPRECATE_EOF) no EOF.
            assertThat(client.readPacket().text(0)).contains("?");
            assertThat(client.readPacket().text(0)).contains("?");
            assertSelectOne(client);
        }
    }

    @Test
    void malformedStatementCommandsGetAnErrorAndTheConnectionLives() throws IOException {
        try (RawMysqlClient client = client()) {
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(77), new byte[] {0}, int4(1)).error())
                    .isEqualTo("1243 HY000 Unknown prepared statement handler (77) given to mysqld_stmt_execute");
            assertThat(send(client, CommandDispatcher.COM_STMT_RESET, int4(77)).error())
                    .isEqualTo("1243 HY000 Unknown prepared statement handler (77) given to mysqld_stmt_reset");
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, new byte[] {1}).error())
                    .startsWith("1105 HY000 errCode = 2, detailMessage = Malformed packet: packet ends before int<4>");

            Packet prepared = send(client, CommandDispatcher.COM_STMT_PREPARE, bytes("select ?"));
            int id = int4(prepared.payload(), 1);
            client.readPacket();
            // Truncated: the null bitmap and nothing more.
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {0}).error()).startsWith("1105 HY000 errCode = 2, detailMessage = Malformed packet:");
            // Types bound, value cut short: an INT needs 4 bytes.
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {0, 1, 3, 0, 1, 2}).error())
                    .startsWith("1105 HY000 errCode = 2, detailMessage = Malformed packet: packet ends before int<4>");
            // Wrong count: values for two parameters where there is one.
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {0, 1, 1, 0, 5, 6}).error())
                    .isEqualTo("1105 HY000 errCode = 2, detailMessage = Malformed packet: 1 bytes after the last parameter");
            // Unknown statements for the unanswered commands: nothing comes back, the next command works.
            client.writePacket(0, concat(new byte[] {CommandDispatcher.COM_STMT_CLOSE}, int4(99)));
            client.writePacket(0, concat(new byte[] {CommandDispatcher.COM_STMT_SEND_LONG_DATA}, int4(99)));
            client.writePacket(0, new byte[] {CommandDispatcher.COM_STMT_CLOSE});
            assertSelectOne(client);
            assertThat(send(client, CommandDispatcher.COM_STMT_FETCH, int4(id), int4(10)).error())
                    .startsWith("1047 08S01 COM_STMT_FETCH is not supported");
            assertSelectOne(client);
        }
    }

    @Test
    void executesWithSubstitutedParametersAndAnswersBinaryRows() throws IOException {
        try (RawMysqlClient client = client()) {
            Packet prepared = send(client, CommandDispatcher.COM_STMT_PREPARE, bytes("length ?"));
            int id = int4(prepared.payload(), 1);
            client.readPacket();
            // A string parameter: type VAR_STRING, value "it's".
            Packet columnCount = send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {0, 1, (byte) 0xfd, 0, 4}, bytes("it's"));
            assertThat(columnCount.payload()).containsExactly(1);
            client.readPacket(); // column definition
            byte[] row = client.readPacket().payload();
            assertThat(row).hasSize(1 + 1 + 8);
            assertThat(row[0]).as("header").isZero();
            assertThat(row[1]).as("null bitmap").isZero();
            assertThat(int4(row, 2)).isEqualTo("length 'it''s'".length());
            assertThat(client.readPacket().header()).isEqualTo(0xfe);
            assertThat(sessions.statements).contains("length 'it''s'");
            // A NULL parameter (bitmap bit 0), types not re-sent.
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {1, 0}).payload()).containsExactly(1);
            client.readPacket();
            client.readPacket();
            client.readPacket();
            assertThat(sessions.statements).contains("length NULL");

            // Long data in two chunks takes the place of the value; too much of it fails the execution.
            client.writePacket(0, concat(new byte[] {CommandDispatcher.COM_STMT_SEND_LONG_DATA}, int4(id),
                    new byte[] {0, 0}, bytes("a\\")));
            client.writePacket(0, concat(new byte[] {CommandDispatcher.COM_STMT_SEND_LONG_DATA}, int4(id),
                    new byte[] {0, 0}, bytes("'b")));
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {0, 1, (byte) 0xfc, 0}).payload()).containsExactly(1);
            client.readPacket();
            client.readPacket();
            client.readPacket();
            assertThat(sessions.statements).contains("length 'a\\\\''b'");
            client.writePacket(0, concat(new byte[] {CommandDispatcher.COM_STMT_SEND_LONG_DATA}, int4(id),
                    new byte[] {0, 0}, new byte[2000]));
            assertThat(send(client, CommandDispatcher.COM_STMT_EXECUTE, int4(id), new byte[] {0}, int4(1),
                    new byte[] {0, 1, (byte) 0xfc, 0}).error()).isEqualTo("1105 HY000 errCode = 2, detailMessage = "
                    + "Parameter data sent with COM_STMT_SEND_LONG_DATA exceeds max_allowed_packet");
        }
    }

    @Test
    void limitsPreparedStatementsPerConnectionAndFreesThemOnClose() throws IOException {
        try (RawMysqlClient client = client()) {
            int first = 0;
            for (int i = 0; i < 3; i++) {
                Packet prepared = send(client, CommandDispatcher.COM_STMT_PREPARE, bytes("select 1"));
                assertThat(prepared.header()).isZero();
                if (i == 0) {
                    first = int4(prepared.payload(), 1);
                }
            }
            assertThat(send(client, CommandDispatcher.COM_STMT_PREPARE, bytes("select 1")).error())
                    .isEqualTo("1461 42000 Can't create more than max_prepared_stmt_count statements (current value: 3)");
            client.writePacket(0, concat(new byte[] {CommandDispatcher.COM_STMT_CLOSE}, int4(first)));
            assertThat(send(client, CommandDispatcher.COM_STMT_PREPARE, bytes("select 1")).header()).isZero();
        }
        try (RawMysqlClient other = client()) {
            assertThat(send(other, CommandDispatcher.COM_STMT_PREPARE, bytes("select 1")).header()).isZero();
        }
    }

    @Test
    void runsMultiStatementQueriesOnlyWhenAskedTo() throws IOException {
        try (RawMysqlClient client = client()) {
            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_SET_OPTION, "\0\0"));
            client.readPacket();
            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "insert; select 1; insert"));
            Packet first = client.readPacket();
            assertThat(first.header()).isZero();
            assertThat(int2(first.payload(), 3) & HandshakePacket.SERVER_MORE_RESULTS_EXISTS).isNotZero();
            assertThat(client.readPacket().payload()).containsExactly(1);
            client.readPacket(); // column definition
            client.readPacket(); // row
            Packet endOfRows = client.readPacket();
            assertThat(endOfRows.header()).isEqualTo(0xfe);
            assertThat(int2(endOfRows.payload(), 3) & HandshakePacket.SERVER_MORE_RESULTS_EXISTS).isNotZero();
            Packet last = client.readPacket();
            assertThat(last.header()).isZero();
            assertThat(int2(last.payload(), 3) & HandshakePacket.SERVER_MORE_RESULTS_EXISTS).isZero();

            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "insert; fail; insert"));
            assertThat(int2(client.readPacket().payload(), 3) & HandshakePacket.SERVER_MORE_RESULTS_EXISTS)
                    .isNotZero();
            assertThat(client.readPacket().header()).isEqualTo(0xff);
            assertSelectOne(client);

            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_SET_OPTION, "\1\0"));
            client.readPacket();
            client.query("insert; insert");
            assertThat(sessions.statements).endsWith("insert; insert");
        }
    }

    @Test
    void changeUserLogsInAgainWithAFreshSession() throws IOException {
        try (RawMysqlClient client = client()) {
            Packet prepared = send(client, CommandDispatcher.COM_STMT_PREPARE, bytes("select 1"));
            int id = int4(prepared.payload(), 1);
            Packet ok = send(client, CommandDispatcher.COM_CHANGE_USER, changeUser("op", "secret", client.scramble(),
                    "demo"));
            assertThat(ok.header()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> sessions.closes.get() == 1);
            assertThat(sessions.opened).hasSize(2);
            assertThat(send(client, CommandDispatcher.COM_STMT_RESET, int4(id)).error())
                    .as("prepared statements are freed").startsWith("1243");
            assertSelectOne(client);

            Packet refused = send(client, CommandDispatcher.COM_CHANGE_USER, changeUser("op", "wrong",
                    client.scramble(), ""));
            assertThat(refused.error())
                    .isEqualTo("1045 28000 Access denied for user 'op'@'127.0.0.1' (using password: YES)");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    /** Runs {@code select 1} and reads its whole answer: count, definition, row, end. */
    private static void assertSelectOne(RawMysqlClient client) throws IOException {
        assertThat(client.query("select 1").payload()).containsExactly(1);
        client.readPacket();
        assertThat(client.readPacket().text(0)).isEqualTo("\u00011");
        assertThat(client.readPacket().header()).isEqualTo(0xfe);
    }

    private static byte[] changeUser(String user, String password, byte[] scramble, String database) {
        byte[] auth = NativePassword.scramble(password, scramble);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(user));
        out.write(0);
        out.write(auth.length);
        out.writeBytes(auth);
        out.writeBytes(bytes(database));
        out.write(0);
        out.write(33);
        out.write(0);
        out.writeBytes(bytes("mysql_native_password"));
        out.write(0);
        return out.toByteArray();
    }

    private static Packet send(RawMysqlClient client, int command, byte[]... parts) throws IOException {
        client.writePacket(0, concat(new byte[] {(byte) command}, concat(parts)));
        return client.readPacket();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] int4(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    private static int int2(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
    }

    private static int int4(byte[] bytes, int offset) {
        return int2(bytes, offset) | int2(bytes, offset + 2) << 16;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
