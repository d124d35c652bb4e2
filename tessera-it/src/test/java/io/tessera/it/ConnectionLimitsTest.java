package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, items 2 and 3, on a real FE and BE: a flood of sockets that never log in keeps neither
 * a real client from logging in nor the HTTP port from answering, and the login deadline closes
 * them; {@code qe_max_connection} refuses one login too many with Doris's error; and a result of
 * about 128,000 rows (some 40 MB) reaches a slowly reading client from an FE whose direct memory is
 * capped at 64 MB, which the result and the scan that made it together exceed.
 */
class ConnectionLimitsTest {
    private static final String HOST_PREFIX = TestAddresses.CONNECTION_LIMITS_PREFIX;
    private static final int MAX_CONNECTIONS = 8;
    private static final int LOGIN_TIMEOUT_SECONDS = 3;
    private static final int FLOOD = 2_000;
    private static final int NAME_CHARS = 300;
    private static final int SEED_ROWS = 1_000;
    private static final int DOUBLINGS = 7;
    private static final int ROWS = SEED_ROWS << DOUBLINGS;
    private static final int BLOCK_DOUBLINGS = 4;
    private static final int BLOCK_ROWS = SEED_ROWS << BLOCK_DOUBLINGS;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String NAME = "n".repeat(NAME_CHARS);

