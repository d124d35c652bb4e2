package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults between nodes on real processes: an FE and three BEs on 127.0.79.1-3, the third added by
 * the address of a {@link FaultProxy} (127.0.79.20) that fronts its heartbeat, be_port and
 * webserver ports, so the FE's heartbeats and data calls and the other BEs' calls to it all cross
 * the proxy. For each fault (drop, half-open, partition) the proxied backend goes
 * {@code Alive=false} with an ErrMsg; a replication-3 table keeps answering correctly from the other
 * replicas, and INSERTs and Stream Loads made meanwhile (once the backend shows dead) are all
 * acknowledged and whole on the two live replicas; after the heal it is alive again and its replicas catch up on the versions
 * they missed (every replica of every tablet at the same version with the same row count). Added
 * latency changes no answer. A BE stopped with SIGSTOP (its sockets accept, nothing answers) is
 * declared dead, and the FE's own log says how long after its last answer (printed: the bound,
 * {@code heartbeat_interval_second × tolerance + heartbeat_timeout_second}, is proven on a manual
 * clock by {@code DetectionBoundTest} and measured by {@code bin/tessera bench detection}).
 *
 * <p>One cluster for the class; the methods run in order, each leaving every backend alive and
 * every replica converged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeFaultsTest {
    private static final String PREFIX = TestAddresses.NODE_FAULTS_PREFIX;
    private static final String PROXY_HOST = PREFIX + ".20";
    private static final String PROXIED = PROXY_HOST + ":" + ClusterLayout.HEARTBEAT_PORT;
    private static final int PROXIED_INDEX = 2;
    private static final int STOPPED_INDEX = 1;
    private static final List<Integer> BACKEND_PORTS = List.of(ClusterLayout.HEARTBEAT_PORT, 9060, 8040);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TABLE = "faults.t";
    private static final Pattern DEAD_LINE = Pattern.compile(
            "backend (\\d+) at ([0-9.:]+): ALIVE -> DEAD \\((.*)\\); no answer for (\\d+) ms");
    private static final Map<String, String> OVERRIDES = Map.of("tablet_checker_interval_ms", "1000");

    private static ClusterFixture fixture;
    private static FrontendClient client;
    private static FaultProxy proxy;
    private static final List<Load> LOADS = new ArrayList<>();

    /** One load: its rows and sum of v, and whether the client was told it succeeded. */
    private record Load(int id, String kind, int rows, long sum, boolean acknowledged, String detail) {
    }

    @BeforeAll
    static void up() throws Exception {
        long startNs = System.nanoTime();
        fixture = ClusterFixture.start(PREFIX, 2, ClusterFixture.FE_JVM, ClusterFixture.BE_JVM, OVERRIDES);
        client = fixture.client();
        assertThat(fixture.cluster().node(backend(PROXIED_INDEX), "start")).isZero();
        proxy = new FaultProxy(PROXY_HOST, fixture.layout().backendHost(PROXIED_INDEX), BACKEND_PORTS, 256).start();
        client.execute("ALTER SYSTEM ADD BACKEND \"" + PROXIED + "\"");
        awaitAllAlive();
        client.execute("CREATE DATABASE faults");
        client.execute("CREATE TABLE " + TABLE + " (load_id INT NOT NULL, seq INT NOT NULL, v BIGINT) "
                + "DUPLICATE KEY(load_id) DISTRIBUTED BY HASH(seq) BUCKETS 3 PROPERTIES (\"replication_num\" = \"3\")");
        load();
        assertThat(LOADS).allSatisfy(load -> assertThat(load.acknowledged()).as(load.toString()).isTrue());
        System.out.printf("NodeFaultsTest: cluster up in %d ms%n", (System.nanoTime() - startNs) / 1_000_000);
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @Test
    @Order(1)
    void droppedConnectionsMakeTheBackendDeadAndNothingIsLostOrWrongUntilItCatchesUp() throws Exception {
        faultThenHeal(FaultProxy.Mode.DROP);
    }

    @Test
    @Order(2)
    void aHalfOpenConnectionMakesTheBackendDeadAndNothingIsLostOrWrongUntilItCatchesUp() throws Exception {
        faultThenHeal(FaultProxy.Mode.HALF_OPEN);
    }

    @Test
    @Order(3)
    void aPartitionMakesTheBackendDeadAndNothingIsLostOrWrongUntilItCatchesUp() throws Exception {
        faultThenHeal(FaultProxy.Mode.PARTITION);
    }

    @Test
    @Order(4)
    void addedLatencyChangesNoAnswerAndKeepsTheBackendAlive() throws Exception {
        long startNs = System.nanoTime();
        proxy.delay(50);
        try {
            load();
            assertQueriesCorrect();
            assertThat(proxied()).containsEntry("Alive", "true");
        } finally {
            proxy.heal();
        }
        awaitConverged();
        System.out.printf("NodeFaultsTest: DELAY 50 ms per chunk: %d ms%n", (System.nanoTime() - startNs) / 1_000_000);
    }

    @Test
    @Order(5)
    void aHungBackendIsDeclaredDeadAndTheLogSaysHowLongItWasSilent() throws Exception {
        long startNs = System.nanoTime();
        String host = fixture.layout().backendHost(STOPPED_INDEX);
        long pid = NodeLauncher.running(backend(STOPPED_INDEX)).orElseThrow().pid();
        String id = backendRow(host + ":" + ClusterLayout.HEARTBEAT_PORT).get("BackendId");
        signal("STOP", pid);
        try {
            awaitDead(host + ":" + ClusterLayout.HEARTBEAT_PORT);
            Matcher dead = await().atMost(WAIT).until(() -> deadLine(id), matcher -> matcher != null);
            long silentMs = Long.parseLong(dead.group(4));
            System.out.printf("NodeFaultsTest: SIGSTOP: backend %s dead after %d ms without an answer (%s)%n", id,
                    silentMs, dead.group(3));
            // How soon is the bound's business: DetectionBoundTest proves it on a manual clock and
            // bin/tessera bench detection measures it; a wall-clock assertion here would only be flaky.
            assertThat(silentMs).as("FE log: " + dead.group()).isPositive();
            assertThat(dead.group(3)).isNotBlank();
            assertQueriesCorrect();
        } finally {
            signal("CONT", pid);
        }
        awaitAllAlive();
        assertQueriesCorrect();
        System.out.printf("NodeFaultsTest: SIGSTOP round: %d ms%n", (System.nanoTime() - startNs) / 1_000_000);
    }

    /** One fault: dead with an ErrMsg, correct answers and whole loads meanwhile, alive and converged after. */
    private static void faultThenHeal(FaultProxy.Mode mode) throws Exception {
        long startNs = System.nanoTime();
        int loadsBefore = LOADS.size();
        proxy.setMode(mode);
        Map<String, String> dead;
        try {
            dead = awaitDead(PROXIED);
            long detectedMs = (System.nanoTime() - startNs) / 1_000_000;
            assertThat(dead.get("ErrMsg")).as("ErrMsg of a backend behind a " + mode + " fault").isNotBlank();
            load();
            load();
            assertQueriesCorrect();
            System.out.printf("NodeFaultsTest: %s: Alive=false after about %d ms, ErrMsg '%s'%n", mode, detectedMs,
                    dead.get("ErrMsg"));
        } finally {
            proxy.heal();
        }
        awaitAllAlive();
        assertThat(LOADS.subList(loadsBefore, LOADS.size())).as("loads during the " + mode + " fault")
                .allSatisfy(load -> assertThat(load.acknowledged()).as(load.toString()).isTrue());
        awaitConverged();
        assertQueriesCorrect();
        System.out.printf("NodeFaultsTest: %s round (fault, loads, heal, catch-up): %d ms; loads: %s%n", mode,
                (System.nanoTime() - startNs) / 1_000_000, LOADS.subList(loadsBefore, LOADS.size()));
    }

    /** An INSERT and a Stream Load (through the FE's redirect, real curl), each of its own numbered rows. */
    private static void load() {
        LOADS.add(insert(LOADS.size(), 20));
        LOADS.add(streamLoad(LOADS.size(), 30));
    }

    private static Load insert(int id, int rows) {
        long sum = NumberedLoads.sum(id, rows);
        try {
            client.execute(NumberedLoads.insert(TABLE, "load_" + id, id, rows));
            return new Load(id, "INSERT", rows, sum, true, "");
        } catch (SQLException e) {
            assertThat(e.getMessage()).as("a refused INSERT says why").isNotBlank();
            return new Load(id, "INSERT", rows, sum, false, e.getMessage());
        }
    }

    private static Load streamLoad(int id, int rows) {
        long sum = NumberedLoads.sum(id, rows);
        Path file = fixture.dir().resolve("load_" + id + ".csv");
        try {
            Files.writeString(file, NumberedLoads.csv(id, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://" + fixture.layout().frontendHost() + ":8030/api/faults/t/_stream_load";
        LinkedHashMap<String, Object> reply = Curl.streamLoad(url, file.toString(), "label:load_" + id,
                "column_separator:,", "timeout:20");
        boolean acknowledged = "Success".equals(reply.get("Status"));
        if (!acknowledged) {
            assertThat(String.valueOf(reply.get("Message"))).as("a refused Stream Load says why: " + reply)
                    .isNotBlank();
        }
        return new Load(id, "STREAM LOAD", rows, sum, acknowledged, reply.get("Status") + ": " + reply.get("Message"));
    }

    /** Every acknowledged load whole, every refused one absent; counts and sums agree. */
    private static void assertQueriesCorrect() throws SQLException {
        Map<Integer, List<Long>> shown = NumberedLoads.shown(client.rows(NumberedLoads.shownQuery(TABLE)));
        Map<Integer, List<Long>> expected = new TreeMap<>();
        for (Load load : LOADS) {
            if (load.acknowledged()) {
                expected.put(load.id(), List.of((long) load.rows(), load.sum()));
            }
        }
        assertThat(shown).as("rows per load (acknowledged ones whole, refused ones absent); loads: " + LOADS)
                .isEqualTo(expected);
        Map<String, String> totals = client.rows("SELECT count(*) AS n, sum(v) AS s FROM " + TABLE).get(0);
        assertThat(Long.parseLong(totals.get("n"))).isEqualTo(expectedRows());
        assertThat(Long.parseLong(totals.get("s")))
                .isEqualTo(LOADS.stream().filter(Load::acknowledged).mapToLong(Load::sum).sum());
    }

    private static long expectedRows() {
        return LOADS.stream().filter(Load::acknowledged).mapToLong(Load::rows).sum();
    }

    /**
     * Every tablet's three replicas at one version with one row count, each backend's replicas
     * together holding every acknowledged row: the replicas that missed versions caught up.
     */
    private static void awaitConverged() {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<Map<String, String>> replicas = client.rows("SHOW TABLETS FROM " + TABLE);
                Map<String, List<Map<String, String>>> byTablet = replicas.stream()
                        .collect(Collectors.groupingBy(row -> row.get("TabletId")));
                assertThat(byTablet).hasSize(3);
                byTablet.forEach((tablet, rows) -> {
                    assertThat(rows).as("replicas of tablet " + tablet).hasSize(3);
                    assertThat(rows.stream().map(row -> row.get("Version") + "/" + row.get("RowCount")).distinct())
                            .as("version/row count of the replicas of tablet " + tablet).hasSize(1);
                });
                Map<String, Long> rowsByBackend = replicas.stream().collect(Collectors.groupingBy(
                        row -> row.get("BackendId"), Collectors.summingLong(row -> Long.parseLong(row.get("RowCount")))));
                assertThat(rowsByBackend).hasSize(3).allSatisfy((backend, rows) ->
                        assertThat(rows).as("rows on backend " + backend).isEqualTo(expectedRows()));
                assertThat(client.rows("ADMIN SHOW REPLICA STATUS FROM " + TABLE))
                        .allSatisfy(row -> assertThat(row.get("Status")).isEqualTo("OK"));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("replicas did not converge: " + evidence(), e);
        }
    }

    private static Map<String, String> awaitDead(String hostPort) {
        try {
            return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> backendRow(hostPort), row -> "false".equals(row.get("Alive")));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(hostPort + " is still alive: " + evidence(), e);
        }
    }

    private static void awaitAllAlive() {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> client.showBackends().stream()
                    .filter(row -> "true".equals(row.get("Alive"))).count() == 3);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not every backend is alive: " + evidence(), e);
        }
    }

    private static Map<String, String> proxied() throws SQLException {
        return backendRow(PROXIED);
    }

    private static Map<String, String> backendRow(String hostPort) throws SQLException {
        return client.showBackends().stream().filter(row -> hostPort.equals(BackendRows.hostPort(row))).findFirst()
                .orElseThrow();
    }

    /** The FE log's line for the backend's latest ALIVE -> DEAD transition, or null. */
    private static Matcher deadLine(String backendId) throws IOException {
        Matcher last = null;
        for (String line : Files.readAllLines(fixture.layout().frontend(Map.of()).logFile(), StandardCharsets.UTF_8)) {
            Matcher matcher = DEAD_LINE.matcher(line);
            if (matcher.find() && matcher.group(1).equals(backendId)) {
                last = matcher;
            }
        }
        return last;
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    private static NodeSpec backend(int index) {
        return fixture.layout().backend(index, OVERRIDES);
    }

    private static String evidence() {
        try {
            return "SHOW BACKENDS " + client.showBackends() + "\nSHOW TABLETS " + client.rows("SHOW TABLETS FROM "
                    + TABLE) + "\nend of the FE log:\n" + io.tessera.cli.MysqlProbe.tail(
                    fixture.layout().frontend(Map.of()).logFile(), 40);
        } catch (Exception e) {
            return "(no evidence: " + e + ")";
        }
    }
}
