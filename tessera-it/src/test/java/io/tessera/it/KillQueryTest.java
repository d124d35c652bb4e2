package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.NodeSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries you can see and stop, on real processes (an FE and one BE): a {@code SELECT sleep(30)}
 * is listed by SHOW PROCESSLIST from another connection and stopped by KILL QUERY (the connection
 * stays usable), KILL CONNECTION, both drivers' {@code Statement.cancel()} and
 * {@code setQueryTimeout}, {@code SET query_timeout}, and the mariadb CLI killing from a second
 * session and on Ctrl-C; a scan waiting on a frozen (SIGSTOPped) backend is killed at once.
 */
class KillQueryTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String SLEEP = "SELECT sleep(30)";
    private static final int ROWS = 10_000;
    private static ClusterFixture fixture;
    private static ExecutorService threads;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.KILL_QUERY_PREFIX, 1);
        threads = Executors.newFixedThreadPool(4);
        try (Connection connection = connect("mysql", "root"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE shop");
            statement.execute("CREATE TABLE shop.items (id BIGINT NOT NULL, name VARCHAR(32)) DUPLICATE KEY(id) "
                    + "DISTRIBUTED BY HASH(id) BUCKETS 8 PROPERTIES (\"replication_num\" = \"1\")");
            for (int load = 0; load < ROWS / 1000; load++) {
                StringBuilder insert = new StringBuilder("INSERT INTO shop.items VALUES ");
                for (int i = 0; i < 1000; i++) {
                    insert.append(i == 0 ? "" : ", ").append('(').append(load * 1000 + i).append(", 'item')");
                }
                statement.executeUpdate(insert.toString());
            }
            statement.execute("CREATE USER 'alice'@'%' IDENTIFIED BY ''");
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Connection connect(String driver, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:" + driver + "://" + fixture.layout().frontendHost() + ":"
                + ClusterLayout.QUERY_PORT + "/?user=" + user + "&password=");
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CONNECTION_ID()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs the statement on its own thread; the future fails with what the driver threw. */
    private static CompletableFuture<Void> runAsync(Statement statement, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (ResultSet ignored = statement.executeQuery(sql)) {
                // Finishing is the wrong outcome; the tests expect an error.
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    private static SQLException failure(CompletableFuture<Void> running) {
        await().atMost(BOUND).until(running::isDone);
        assertThat(running).isCompletedExceptionally();
        Throwable cause = running.handle((ok, error) -> error).join();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(SQLException.class);
        return (SQLException) cause;
    }

    /** Waits until SHOW PROCESSLIST, from another connection, shows the connection running the statement. */
    private static Map<String, String> awaitRunning(long connectionId, String sql) {
        List<Map<String, String>> found = new ArrayList<>();
        await().atMost(BOUND).until(() -> {
            found.clear();
            for (Map<String, String> row : fixture.client().rows("SHOW FULL PROCESSLIST")) {
                if (row.get("Id").equals(Long.toString(connectionId)) && row.get("Command").equals("Query")
                        && row.get("Info").equals(sql)) {
                    found.add(row);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    @Test
    void killQueryStopsASleepSeenInTheProcesslistAndTheConnectionStaysUsable() throws Exception {
        try (Connection victim = connect("mysql", "root"); Statement statement = victim.createStatement();
                Connection killer = connect("mysql", "root"); Statement kill = killer.createStatement()) {
            long id = connectionId(victim);
            CompletableFuture<Void> running = runAsync(statement, SLEEP);
            Map<String, String> row = awaitRunning(id, SLEEP);
            assertThat(row.get("User")).isEqualTo("root");
            assertThat(row.get("State")).isEqualTo("OK");
            assertThat(row.get("QueryId")).matches("[0-9a-f]{16}-[0-9a-f]{16}");
            try (ResultSet queries = kill.executeQuery("SHOW PROC '/current_queries'")) {
                List<String> ids = new ArrayList<>();
                while (queries.next()) {
                    ids.add(queries.getString("QueryId"));
                }
                assertThat(ids).contains(row.get("QueryId"));
            }

            kill.execute("KILL QUERY " + id);
            SQLException error = failure(running);
            assertThat(error.getErrorCode()).isEqualTo(1105);
            assertThat(error.getMessage()).contains("errCode = 2, detailMessage = cancel query by user from ");
            assertThat(single(victim, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void killConnectionClosesIt() throws Exception {
        try (Connection victim = connect("mysql", "root"); Statement statement = victim.createStatement();
                Connection killer = connect("mysql", "root"); Statement kill = killer.createStatement()) {
            long id = connectionId(victim);
            CompletableFuture<Void> running = runAsync(statement, SLEEP);
            awaitRunning(id, SLEEP);
            kill.execute("KILL CONNECTION " + id);
            failure(running);
            assertThat(victim.isValid(5)).isFalse();
            await().atMost(BOUND).until(() -> fixture.client().rows("SHOW PROCESSLIST").stream()
                    .noneMatch(r -> r.get("Id").equals(Long.toString(id))));
        }
    }

    @Test
    void aUserWithoutAdminMayNotKillAnotherUsersConnection() throws Exception {
        try (Connection root = connect("mysql", "root"); Connection alice = connect("mysql", "alice");
                Statement statement = alice.createStatement()) {
            long rootId = connectionId(root);
            SQLException denied = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> statement.execute("KILL " + rootId));
            assertThat(denied.getErrorCode()).isEqualTo(1095);
            assertThat(denied.getMessage()).isEqualTo(
                    "errCode = 2, detailMessage = You are not owner of thread or query: " + rootId);
            SQLException unknown = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> statement.execute("KILL 999999"));
            assertThat(unknown.getErrorCode()).isEqualTo(1094);
            assertThat(unknown.getMessage()).isEqualTo("errCode = 2, detailMessage = Unknown thread id: 999999");
            try (ResultSet rows = statement.executeQuery("SHOW PROCESSLIST")) {
                while (rows.next()) {
                    assertThat(rows.getString("User")).isEqualTo("alice");
                }
            }
            assertThat(root.isValid(5)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aDriversCancelStopsTheQuery(String driver) throws Exception {
        try (Connection connection = connect(driver, "root"); Statement statement = connection.createStatement()) {
            long id = connectionId(connection);
            CompletableFuture<Void> running = runAsync(statement, SLEEP);
            awaitRunning(id, SLEEP);
            statement.cancel();
            failure(running);
            assertThat(single(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aDriversQueryTimeoutStopsTheQuery(String driver) throws Exception {
        try (Connection connection = connect(driver, "root"); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            failure(runAsync(statement, SLEEP));
            statement.setQueryTimeout(0);
            assertThat(single(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void theSessionsQueryTimeoutStopsTheQueryWithDorisText() throws Exception {
        try (Connection connection = connect("mysql", "root"); Statement statement = connection.createStatement()) {
            statement.execute("SET query_timeout = 1");
            SQLException error = failure(runAsync(statement, SLEEP));
            assertThat(error.getErrorCode()).isEqualTo(1105);
            assertThat(error.getMessage())
                    .isEqualTo("errCode = 2, detailMessage = query is timeout, killed by timeout checker");
            statement.execute("SET query_timeout = 900");
            assertThat(single(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void anInsertIsLimitedByTheLargerOfInsertTimeoutAndQueryTimeout() throws Exception {
        try (Connection connection = connect("mysql", "root"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE shop.picked (id BIGINT NOT NULL) DUPLICATE KEY(id) "
                    + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
            String slowInsert = "INSERT INTO shop.picked SELECT id FROM shop.items WHERE id = 1 AND sleep(2)";
            statement.execute("SET query_timeout = 1");
            assertThat(statement.executeUpdate(slowInsert)).isEqualTo(1);

            statement.execute("SET insert_timeout = 1");
            SQLException error = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> statement.executeUpdate(slowInsert));
            assertThat(error.getMessage())
                    .isEqualTo("errCode = 2, detailMessage = query is timeout, killed by timeout checker");
            statement.execute("SET query_timeout = 900, insert_timeout = 14400");
            assertThat(single(connection, "SELECT count(*) FROM shop.picked")).isEqualTo("1");
        }
    }

    @Test
    void theMariadbCliKillsAQueryOfAnotherSession() throws Exception {
        String host = fixture.layout().frontendHost();
        Process sleeper = new ProcessBuilder("mariadb", "-h", host, "-P", Integer.toString(ClusterLayout.QUERY_PORT),
                "-uroot", "--connect-timeout=10", "-e", "SELECT sleep(31)").start();
        try {
            sleeper.getOutputStream().close();
            String[] id = new String[1];
            await().atMost(BOUND).until(() -> {
                for (Map<String, String> row : fixture.client().rows("SHOW FULL PROCESSLIST")) {
                    if (row.get("Info").equals("SELECT sleep(31)") && row.get("Command").equals("Query")) {
                        id[0] = row.get("Id");
                        return true;
                    }
                }
                return false;
            });
            MariadbCli.Output killed = new MariadbCli(host, ClusterLayout.QUERY_PORT).root("KILL QUERY " + id[0]);
            assertThat(killed.exitCode()).as(killed.stderr()).isZero();
            assertThat(sleeper.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String stderr = new String(sleeper.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sleeper.exitValue()).isEqualTo(1);
            assertThat(stderr).contains("ERROR 1105 (HY000)").contains("cancel query by user from ");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void theMariadbCliCtrlCKillsItsRunningQuery() throws Exception {
        String host = fixture.layout().frontendHost();
        Process sleeper = new ProcessBuilder("mariadb", "-h", host, "-P", Integer.toString(ClusterLayout.QUERY_PORT),
                "-uroot", "--connect-timeout=10", "-e", "SELECT sleep(33)").start();
        try {
            sleeper.getOutputStream().close();
            await().atMost(BOUND).until(() -> fixture.client().rows("SHOW FULL PROCESSLIST").stream()
                    .anyMatch(row -> row.get("Info").equals("SELECT sleep(33)") && row.get("Command").equals("Query")));
            // What Ctrl-C sends: the client opens a second connection and sends KILL QUERY for its first.
            signal("INT", sleeper.pid());
            assertThat(sleeper.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String stderr = new String(sleeper.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stderr).contains("cancel query by user from ");
            assertThat(fixture.client().rows("SHOW FULL PROCESSLIST")).noneMatch(
                    row -> row.get("Info").equals("SELECT sleep(33)") && row.get("Command").equals("Query"));
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aKilledScanFailsAtOnceWhileItsBackendIsFrozen() throws Exception {
        NodeSpec backend = fixture.layout().backend(0, Map.of());
        long pid = Long.parseLong(Files.readString(backend.pidFile()).strip());
        String scan = "SELECT count(*) FROM shop.items WHERE id >= 0";
        try (Connection connection = connect("mysql", "root"); Statement statement = connection.createStatement()) {
            assertThat(single(connection, scan)).isEqualTo(Integer.toString(ROWS));
            long id = connectionId(connection);
            signal("STOP", pid);
            CompletableFuture<Void> running;
            try {
                running = runAsync(statement, scan);
                awaitRunning(id, scan);
                fixture.client().execute("KILL QUERY " + id);
                SQLException error = failure(running);
                assertThat(error.getMessage()).contains("cancel query by user from ");
            } finally {
                signal("CONT", pid);
            }
            // The backend, running again, serves the next scan whole.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> single(connection, scan).equals(Integer.toString(ROWS)));
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