    private static ClusterFixture fixture;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(HOST_PREFIX, 1,
                "-Xmx384m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                ClusterFixture.BE_JVM, Map.of("qe_max_connection", Integer.toString(MAX_CONNECTIONS),
                        "login_timeout_second", Integer.toString(LOGIN_TIMEOUT_SECONDS),
                        "max_unauthenticated_connections", "256"));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE big");
            statement.execute("CREATE TABLE big.rows (id BIGINT NOT NULL, name VARCHAR(" + NAME_CHARS + ")) "
                    + "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 16 PROPERTIES (\"replication_num\" = \"1\")");
            StringBuilder insert = new StringBuilder("INSERT INTO big.rows VALUES ");
            for (int i = 0; i < SEED_ROWS; i++) {
                insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", '").append(NAME).append("')");
            }
            statement.executeUpdate(insert.toString());
            // Doubled up to a block of BLOCK_ROWS, then the block copied: no statement moves more than
            // BLOCK_ROWS rows through this FE's 64 MB of direct memory (a 64k-row copy could run out).
            for (int doubling = 0; doubling < BLOCK_DOUBLINGS; doubling++) {
                statement.executeUpdate("INSERT INTO big.rows SELECT id + " + (SEED_ROWS << doubling)
                        + ", name FROM big.rows");
            }
            for (int block = 1; block < ROWS / BLOCK_ROWS; block++) {
                statement.executeUpdate("INSERT INTO big.rows SELECT id + " + (long) block * BLOCK_ROWS
                        + ", name FROM big.rows WHERE id < " + BLOCK_ROWS);
            }
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String host() {
        return fixture.layout().frontendHost();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + host() + ":" + ClusterLayout.QUERY_PORT
                + "/?user=root&password=&connectTimeout=30000");
    }

    @Test
    void aFloodOfSocketsThatNeverLogInKeepsNeitherARealClientNorHttpOutAndTheLoginDeadlineClosesThem()
            throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(host(), ClusterLayout.QUERY_PORT), 30_000);
                flood.add(socket);
            }
            try (Connection real = connect(); Statement statement = real.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM big.rows")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(ROWS);
            }
            assertThat(Curl.get("http://" + host() + ":8030/api/health")).contains("\"status\": \"OK\"");
            for (Socket socket : flood) {
                socket.setSoTimeout((int) WAIT.toMillis());
                assertThat(closedByServer(socket.getInputStream())).isTrue();
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(frontendLog())
                .contains("did not log in within login_timeout_second")
                .contains("still logging in when max_unauthenticated_connections newer ones arrived"));
    }

    @Test
    void qeMaxConnectionRefusesOneLoginTooManyWithDorisError() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            SQLException refused = null;
            for (int i = 0; i <= MAX_CONNECTIONS && refused == null; i++) {
                try {
                    open.add(connect());
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat((Throwable) refused).as("one of %d logins past qe_max_connection", MAX_CONNECTIONS + 1).isNotNull();
            assertThat(refused.getErrorCode()).isEqualTo(1203);
            assertThat(refused.getMessage()).contains("Reach limit of connections. Total: " + MAX_CONNECTIONS
                    + ", User: 100, Current: " + MAX_CONNECTIONS);
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            try (Connection again = connect()) {
                assertThat(again.isValid(5)).isTrue();
            }
        });
    }

    @Test
    void setPropertyGivesOneUserItsOwnLimitAtTheNextLogin() throws Exception {
        try (Connection admin = connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER 'capped'@'%'");
            statement.execute("SET PROPERTY FOR 'capped' 'max_user_connections' = '2'");
        }
        String url = "jdbc:mysql://" + host() + ":" + ClusterLayout.QUERY_PORT
                + "/?user=capped&password=&connectTimeout=30000";
        try (Connection first = DriverManager.getConnection(url);
                Connection second = DriverManager.getConnection(url)) {
            SQLException refused = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url));
            assertThat(refused.getErrorCode()).isEqualTo(1203);
            assertThat(refused.getMessage()).contains("Reach limit of connections. Total: " + MAX_CONNECTIONS
                    + ", User: 2, Current: 2");
            try (Connection rootStill = connect()) {
                assertThat(rootStill.isValid(5)).isTrue();
            }
            assertThat(first.isValid(5) && second.isValid(5)).isTrue();
        }
    }

    @Test
    void aLargeResultReachesASlowReaderFromAnFeWithLittleDirectMemory() throws Exception {
        try (SlowReader reader = new SlowReader(host(), ClusterLayout.QUERY_PORT)) {
            long[] counts = reader.query("SELECT id, name FROM big.rows");
            assertThat(counts[0]).isEqualTo(ROWS);
            assertThat(counts[1]).as("bytes of rows").isGreaterThan(32L * 1024 * 1024);
            assertThat(reader.query("SELECT 1")[0]).isEqualTo(1);
        }
        try (Connection real = connect(); Statement statement = real.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(frontendLog()).doesNotContain("OutOfDirectMemoryError").doesNotContain("writing a result set failed");
    }

    @Test
    void aQueryWhoseScansPassMaxQueryScanBytesFailsNamingItAndTheNextQueryRuns() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ADMIN SET FRONTEND CONFIG (\"max_query_scan_bytes\" = \"1000000\")");
            try {
                assertThatThrownBy(() -> statement.executeQuery("SELECT id, name FROM big.rows"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("The scans of this query returned more than 1000000 bytes to the FE")
                        .hasMessageContaining("max_query_scan_bytes");
                try (ResultSet rows = statement.executeQuery("SELECT id FROM big.rows WHERE id = 7")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isEqualTo(7);
                }
            } finally {
                statement.execute("ADMIN SET FRONTEND CONFIG (\"max_query_scan_bytes\" = \"0\")");
            }
        }
    }

    private static String frontendLog() throws IOException {
        return java.nio.file.Files.readString(fixture.layout().frontend(Map.of()).logFile());
    }

    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // the handshake, then the close
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    /**
     * Logs in as root over a plain socket and reads a text result set packet by packet, pausing a
     * little now and then like a client that processes its rows, counting rows and bytes
     * instead of keeping them.
     */
    private static final class SlowReader implements AutoCloseable {
        private static final int CAPABILITIES = 1 | 0x200 | 0x8000 | 0x80000; // LONG_PASSWORD, 4.1, SECURE, PLUGIN_AUTH
        private static final int PAUSE_EVERY_ROWS = 2_000;
        private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;

        SlowReader(String host, int port) throws IOException {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress(host, port), 30_000);
            socket.setSoTimeout(120_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            readPacket();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            writeInt4(response, CAPABILITIES);
            writeInt4(response, 1 << 24);
            response.write(33);
            response.write(new byte[23]);
            response.writeBytes("root".getBytes(StandardCharsets.UTF_8));
            response.write(0);
            response.write(0);
            response.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
            response.write(0);
            writePacket(1, response.toByteArray());
            byte[] ok = readPacket();
            assertThat(ok[0]).as(new String(ok, StandardCharsets.UTF_8)).isZero();
        }

        /** Runs a query and returns {rows, bytes of rows}. */
        long[] query(String sql) throws IOException {
            byte[] text = sql.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[text.length + 1];
            payload[0] = 0x03;
            System.arraycopy(text, 0, payload, 1, text.length);
            writePacket(0, payload);
            byte[] first = readPacket();
            assertThat(first[0] & 0xff).as(new String(first, StandardCharsets.UTF_8)).isNotIn(0x00, 0xff);
            for (int i = 0; i < (first[0] & 0xff); i++) {
                readPacket();
            }
            assertThat(readPacket()[0] & 0xff).as("EOF after the columns").isEqualTo(0xfe);
            long rows = 0;
            long bytes = 0;
            while (true) {
                byte[] row = readPacket();
                if ((row[0] & 0xff) == 0xfe && row.length < 9) {
                    return new long[] {rows, bytes};
                }
                assertThat(row[0] & 0xff).as("an error instead of a row: %s", Arrays.toString(row)).isNotEqualTo(0xff);
                rows++;
                bytes += row.length;
                if (rows % PAUSE_EVERY_ROWS == 0) {
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
            }
        }

        private byte[] readPacket() throws IOException {
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
            in.readUnsignedByte();
            byte[] payload = new byte[length];
            in.readFully(payload);
            return payload;
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

        private static void writeInt4(ByteArrayOutputStream out, int value) {
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
