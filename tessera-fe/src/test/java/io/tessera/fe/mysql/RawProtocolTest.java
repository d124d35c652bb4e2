package io.tessera.fe.mysql;

import io.tessera.fe.auth.NativePassword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.mysql.RawMysqlClient.Packet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol byte by byte, through a plain socket: commands, replies and edge cases. */
class RawProtocolTest {
    private static final int MAX_PACKET_BYTES = 1024 * 1024;

    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private MysqlServer server;

    private MysqlServer start(int maxPacketBytes) {
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), sessions, maxPacketBytes);
        server.start();
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        assertThat(sessions.violations).isEmpty();
    }

    private RawMysqlClient client() throws IOException {
        return new RawMysqlClient(server.port());
    }

    @Test
    void sendsHandshakeV10() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient first = client()) {
            Packet handshake = first.readHandshake();
            byte[] payload = handshake.payload();
            assertThat(handshake.sequenceId()).isZero();
            assertThat(payload[0]).isEqualTo((byte) 10);
            assertThat(new String(payload, 1, 6, StandardCharsets.US_ASCII)).isEqualTo("5.7.99");
            assertThat(payload[7]).isZero();
            assertThat(int4(payload, 8)).isZero();
            int afterPart1 = 12 + 8;
            assertThat(payload[afterPart1]).isZero();
            int capabilities = int2(payload, afterPart1 + 1) | int2(payload, afterPart1 + 6) << 16;
            assertThat(capabilities).isEqualTo(Capabilities.SERVER.flags());
            assertThat(capabilities & (Capabilities.SSL | Capabilities.COMPRESS | Capabilities.SESSION_TRACK)).isZero();
            assertThat(capabilities & Capabilities.MULTI_STATEMENTS).isNotZero();
            assertThat(payload[afterPart1 + 3]).isEqualTo((byte) 33);
            assertThat(int2(payload, afterPart1 + 4)).isEqualTo(2);
            assertThat(payload[afterPart1 + 8]).isEqualTo((byte) 21);
            assertThat(first.scramble()).hasSize(20).doesNotContain((byte) 0);
            for (byte b : first.scramble()) {
                assertThat(b).isBetween((byte) 1, (byte) 127);
            }
            assertThat(new String(payload, payload.length - 22, 22, StandardCharsets.US_ASCII))
                    .isEqualTo("mysql_native_password\0");
            try (RawMysqlClient second = client()) {
                assertThat(int4(second.readHandshake().payload(), 8)).isEqualTo(1);
                assertThat(second.scramble()).isNotEqualTo(first.scramble());
            }
        }
    }

    @Test
    void answersCommands() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client().loginAsRoot()) {
            Packet ping = sendCommand(client, CommandDispatcher.COM_PING, "");
            assertThat(ping.sequenceId()).isEqualTo(1);
            assertThat(ping.payload()).containsExactly(0, 0, 0, 2, 0, 0, 0);

            Packet ok = client.query("insert");
            assertThat(ok.payload()).containsExactly(0, 3, 0, 2, 0, 1, 0, 10,
                    'R', 'e', 'c', 'o', 'r', 'd', 's', ':', ' ', '3');

            Packet statistics = sendCommand(client, CommandDispatcher.COM_STATISTICS, "");
            assertThat(statistics.text(0)).matches("Uptime: \\d+  Threads: 1  Questions: 1  Slow queries: 0  "
                    + "Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: \\d+\\.\\d{3}");

            assertThat(sendCommand(client, CommandDispatcher.COM_INIT_DB, "demo").header()).isZero();
            assertThat(sendCommand(client, CommandDispatcher.COM_INIT_DB, "nodb").error())
                    .isEqualTo("1049 42000 errCode = 2, detailMessage = Unknown database 'nodb'");
            assertThat(sendCommand(client, CommandDispatcher.COM_RESET_CONNECTION, "").header()).isZero();
            assertThat(sendCommand(client, CommandDispatcher.COM_SET_OPTION, "\0\0").payload())
                    .containsExactly(0xfe, 0, 0, 2, 0, 0, 0);

            assertThat(sendCommand(client, 0x63, "").error()).isEqualTo("1047 08S01 Unknown command");
            assertThat(sendCommand(client, CommandDispatcher.COM_CHANGE_USER, "").error())
                    .isEqualTo("1105 HY000 errCode = 2, detailMessage = Malformed packet: missing NUL terminator");
            assertThat(client.query("throw").error())
                    .isEqualTo("1105 HY000 errCode = 2, detailMessage = Internal error while executing the statement; "
                    + "see the FE log (fe.log) for details");
            assertThat(client.query("boom").error())
                    .isEqualTo("1105 HY000 errCode = 2, detailMessage = Internal error while executing the statement; "
                    + "see the FE log (fe.log) for details");
            assertThat(sendCommand(client, CommandDispatcher.COM_PING, "").header()).isZero();

            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_QUIT, ""));
            assertThat(client.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.closes.get() == 1);
        assertThat(sessions.statements).containsExactly("insert", "USE demo", "USE nodb", "throw", "boom");
    }

    @Test
    void writesResultSetsWithAndWithoutDeprecateEof() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient modern = client().loginAsRoot()) {
            assertThat(modern.query("select null_cell").payload()).containsExactly(1);
            Packet column = modern.readPacket();
            assertThat(column.sequenceId()).isEqualTo(2);
            assertThat(column.text(0)).contains("def").contains("null_cell");
            assertThat(modern.readPacket().payload()).containsExactly(1, 'a');
            assertThat(modern.readPacket().payload()).containsExactly(0xfb);
            Packet end = modern.readPacket();
            assertThat(end.payload()).containsExactly(0xfe, 0, 0, 2, 0, 0, 0);
            assertThat(end.sequenceId()).isEqualTo(5);
        }
        try (RawMysqlClient classic = client()) {
            assertThat(classic.login("root", "", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password").header())
                    .isZero();
            assertThat(classic.query("select 1").payload()).containsExactly(1);
            byte[] column = classic.readPacket().payload();
            assertThat(column).containsExactly(3, 'd', 'e', 'f', 0, 0, 0, 1, '1', 1, '1',
                    0x0c, 63, 0, 20, 0, 0, 0, 8, 0x80, 0x80, 0, 0, 0);
            assertThat(classic.readPacket().payload()).containsExactly(0xfe, 0, 0, 2, 0);
            assertThat(classic.readPacket().payload()).containsExactly(1, '1');
            assertThat(classic.readPacket().payload()).containsExactly(0xfe, 0, 0, 2, 0);
        }
    }

    @Test
    void theLastEndOfRowsCarriesTheWarningCount() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient modern = client().loginAsRoot()) {
            assertThat(modern.query("select warned").payload()).containsExactly(1);
            modern.readPacket();
            assertThat(modern.readPacket().payload()).containsExactly(1, 'a');
            assertThat(modern.readPacket().payload()).containsExactly(0xfe, 0, 0, 2, 0, 2, 0);
        }
        try (RawMysqlClient classic = client()) {
            assertThat(classic.login("root", "", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password").header())
                    .isZero();
            assertThat(classic.query("select warned").payload()).containsExactly(1);
            classic.readPacket();
            assertThat(classic.readPacket().payload()).as("after the columns: no count").containsExactly(0xfe, 0, 0, 2, 0);
            assertThat(classic.readPacket().payload()).containsExactly(1, 'a');
            assertThat(classic.readPacket().payload()).containsExactly(0xfe, 2, 0, 2, 0);
        }
    }

    @Test
    void answersFieldList() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client().loginAsRoot()) {
            Packet id = sendCommand(client, CommandDispatcher.COM_FIELD_LIST, "t\0%");
            assertThat(id.payload()).containsExactly(3, 'd', 'e', 'f', 2, 'd', 'b', 1, 't', 1, 't', 2, 'i', 'd',
                    2, 'i', 'd', 0x0c, 63, 0, 20, 0, 0, 0, 8, 0x80, 0x80, 0, 0, 0, 0);
            Packet name = client.readPacket();
            assertThat(name.payload()).containsExactly(3, 'd', 'e', 'f', 2, 'd', 'b', 1, 't', 1, 't', 4, 'n', 'a',
                    'm', 'e', 4, 'n', 'a', 'm', 'e', 0x0c, 33, 0, 96, 0, 0, 0, 0xfd, 0, 0, 0, 0, 0, 0);
            assertThat(client.readPacket().payload()).containsExactly(0xfe, 0, 0, 2, 0, 0, 0);
            assertThat(sendCommand(client, CommandDispatcher.COM_FIELD_LIST, "x\0").error())
                    .isEqualTo("1051 42S02 errCode = 2, detailMessage = Unknown table 'x'");
        }
    }

    @Test
    void answersPipelinedCommandsInOrder() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client().loginAsRoot()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            batch.writeBytes(RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "slow")));
            batch.writeBytes(RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "select 1")));
            batch.writeBytes(RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "fail")));
            batch.writeBytes(RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_PING, "")));
            client.writeRaw(batch.toByteArray());

            assertThat(client.readPacket().payload()).containsExactly(1);
            client.readPacket();
            assertThat(client.readPacket().text(1)).isEqualTo("done");
            client.readPacket();
            assertThat(client.readPacket().payload()).containsExactly(1);
            client.readPacket();
            assertThat(client.readPacket().payload()).containsExactly(1, '1');
            client.readPacket();
            assertThat(client.readPacket().error()).isEqualTo("1105 HY000 errCode = 2, detailMessage = fail on purpose");
            assertThat(client.readPacket().header()).isZero();
        }
        assertThat(sessions.statements).containsExactly("slow", "select 1", "fail");
    }

    @Test
    void switchesOtherPluginsToNativePassword() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client()) {
            Packet switchRequest = client.login("op", "secret", RawMysqlClient.BASIC_CAPABILITIES,
                    "caching_sha2_password");
            assertThat(switchRequest.sequenceId()).isEqualTo(2);
            byte[] expected = concat(new byte[] {(byte) 0xfe}, "mysql_native_password\0".getBytes(StandardCharsets.US_ASCII),
                    client.scramble(), new byte[] {0});
            assertThat(switchRequest.payload()).isEqualTo(expected);
            client.writePacket(3, NativePassword.scramble("secret", client.scramble()));
            Packet ok = client.readPacket();
            assertThat(ok.header()).isZero();
            assertThat(ok.sequenceId()).isEqualTo(4);
        }
    }

    @Test
    void refusesWrongPasswordAndCloses() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client()) {
            Packet refused = client.login("op", "nope", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password");
            assertThat(refused.sequenceId()).isEqualTo(2);
            assertThat(refused.error())
                    .isEqualTo("1045 28000 Access denied for user 'op'@'127.0.0.1' (using password: YES)");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(sessions.opened).isEmpty();
    }

    @Test
    void closesWhenLoginFailsUnexpectedly() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client()) {
            Packet refused = client.login("crash", "", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password");
            assertThat(refused.error()).isEqualTo(
                    "1105 HY000 errCode = 2, detailMessage = Internal error while logging in; "
                    + "see the FE log (fe.log) for details");
            assertThat(client.closedByServer()).isTrue();
        }
        assertGoodClientWorks();
    }

    @Test
    void joinsAndSplitsPacketsOf16Megabytes() throws IOException {
        start(64 * 1024 * 1024);
        try (RawMysqlClient client = client().loginAsRoot()) {
            char[] filler = new char[0xffffff + 100];
            Arrays.fill(filler, 'y');
            String longSql = "length " + new String(filler);
            assertThat(client.query(longSql).payload()).containsExactly(1);
            client.readPacket();
            assertThat(client.readPacket().text(1)).isEqualTo(String.valueOf(longSql.length()));
            client.readPacket();

            for (int cellBytes : new int[] {0xffffff - 4, 0xffffff + 10}) {
                assertThat(client.query("big " + cellBytes).payload()).containsExactly(1);
                client.readPacket();
                Packet row = client.readPacket();
                boolean needs8ByteLength = cellBytes >= 1 << 24;
                assertThat(row.payload()).hasSize((needs8ByteLength ? 9 : 4) + cellBytes);
                assertThat(row.payload()[0] & 0xff).isEqualTo(needs8ByteLength ? 0xfe : 0xfd);
                assertThat(row.payload()[row.payload().length - 1]).isEqualTo((byte) 'x');
                assertThat(row.sequenceId()).as("the last of two wire packets").isEqualTo(4);
                assertThat(client.readPacket().payload()[0] & 0xff).isEqualTo(0xfe);
            }
            assertThat(sendCommand(client, CommandDispatcher.COM_PING, "").header()).isZero();
        }
    }

    @Test
    void refusesOversizedPacketAndCloses() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client().loginAsRoot()) {
            char[] filler = new char[MAX_PACKET_BYTES];
            Arrays.fill(filler, 'z');
            Packet refused = client.query("select '" + new String(filler) + "'");
            assertThat(refused.error()).isEqualTo("1153 08S01 Got a packet bigger than 'max_allowed_packet' bytes");
            assertThat(refused.sequenceId()).isEqualTo(1);
            assertThat(client.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.closes.get() == 1);
        assertThat(sessions.statements).isEmpty();
        assertGoodClientWorks();
    }

    @Test
    void closesOnHugeLengthHeader() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client().loginAsRoot()) {
            client.writeRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0});
            assertThat(client.readPacket().error()).startsWith("1153 08S01 ");
            assertThat(client.closedByServer()).isTrue();
        }
        assertGoodClientWorks();
    }

    @Test
    void closesOnGarbage() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient http = client()) {
            http.readHandshake();
            http.writeRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(http.readPacket().error()).startsWith("1153 08S01 ");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawMysqlClient junk = client()) {
            junk.readHandshake();
            junk.writeRaw(new byte[] {5, 0, 0, 1, 1, 2, 3, 4, 5});
            assertThat(junk.closedByServer()).isTrue();
        }
        assertGoodClientWorks();
    }

    @Test
    void closesOnTruncatedHandshakeResponse() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient truncated = client()) {
            truncated.readHandshake();
            byte[] response = new byte[36];
            response[1] = (byte) (Capabilities.PROTOCOL_41 >>> 8);
            response[32] = 'r';
            response[33] = 'o';
            response[34] = 'o';
            response[35] = 't'; // no NUL after the user name
            truncated.writePacket(1, response);
            assertThat(truncated.closedByServer()).isTrue();
        }
        try (RawMysqlClient sslRequest = client()) {
            sslRequest.readHandshake();
            byte[] response = new byte[32];
            int flags = Capabilities.PROTOCOL_41 | Capabilities.SSL;
            response[0] = (byte) flags;
            response[1] = (byte) (flags >>> 8);
            sslRequest.writePacket(1, response);
            assertThat(sslRequest.closedByServer()).isTrue();
        }
        try (RawMysqlClient lenencOverrun = client()) {
            lenencOverrun.readHandshake();
            byte[] response = new byte[40];
            int flags = Capabilities.PROTOCOL_41 | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA;
            response[1] = (byte) (flags >>> 8);
            response[2] = (byte) (flags >>> 16);
            response[32] = 'x';
            response[33] = 0;
            response[34] = (byte) 0xfc; // a 2-byte length far past the end
            response[35] = (byte) 0xff;
            response[36] = (byte) 0x7f;
            lenencOverrun.writePacket(1, response);
            assertThat(lenencOverrun.closedByServer()).isTrue();
        }
        assertGoodClientWorks();
        assertThat(sessions.opened).hasSize(1);
    }

    @Test
    void closesSessionOnceWhenClientDisconnects() throws IOException {
        start(MAX_PACKET_BYTES);
        try (RawMysqlClient client = client().loginAsRoot()) {
            client.query("slow");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        assertThat(sessions.closes.get()).isEqualTo(1);
    }

    private void assertGoodClientWorks() throws IOException {
        try (RawMysqlClient good = client().loginAsRoot()) {
            assertThat(good.query("select 1").payload()).containsExactly(1);
        }
    }

    private static Packet sendCommand(RawMysqlClient client, int command, String argument) throws IOException {
        client.writePacket(0, RawMysqlClient.command(command, argument));
        return client.readPacket();
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
