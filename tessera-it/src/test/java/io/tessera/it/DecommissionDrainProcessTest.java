package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.MysqlProbe;
import io.tessera.cli.NodeSpec;
import io.tessera.it.PossibleStates.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * DECOMMISSION on a real cluster (an FE and four BE processes on 127.0.62.x, BE-to-BE clones over
 * gRPC): a backend holding replicas of a replication-3 table is drained while one client loads 1,000
 * rows every 200 ms and another sums the table every 100 ms. Every sum must be exact (the rows of
 * a prefix of the loads: at least those acknowledged before the query began, at most those begun
 * before it ended), every acknowledged load is counted once at the end, the backend is dropped
 * once empty and every tablet is back at three healthy replicas. Then, on the three backends left,
 * DECOMMISSION is refused with Doris's message; on a fifth BE process added with ALTER SYSTEM ADD
 * BACKEND, a DECOMMISSION cancelled at once, or once its drain is under way, leaves the backend in
 * place; and a drain whose FE is killed with kill -9 mid-way (clones recorded, the backend's replicas
 * not all removed yet) finishes after the restart (the flag is journaled).
 *
 * <p>The methods share one cluster and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecommissionDrainProcessTest {
    private static final String DB = "drain";
    private static final String TABLE = DB + ".t";
    private static final int BUCKETS = 8;
    private static final int REPLICATION = 3;
    private static final int ROWS_PER_LOAD = 1000;
    private static final int INITIAL_LOADS = 3;
    /** At most this many loads during the drain (CI-sized: about 90k rows); queries go on after. */
    private static final int MAX_DRAIN_LOADS = 90;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(180);
    /**
     * The completion check's period here (10 s by default): a cancelled backend must outlive two
     * periodic checks, which then takes seconds, not half a minute. A drained backend goes at once
     * either way (the check runs when a backend seen draining is empty).
     */
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final String REFUSAL = "errCode = 2, detailMessage = After decommission, partition t of table "
            + TABLE + " 's replication allocation { tag.location.default: 3 } > available backend num 2 on tag "
            + "{\"location\" : \"default\"}, otherwise need to decrease the partition's replication num.";

    /** One load: its rows and sum of v, and what the client was told. */
    record Load(int id, int rows, long sum, Outcome outcome, String detail) {
    }

    /** One query's answer, with how many loads had finished before it began and had begun when it ended. */
    record Observation(int finishedBefore, int begunAfter, long count, long sum) {
    }

    private static ClusterFixture fixture;
    private static ReconnectingClient admin;
    private static BackendRows backendRows;
    /** Every load so far, in order (one loader at a time, so visible rows are those of a prefix). */
    private static final List<Load> loads = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.DECOMMISSION_DRAIN_PREFIX, 4, ClusterFixture.FE_JVM,
                ClusterFixture.BE_JVM,
                Map.of("decommission_check_interval_ms", Long.toString(CHECK_INTERVAL.toMillis())));
        admin = new ReconnectingClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        backendRows = new BackendRows(admin, WAIT, DecommissionDrainProcessTest::evidence);
        assertThat(admin.execute("CREATE DATABASE " + DB).outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(admin.execute("CREATE TABLE " + TABLE + " (load_id INT NOT NULL, seq INT NOT NULL, v BIGINT) "
                + "DUPLICATE KEY(load_id) DISTRIBUTED BY HASH(seq) BUCKETS " + BUCKETS
                + " PROPERTIES (\"replication_num\" = \"" + REPLICATION + "\")").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        for (int i = 0; i < INITIAL_LOADS; i++) {
            Load load = load(admin, i, ROWS_PER_LOAD);
            assertThat(load.outcome()).as(load.detail()).isEqualTo(Outcome.ACKNOWLEDGED);
            loads.add(load);
        }
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @Test
    @Order(1)
    void aBackendIsDrainedUnderLoadsAndQueriesWithExactAnswers() throws Exception {
        Map<String, String> leaving = backendRows.busiest();
        String leavingId = leaving.get("BackendId");
        String hostPort = BackendRows.hostPort(leaving);
        List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
        List<String> queryErrors = Collections.synchronizedList(new ArrayList<>());
        List<String> clientErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger begun = new AtomicInteger(loads.size());
        AtomicInteger finished = new AtomicInteger(loads.size());
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(2);
        ReconnectingClient loader = new ReconnectingClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        ReconnectingClient reader = new ReconnectingClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        Instant start = Instant.now();
        try {
            clients.scheduleWithFixedDelay(() -> {
                try {
                    if (begun.get() - INITIAL_LOADS >= MAX_DRAIN_LOADS) {
                        return;
                    }
                    Load load = load(loader, begun.getAndIncrement(), ROWS_PER_LOAD);
                    loads.add(load);
                    finished.incrementAndGet();
                } catch (Throwable e) {
                    clientErrors.add("loader: " + e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            clients.scheduleWithFixedDelay(() -> {
                try {
                    int before = finished.get();
                    List<Map<String, String>> rows;
                    try {
                        rows = reader.connected().rows("SELECT count(*) AS n, sum(v) AS s FROM " + TABLE);
                    } catch (java.sql.SQLException e) {
                        queryErrors.add(Instant.now() + " " + e.getMessage());
                        if (ReconnectingClient.connectionLost(e)) {
                            reader.close();
                        }
                        return;
                    }
                    int after = begun.get();
                    Map<String, String> row = rows.get(0);
                    observations.add(new Observation(before, after, Long.parseLong(row.get("n")),
                            row.get("s") == null ? 0 : Long.parseLong(row.get("s"))));
                } catch (Throwable e) {
                    clientErrors.add("reader: " + e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            // Some answers and loads before the decision.
            await().atMost(WAIT).until(() -> observations.size() >= 5 && finished.get() >= INITIAL_LOADS + 3);

            Outcome decommission = admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + hostPort + "\"").outcome();
            assertThat(decommission).isEqualTo(Outcome.ACKNOWLEDGED);
            System.out.println("DecommissionDrainProcessTest: decommissioned backend " + leavingId + " (" + hostPort
                    + ", TabletNum " + leaving.get("TabletNum") + ") at " + Instant.now());
            backendRows.awaitGone(leavingId, DRAIN_WAIT);
            System.out.println("DecommissionDrainProcessTest: backend " + leavingId + " dropped after "
                    + Duration.between(start, Instant.now()).toSeconds() + " s");
        } finally {
            clients.shutdown();
            assertThat(clients.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            loader.close();
            reader.close();
        }

        List<Load> done = List.copyOf(loads);
        long rejected = done.stream().filter(l -> l.outcome() == Outcome.REJECTED).count();
        long unknown = done.stream().filter(l -> l.outcome() == Outcome.UNKNOWN).count();
        System.out.println("DecommissionDrainProcessTest: " + (done.size() - INITIAL_LOADS) + " loads during the drain ("
                + rejected + " refused, " + unknown + " unknown), " + observations.size() + " queries ("
                + queryErrors.size() + " failed)");
        done.stream().filter(l -> l.outcome() != Outcome.ACKNOWLEDGED).forEach(l -> System.out.println("  " + l));
        queryErrors.stream().limit(10).forEach(e -> System.out.println("  query failed: " + e));

        assertThat(clientErrors).isEmpty();
        // Nothing killed the FE: every load's answer arrived.
        assertThat(unknown).isZero();
        List<String> wrong = new ArrayList<>();
        for (Observation observation : List.copyOf(observations)) {
            if (!possibleTotals(done, observation).contains(List.of(observation.count(), observation.sum()))) {
                wrong.add(observation + " is none of " + possibleTotals(done, observation));
            }
        }
        assertThat(wrong).as(wrong.size() + " wrong answers of " + observations.size() + "; " + evidence()).isEmpty();
        assertThat(queryErrors).as("queries that failed during the drain").isEmpty();
        assertThat(observations.size()).isGreaterThan(10);
        assertThat(done.size() - INITIAL_LOADS).isGreaterThan(5);
        assertRowsExact();
        assertThat(admin.rows("SHOW BACKENDS")).extracting(row -> row.get("BackendId")).doesNotContain(leavingId)
                .hasSize(3);
        assertHealthy();
    }

    @Test
    @Order(2)
    void decommissionIsRefusedWhenThreeBackendsHoldAReplicationThreeTable() {
        List<Map<String, String>> backends = admin.rows("SHOW BACKENDS");
        assertThat(backends).hasSize(3);
        for (Map<String, String> backend : backends) {
            ReconnectingClient.Answer answer = admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \""
                    + BackendRows.hostPort(backend) + "\"");
            assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(answer.detail()).isEqualTo(REFUSAL);
        }
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(3)
                .allSatisfy(row -> assertThat(row.get("SystemDecommissioned")).isEqualTo("false"));
        assertRowsExact();
    }

    @Test
    @Order(3)
    void aCancelledDecommissionLeavesTheBackend() throws Exception {
        // A fifth BE process, added as an operator would.
        NodeSpec fifth = fixture.layout().backend(4, Map.of());
        assertThat(fixture.cluster().node(fifth, "start")).as(fixture.output()).isZero();
        String fifthHostPort = fixture.layout().backendHost(4) + ":" + ClusterLayout.HEARTBEAT_PORT;
        assertThat(admin.execute("ALTER SYSTEM ADD BACKEND \"" + fifthHostPort + "\"").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        backendRows.awaitAlive(4);

        awaitSettled();

        // Cancelled at once.
        Map<String, String> leaving = backendRows.busiest();
        String hostPort = BackendRows.hostPort(leaving);
        assertThat(admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + hostPort + "\"").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        assertCancelKeepsTheBackend(leaving);

        // Cancelled once the drain is under way.
        awaitSettled();
        leaving = backendRows.busiest();
        assertThat(admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        String cancelledAt = awaitDrainUnderway(leaving);
        System.out.println("DecommissionDrainProcessTest: cancelling the drain of backend " + leaving.get("BackendId")
                + " (replicas by backend: " + cancelledAt + ") at " + Instant.now());
        assertCancelKeepsTheBackend(leaving);
    }

    /**
     * CANCEL DECOMMISSION: the flag is off at once, the backend stays listed through more than one
     * completion check (every {@link #CHECK_INTERVAL}: three periods), the rows stay exact and every
     * tablet returns to three healthy replicas (a clone begun before the cancel may leave a fourth for
     * a moment; the scheduler removes it).
     */
    private static void assertCancelKeepsTheBackend(Map<String, String> leaving) {
        String leavingId = leaving.get("BackendId");
        assertThat(admin.execute("CANCEL DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(backendRows.byId(leavingId)).containsEntry("SystemDecommissioned", "false");
        await().during(CHECK_INTERVAL.multipliedBy(3)).atMost(WAIT).until(() -> {
            Map<String, String> row = backendRows.byId(leavingId);
            return row != null && "false".equals(row.get("SystemDecommissioned"));
        });
        assertRowsExact();
        awaitHealthy();
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(4).extracting(row -> row.get("BackendId")).contains(leavingId);
    }

    @Test
    @Order(4)
    void aDrainFinishesAfterTheFrontendIsKilledMidDrain() throws Exception {
        backendRows.awaitAlive(4);
        awaitSettled();
        Map<String, String> leaving = backendRows.busiest();
        String leavingId = leaving.get("BackendId");
        assertThat(admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        String killedAt = awaitDrainUnderway(leaving);
        NodeSpec fe = fixture.layout().frontend(Map.of());
        assertThat(fixture.cluster().node(fe, "kill")).isZero();
        assertThat(fixture.cluster().node(fe, "start")).as(fixture.output()).isZero();
        System.out.println("DecommissionDrainProcessTest: FE killed mid-drain of backend " + leavingId
                + " (replicas by backend: " + killedAt + ") and restarted at " + Instant.now());

        // The journal kept the decision (unless the drain had ended and the backend was dropped already).
        Map<String, String> afterRestart = backendRows.byId(leavingId);
        if (afterRestart != null) {
            assertThat(afterRestart).containsEntry("SystemDecommissioned", "true");
        }
        backendRows.awaitGone(leavingId, DRAIN_WAIT);
        System.out.println("DecommissionDrainProcessTest: backend " + leavingId + " dropped at " + Instant.now());
        assertRowsExact();
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(3);
        assertHealthy();
        // The restarted FE takes loads on the three backends left.
        Load load = load(admin, loads.size(), ROWS_PER_LOAD);
        assertThat(load.outcome()).as(load.detail()).isEqualTo(Outcome.ACKNOWLEDGED);
        loads.add(load);
        assertRowsExact();
    }

    /**
     * Three clients loading back to back (about five small loads a second in all) while a backend is
     * drained: the drain finishes. A clone is recorded only once installed, so loads that began
     * before its record never reach it and it misses their versions; it is then caught up in place
     * from a peer (only the versions after its own, across a peer's compaction too), while the loads
     * that began after its record write to it directly. (Before in-place catch-up it was removed and
     * cloned again whole, missing the next loads in turn, and the drain never finished.)
     */
    @Test
    @Order(5)
    void aDrainFinishesUnderBackToBackLoadsFromThreeClients() throws Exception {
        int backends = admin.rows("SHOW BACKENDS").size();
        NodeSpec sixth = fixture.layout().backend(5, Map.of());
        assertThat(fixture.cluster().node(sixth, "start")).as(fixture.output()).isZero();
        assertThat(admin.execute("ALTER SYSTEM ADD BACKEND \"" + fixture.layout().backendHost(5) + ":"
                + ClusterLayout.HEARTBEAT_PORT + "\"").outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        backendRows.awaitAlive(backends + 1);
        awaitSettled();
        Map<String, String> leaving = backendRows.busiest();
        AtomicInteger nextId = new AtomicInteger(loads.stream().mapToInt(Load::id).max().orElse(0) + 1);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService loaders = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                loaders.submit(() -> {
                    try (ReconnectingClient client = new ReconnectingClient(fixture.layout().frontendHost(),
                            ClusterLayout.QUERY_PORT)) {
                        while (!stop.get()) {
                            loads.add(load(client, nextId.getAndIncrement(), 100));
                        }
                    }
                });
            }
            assertThat(admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"").outcome())
                    .isEqualTo(Outcome.ACKNOWLEDGED);
            backendRows.awaitGone(leaving.get("BackendId"), WAIT);
        } finally {
            stop.set(true);
            loaders.shutdown();
            assertThat(loaders.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertRowsExact();
        awaitHealthy();
    }

    /**
     * kill -9 of a destination in the middle of a drain, then its restart: its clones in flight fail
     * (their staging is removed when it starts again), are retried, here or elsewhere, and the
     * drain finishes with nothing lost.
     */
    @Test
    @Order(6)
    void aDrainFinishesWhenADestinationIsKilledMidDrain() throws Exception {
        Map<String, String> leaving = addBackendAndPickTheBusiest(6);
        String leavingId = leaving.get("BackendId");
        Map<String, String> destination = admin.rows("SHOW BACKENDS").stream()
                .filter(row -> !leavingId.equals(row.get("BackendId"))).findFirst().orElseThrow();
        drainKillingMidway(leaving, destination);
    }

    /**
     * kill -9 of the backend being drained (the clones' usual source) in the middle of its drain,
     * then its restart: the clones reading from it fail and are retried once it is back, and the
     * drain finishes with nothing lost.
     */
    @Test
    @Order(7)
    void aDrainFinishesWhenItsSourceIsKilledMidDrain() throws Exception {
        Map<String, String> leaving = addBackendAndPickTheBusiest(7);
        drainKillingMidway(leaving, leaving);
    }

    /**
     * Loads go on succeeding while a backend drains and one of the original backends is dead: a
     * replica on the decommissioned backend keeps counting for the loads' quorum until the others
     * are {@code replication_num} complete replicas on alive backends, which here means until the
     * dead backend's replicas are repaired elsewhere (the repair delay is shortened for the test).
     */
    @Test
    @Order(8)
    void loadsKeepSucceedingDuringADrainWithAnOriginalBackendDead() throws Exception {
        addBackendAndPickTheBusiest(8);
        Map<String, String> leaving = addBackendAndPickTheBusiest(9);
        String leavingId = leaving.get("BackendId");
        Map<String, String> dead = admin.rows("SHOW BACKENDS").stream()
                .filter(row -> !leavingId.equals(row.get("BackendId"))).findFirst().orElseThrow();
        NodeSpec deadSpec = fixture.layout().backend(indexOf(dead), Map.of());
        setFrontendConfig("tablet_repair_delay_factor_second", "1");
        List<Load> duringDrain = Collections.synchronizedList(new ArrayList<>());
        List<String> loaderErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger nextId = new AtomicInteger(loads.stream().mapToInt(Load::id).max().orElse(0) + 1);
        ScheduledExecutorService loader = Executors.newSingleThreadScheduledExecutor();
        ReconnectingClient client = new ReconnectingClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        try {
            assertThat(fixture.cluster().node(deadSpec, "kill")).isZero();
            await().atMost(WAIT).until(() -> "false".equals(backendRows.byId(dead.get("BackendId")).get("Alive")));
            loader.scheduleWithFixedDelay(() -> {
                try {
                    Load load = load(client, nextId.getAndIncrement(), ROWS_PER_LOAD);
                    loads.add(load);
                    duringDrain.add(load);
                } catch (Throwable e) {
                    loaderErrors.add(e.toString());
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            assertThat(admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"").outcome())
                    .isEqualTo(Outcome.ACKNOWLEDGED);
            backendRows.awaitGone(leavingId, DRAIN_WAIT);
        } finally {
            loader.shutdown();
            assertThat(loader.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            client.close();
            setFrontendConfig("tablet_repair_delay_factor_second", "60");
        }
        assertThat(loaderErrors).isEmpty();
        System.out.println("DecommissionDrainProcessTest: " + duringDrain.size() + " loads while backend " + leavingId
                + " drained with backend " + dead.get("BackendId") + " dead");
        assertThat(duringDrain).isNotEmpty().allSatisfy(load ->
                assertThat(load.outcome()).as(load.detail()).isEqualTo(Outcome.ACKNOWLEDGED));
        assertRowsExact();
        assertThat(fixture.cluster().node(deadSpec, "start")).as(fixture.output()).isZero();
        awaitHealthy();
        assertRowsExact();
    }

    /** Adds BE {@code index} (a new process), waits for balance to settle, and returns the busiest backend. */
    private static Map<String, String> addBackendAndPickTheBusiest(int index) throws Exception {
        int backends = admin.rows("SHOW BACKENDS").size();
        NodeSpec added = fixture.layout().backend(index, Map.of());
        assertThat(fixture.cluster().node(added, "start")).as(fixture.output()).isZero();
        assertThat(admin.execute("ALTER SYSTEM ADD BACKEND \"" + fixture.layout().backendHost(index) + ":"
                + ClusterLayout.HEARTBEAT_PORT + "\"").outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        backendRows.awaitAlive(backends + 1);
        awaitSettled();
        return backendRows.busiest();
    }

    /**
     * DECOMMISSION of {@code leaving}; once under way, kill -9 of {@code victim} and its restart; the
     * drain must finish. One clone slot per backend while it runs, so the small tablets of this
     * table take several rounds and the kill lands mid-drain.
     */
    private static void drainKillingMidway(Map<String, String> leaving, Map<String, String> victim) throws Exception {
        String leavingId = leaving.get("BackendId");
        setFrontendConfig("schedule_slot_num_per_hdd_path", "1");
        String killedAt;
        try {
            assertThat(admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"").outcome())
                    .isEqualTo(Outcome.ACKNOWLEDGED);
            killedAt = awaitCloneRunning(leavingId);
            NodeSpec victimSpec = fixture.layout().backend(indexOf(victim), Map.of());
            assertThat(fixture.cluster().node(victimSpec, "kill")).isZero();
            assertThat(fixture.cluster().node(victimSpec, "start")).as(fixture.output()).isZero();
        } finally {
            setFrontendConfig("schedule_slot_num_per_hdd_path", "4");
        }
        System.out.println("DecommissionDrainProcessTest: killed and restarted backend " + victim.get("BackendId")
                + " in the drain of backend " + leavingId + " (" + killedAt + ")");
        backendRows.awaitGone(leavingId, DRAIN_WAIT);
        assertRowsExact();
        awaitHealthy();
    }

    /**
     * Waits until SHOW PROC '/cluster_balance/running_tablets' lists a clone in flight (or the
     * backend is already empty); returns what it saw, for the log.
     */
    private static String awaitCloneRunning(String leavingId) {
        List<List<Map<String, String>>> seen = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<Map<String, String>> running = admin.rows("SHOW PROC '/cluster_balance/running_tablets'");
            Map<String, String> leaving = backendRows.byId(leavingId);
            seen.add(running);
            return !running.isEmpty() || leaving == null || "0".equals(leaving.get("TabletNum"));
        });
        List<Map<String, String>> running = seen.get(seen.size() - 1);
        return running.size() + " clone(s) running: " + running.stream()
                .map(row -> "tablet " + row.get("TabletId") + " " + row.get("SrcBe") + "->" + row.get("DestBe"))
                .collect(Collectors.joining(", "));
    }

    private static void setFrontendConfig(String key, String value) {
        assertThat(admin.execute("ADMIN SET FRONTEND CONFIG (\"" + key + "\" = \"" + value + "\")").outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
    }

    /** The layout index of a listed backend, by its host. */
    private static int indexOf(Map<String, String> backend) {
        for (int index = 0; index < 16; index++) {
            if (fixture.layout().backendHost(index).equals(backend.get("Host"))) {
                return index;
            }
        }
        throw new AssertionError("no layout index for backend " + backend);
    }

    /**
     * Waits until the drain of {@code leaving} is under way: the scheduler recorded a clone (more
     * replicas than the table's) or removed one of the backend's replicas. Returns the replicas by backend then.
     */
    private static String awaitDrainUnderway(Map<String, String> leaving) {
        String leavingId = leaving.get("BackendId");
        int initialReplicas = Integer.parseInt(leaving.get("TabletNum"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Map<String, String>> backends = admin.rows("SHOW BACKENDS");
            int recorded = backends.stream().mapToInt(row -> Integer.parseInt(row.get("TabletNum"))).sum();
            return recorded > BUCKETS * REPLICATION || backends.stream().noneMatch(row ->
                    leavingId.equals(row.get("BackendId")) && Integer.parseInt(row.get("TabletNum")) == initialReplicas);
        });
        return admin.rows("SHOW BACKENDS").stream().map(row -> row.get("BackendId") + ":" + row.get("TabletNum"))
                .collect(Collectors.joining(" "));
    }

    /**
     * Waits until balancing is over (the table's replicas, spread evenly, unchanged for 3 s) and
     * every tablet is healthy, so that the next clones seen are the drain's.
     */
    private static void awaitSettled() {
        await().atMost(WAIT).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Integer> replicas = admin.rows("SHOW BACKENDS").stream()
                    .map(row -> Integer.parseInt(row.get("TabletNum"))).toList();
            return replicas.stream().mapToInt(Integer::intValue).sum() == BUCKETS * REPLICATION
                    && Collections.max(replicas) - Collections.min(replicas) <= 2;
        });
        awaitHealthy();
    }

    /** INSERTs load {@code id}: {@code rows} rows of its own (see {@link NumberedLoads}). */
    private static Load load(ReconnectingClient client, int id, int rows) {
        ReconnectingClient.Answer answer = client.execute(NumberedLoads.insert(TABLE, "drain_" + id, id, rows));
        return new Load(id, rows, NumberedLoads.sum(id, rows), answer.outcome(), answer.detail());
    }

    /**
     * The totals a query may show: those of the first j loads (refused ones not counted), for each
     * j from the loads finished before it began to the loads begun before it ended.
     */
    private static List<List<Long>> possibleTotals(List<Load> done, Observation observation) {
        List<List<Long>> totals = new ArrayList<>();
        long count = 0;
        long sum = 0;
        for (int j = 0; j <= observation.begunAfter() && j <= done.size(); j++) {
            if (j >= observation.finishedBefore()) {
                totals.add(List.of(count, sum));
            }
            if (j < done.size() && done.get(j).outcome() == Outcome.ACKNOWLEDGED) {
                count += done.get(j).rows();
                sum += done.get(j).sum();
            }
        }
        return totals;
    }

    /**
     * count(*) and sum(v) are those of the acknowledged loads, and each acknowledged load is there
     * once, whole (GROUP BY load_id), and no refused load is.
     */
    private static void assertRowsExact() {
        assertThat(total()).isEqualTo(acknowledgedTotal());
        Map<Integer, List<Long>> expected = new TreeMap<>();
        List.copyOf(loads).stream().filter(l -> l.outcome() == Outcome.ACKNOWLEDGED)
                .forEach(l -> expected.put(l.id(), List.of((long) l.rows(), l.sum())));
        assertThat(NumberedLoads.shown(admin.rows(NumberedLoads.shownQuery(TABLE)))).isEqualTo(expected);
    }

    private static List<Long> acknowledgedTotal() {
        List<Load> done = List.copyOf(loads);
        return List.of(done.stream().filter(l -> l.outcome() == Outcome.ACKNOWLEDGED).mapToLong(Load::rows).sum(),
                done.stream().filter(l -> l.outcome() == Outcome.ACKNOWLEDGED).mapToLong(Load::sum).sum());
    }

    private static List<Long> total() {
        Map<String, String> row = admin.rows("SELECT count(*) AS n, sum(v) AS s FROM " + TABLE).get(0);
        return List.of(Long.parseLong(row.get("n")), Long.parseLong(row.get("s")));
    }





    private static void awaitHealthy() {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(DecommissionDrainProcessTest::assertHealthy);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("tablets not healthy after " + WAIT.toSeconds() + " s; " + evidence(), e);
        }
    }

    /** Every tablet: three replicas, all OK, all on listed backends; tablet_health agrees. */
    private static void assertHealthy() {
        Map<String, String> health = admin.rows("SHOW PROC '/cluster_health/tablet_health'").stream()
                .filter(row -> DB.equals(row.get("DbName"))).findFirst().orElseThrow();
        assertThat(health).as(DecommissionDrainProcessTest::evidence).containsEntry("TabletNum", Integer.toString(BUCKETS))
                .containsEntry("HealthyNum", Integer.toString(BUCKETS));
        Set<String> listed = admin.rows("SHOW BACKENDS").stream().map(row -> row.get("BackendId"))
                .collect(Collectors.toSet());
        Map<String, List<Map<String, String>>> byTablet = admin.rows("ADMIN SHOW REPLICA STATUS FROM " + TABLE)
                .stream().collect(Collectors.groupingBy(row -> row.get("TabletId"), TreeMap::new, Collectors.toList()));
        assertThat(byTablet).hasSize(BUCKETS);
        byTablet.forEach((tablet, replicas) -> assertThat(replicas).as("tablet " + tablet + ": " + replicas)
                .hasSize(REPLICATION).allSatisfy(replica -> {
                    assertThat(replica.get("Status")).isEqualTo("OK");
                    assertThat(listed).contains(replica.get("BackendId"));
                }));
    }

    /** What the cluster shows now, and the FE log's replication lines: for a failure's message. */
    private static String evidence() {
        StringBuilder text = new StringBuilder();
        try {
            text.append("\nSHOW BACKENDS: ").append(admin.rows("SHOW BACKENDS"));
            text.append("\ntablet_health: ").append(admin.rows("SHOW PROC '/cluster_health/tablet_health'"));
            text.append("\nreplicas: ").append(admin.rows("ADMIN SHOW REPLICA STATUS FROM " + TABLE));
        } catch (RuntimeException e) {
            text.append("\n(could not ask the FE: ").append(e).append(')');
        }
        text.append("\nFE log tail:\n").append(MysqlProbe.tail(fixture.layout().frontend(Map.of()).logFile(), 60));
        return text.toString();
    }
}
