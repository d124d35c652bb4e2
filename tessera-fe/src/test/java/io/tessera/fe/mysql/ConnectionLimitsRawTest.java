package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.tessera.common.ManualClock;
import io.tessera.fe.mysql.RawMysqlClient.Packet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds and deadlines of MySQL connections through real sockets, with a manual clock:
 * qe_max_connection and max_user_connections, the login deadline and the cap on connections
 * still logging in, wait_timeout and interactive_timeout, Bad handshake, and result sets that
 * stream to a slow reader within bounded direct memory.
 */
class ConnectionLimitsRawTest {
    private static final int MAX_PACKET_BYTES = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private final ManualClock clock = new ManualClock(0);
    private MysqlServer server;

    private void start(ConnectionLimits limits) {
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), sessions, MAX_PACKET_BYTES, clock, limits);
        server.start();
    }

    private static ConnectionLimits limits(int total, int perUser, int unauthenticated, long loginTimeoutMs) {
        return new ConnectionLimits(total, perUser, unauthenticated, loginTimeoutMs, 60_000);
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
    void refusesALoginPastQeMaxConnectionAfterThePasswordAndAdmitsOneWhenAPlaceFrees() throws IOException {
        start(limits(2, 100, 256, 10_000));
        try (RawMysqlClient first = client().loginAsRoot(); RawMysqlClient second = client().loginAsRoot()) {
            try (RawMysqlClient third = client()) {
                Packet refused = third.login("root", "", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password");
                assertThat(refused.error()).isEqualTo("1203 42000 Reach limit of connections. Total: 2, User: 100,"
                        + " Current: 2");
                assertThat(third.closedByServer()).isTrue();
            }
            try (RawMysqlClient wrongPassword = client()) {
                Packet refused = wrongPassword.login("op", "wrong", RawMysqlClient.BASIC_CAPABILITIES,
                        "mysql_native_password");
                assertThat(refused.error()).as("the password is checked first").startsWith("1045 28000 ");
            }
            assertThat(sessions.opened).hasSize(2);
        }
        await().atMost(WAIT).until(() -> server.loggedInConnections() == 0);
        try (RawMysqlClient again = client().loginAsRoot()) {
            assertThat(again.query("select 1").payload()).containsExactly(1);
        }
    }

    @Test
    void refusesALoginPastTheUsersMaxUserConnectionsOnly() throws IOException {
        start(limits(10, 1, 256, 10_000));
        try (RawMysqlClient root = client().loginAsRoot(); RawMysqlClient secondRoot = client()) {
            Packet refused = secondRoot.login("root", "", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password");
            assertThat(refused.error()).isEqualTo("1203 42000 Reach limit of connections. Total: 10, User: 1,"
                    + " Current: 1");
            try (RawMysqlClient op = client()) {
                Packet ok = op.login("op", "secret", RawMysqlClient.BASIC_CAPABILITIES, "mysql_native_password");
                assertThat(ok.header()).isZero();
            }
        }
    }

    @Test
    void answersBadHandshakeToAGarbledHandshakeResponse() throws IOException {
        start(limits(10, 10, 256, 10_000));
        try (RawMysqlClient junk = client()) {
            junk.readHandshake();
            junk.writePacket(1, new byte[] {1, 2, 3, 4, 5});
            Packet error = junk.readPacket();
            assertThat(error.sequenceId()).isEqualTo(2);
            assertThat(error.error()).isEqualTo("1043 08S01 Bad handshake");
            assertThat(junk.closedByServer()).isTrue();
        }
        assertThat(server.unauthenticatedConnections()).isLessThanOrEqualTo(1);
    }

    @Test
    void closesAConnectionThatDoesNotLogInWithinTheDeadlineAndNotALoggedInOne() throws IOException {
        start(limits(10, 10, 256, 5_000));
        try (RawMysqlClient loggedIn = client().loginAsRoot(); RawMysqlClient silent = client()) {
            silent.readHandshake();
            await().atMost(WAIT).until(() -> server.unauthenticatedConnections() == 1);
            clock.advance(4_999, TimeUnit.MILLISECONDS);
            assertThat(server.closeOverdue()).isZero();

            clock.advance(1, TimeUnit.MILLISECONDS);
            assertThat(server.closeOverdue()).isEqualTo(1);
            assertThat(silent.closedByServer()).isTrue();
            assertThat(loggedIn.query("select 1").payload()).containsExactly(1);
        }
    }

    @Test
    void aFloodOfSocketsThatNeverLogInCannotKeepARealClientOut() throws IOException {
        start(limits(10, 10, 4, 10_000));
        List<RawMysqlClient> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                RawMysqlClient silent = client();
                silent.readHandshake();
                flood.add(silent);
            }
            await().atMost(WAIT).until(() -> server.unauthenticatedConnections() == 4);
            for (RawMysqlClient evicted : flood.subList(0, 4)) {
                assertThat(evicted.closedByServer()).isTrue();
            }
            try (RawMysqlClient real = client().loginAsRoot()) {
                assertThat(real.query("select 1").payload()).containsExactly(1);
            }
            assertThat(flood.get(4).closedByServer()).as("the oldest waiting one made room").isTrue();
            assertThat(server.unauthenticatedConnections()).isEqualTo(3);
        } finally {
            for (RawMysqlClient silent : flood) {
                silent.close();
            }
        }
    }

    @Test
    void closesAConnectionIdlePastWaitTimeoutCountingFromItsLastCommand() throws IOException {
        sessions.waitTimeoutSeconds = 100;
        start(limits(10, 10, 256, 10_000));
        try (RawMysqlClient idle = client().loginAsRoot()) {
            clock.advance(90, TimeUnit.SECONDS);
            assertThat(server.closeOverdue()).isZero();
            assertThat(idle.query("select 1").payload()).containsExactly(1);
            readUntilEnd(idle);
            // 185 s after the login but 95 s after the last command: still open.
            clock.advance(95, TimeUnit.SECONDS);
            assertThat(server.closeOverdue()).isZero();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
                clock.advance(1, TimeUnit.SECONDS);
                return server.closeOverdue() == 1;
            });
            assertThat(idle.closedByServer()).isTrue();
        }
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
        assertThat(sessions.closes.get()).isEqualTo(1);
    }

    @Test
    void anInteractiveClientIsHeldToInteractiveTimeout() throws IOException {
        sessions.waitTimeoutSeconds = 1_000;
        sessions.interactiveTimeoutSeconds = 10;
        start(limits(10, 10, 256, 10_000));
        try (RawMysqlClient batch = client().loginAsRoot(); RawMysqlClient console = client()) {
            Packet ok = console.login("root", "", RawMysqlClient.BASIC_CAPABILITIES | Capabilities.INTERACTIVE,
                    "mysql_native_password");
            assertThat(ok.header()).isZero();
            clock.advance(10, TimeUnit.SECONDS);
            assertThat(server.closeOverdue()).isEqualTo(1);
            assertThat(console.closedByServer()).isTrue();
            assertThat(batch.query("select 1").payload()).containsExactly(1);
        }
    }

    @Test
    void streamsALargeResultToASlowReaderWithinBoundedDirectMemory() throws IOException {
        start(limits(10, 10, 256, 10_000));
        int rows = 100_000;
        int width = 640; // 64 MB of rows
        long limitBytes = 16L * 1024 * 1024;
        try (RawMysqlClient client = client().loginAsRoot()) {
            assertThat(client.query("rows " + rows + " " + width).payload()).containsExactly(1);
            client.readPacket(); // the column definition
            long maxUsed = 0;
            int read = 0;
            while (true) {
                Packet packet = client.readPacket();
                if (packet.header() == 0xfe && packet.payload().length < 9) {
                    break;
                }
                assertThat(packet.payload()).hasSize(width + 3);
                read++;
                if (read % 1_000 == 1) {
                    maxUsed = Math.max(maxUsed, usedDirectMemory());
                }
            }
            assertThat(read).isEqualTo(rows);
            assertThat(maxUsed).as("direct memory while the rows were read").isLessThan(limitBytes);
            assertThat(client.query("select 1").payload()).containsExactly(1);
        }
    }

    @Test
    void closesAConnectionWhoseClientStopsReadingPastNetWriteTimeout() throws IOException {
        sessions.writeTimeoutSeconds = 30;
        start(limits(10, 10, 256, 10_000));
        try (RawMysqlClient client = client().loginAsRoot()) {
            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "rows 100000 640"));
            // Nothing is read: the writer stalls on the full socket and only net_write_timeout runs.
            await().atMost(WAIT).until(() -> {
                clock.advance(30, TimeUnit.SECONDS);
                return server.closeOverdue() == 1;
            });
            assertThat(client.closedByServer()).isTrue();
        }
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
        assertThat(sessions.closes.get()).isEqualTo(1);
    }

    @Test
    void aFailureWhileWritingRowsReachesTheClientAsAnErrorAfterTheRowsSentAndTheConnectionLives() throws IOException {
        start(limits(10, 10, 256, 10_000));
        try (RawMysqlClient client = client().loginAsRoot()) {
            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_STMT_PREPARE, "badint 1000"));
            Packet prepared = client.readPacket();
            assertThat(prepared.header()).isZero();
            byte[] execute = new byte[10];
            execute[0] = CommandDispatcher.COM_STMT_EXECUTE;
            System.arraycopy(prepared.payload(), 1, execute, 1, 4);
            execute[6] = 1; // iteration count
            client.writePacket(0, execute);
            assertThat(client.readPacket().payload()).containsExactly(1);
            client.readPacket(); // the column definition
            int rows = 0;
            Packet packet = client.readPacket();
            while (packet.header() == 0x00) {
                rows++;
                packet = client.readPacket();
            }
            assertThat(rows).isEqualTo(999);
            assertThat(packet.error()).startsWith("1105 HY000 errCode = 2, detailMessage = ");
            assertThat(client.query("select 1").payload()).containsExactly(1);
        }
    }

    @Test
    void aClientThatDisconnectsMidResultFreesItsConnectionAndPipelinedCommandsAfterAResultAreAnswered()
            throws IOException {
        start(limits(10, 10, 256, 10_000));
        try (RawMysqlClient client = client().loginAsRoot()) {
            client.writePacket(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY, "rows 100000 640"));
            client.readPacket();
        }
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
        assertThat(sessions.closes.get()).isEqualTo(1);
        assertThat(server.loggedInConnections()).isZero();

        try (RawMysqlClient client = client().loginAsRoot()) {
            client.writeRaw(concat(RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY,
                    "rows 5000 640")), RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY,
                    "select 1"))));
            assertThat(client.readPacket().payload()).containsExactly(1);
            client.readPacket();
            int rows = 0;
            while (client.readPacket().header() != 0xfe) {
                rows++;
            }
            assertThat(rows).isEqualTo(5000);
            assertThat(client.readPacket().payload()).containsExactly(1);
            client.readPacket();
            assertThat(client.readPacket().text(1)).isEqualTo("1");
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void readUntilEnd(RawMysqlClient client) throws IOException {
        while (true) {
            Packet packet = client.readPacket();
            if (packet.header() == 0xfe && packet.payload().length < 9) {
                return;
            }
        }
    }

    private static long usedDirectMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }
}
