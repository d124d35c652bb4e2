package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.MysqlProbe;
import io.tessera.cli.NodeSpec;
import io.tessera.it.PossibleStates.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An operator watches decommissions on a real cluster (an FE and five BE processes on 127.0.70.x,
 * BE-to-BE clones over gRPC, the MySQL protocol) with SHOW DECOMMISSION [ALL] and SHOW DECOMMISSION
 * BLOCKERS: the bytes left, the rate and the ETA move during a real drain and the finished job shows
 * what it moved; a drain whose destinations are all over the storage watermarks lists every replica
 * as {@code not enough space}, is flagged as stalled and logged once; a dead backend's replicas are
 * {@code source dead} until it comes back; and a job survives a kill -9 of the FE mid-drain, is
 * paused (nothing moves, across another kill -9) and resumed to its end.
 *
 * <p>Backends: five at the start; the first drain leaves four; the second is cancelled; the third
 * (the dead one) leaves three; a sixth BE process is added for the fourth, which leaves three again,
 * so every DECOMMISSION of a replication-3 table is admitted.
 *
 * <p>The methods share one cluster and run in order. No timing is asserted: every wait is bounded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecommissionWatchProcessTest {
    private static final String DB = "watch";
    /**
     * Replication-3 tables, loaded once each by Stream Load (one rowset per tablet, so no compaction
     * changes a replica's size under the drain): 864 replicas, about 170 a backend, so a drain with
     * one clone slot per backend takes many clones and several seconds (each clone of these small
     * tablets costs about the same, whatever its bytes).
     */
    private static final List<String> REPLICATED_TABLES = List.of("w1", "w2", "w3", "w4");
    private static final int BUCKETS = 72;
    private static final int REPLICATION = 3;
    private static final int ROWS_PER_TABLE = 20_000;
    /** The replication-1 table of the dead-source test. */
    private static final String SINGLE = "single";
    private static final int SINGLE_BUCKETS = 8;
    private static final int SINGLE_ROWS = 4_000;
    private static final long ONE_PIB = 1_125_899_906_842_624L;
    private static final long DEFAULT_MIN_LEFT = 2_147_483_648L;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(240);

    private static ClusterFixture fixture;
    private static ReconnectingClient admin;
    private static BackendRows backendRows;
    /** Table name to its rows, as loaded. */
    private static final Map<String, Long> expectedRows = new LinkedHashMap<>();
    /** Replicas the catalog should hold when every tablet is healthy. */
    private static int expectedReplicas;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.DECOMMISSION_WATCH_PREFIX, 5);
        admin = new ReconnectingClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        backendRows = new BackendRows(admin, WAIT, DecommissionWatchProcessTest::evidence);
        acknowledged("CREATE DATABASE " + DB);
        for (String table : REPLICATED_TABLES) {
            createTable(table, BUCKETS, REPLICATION);
            streamLoad(table, ROWS_PER_TABLE);
            expectedReplicas += BUCKETS * REPLICATION;
        }
        assertCountsUnchanged();
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

    /**
     * One clone slot per backend, so the drain of a backend holding dozens of replicas takes many
     * clones; SHOW DECOMMISSION is read back to back until the job is no longer running. BytesLeft
     * only falls, the rate and the ETA appear and the ETA moves, the replica figures add up in every
     * row, and the finished job has moved everything.
     */
    @Test
    @Order(1)
    void rateAndEtaMoveDuringARealDrain() {
        awaitSettled();
        Map<String, String> leaving = backendRows.busiest();
        String leavingId = leaving.get("BackendId");
        List<Map<String, String>> observations = Collections.synchronizedList(new ArrayList<>());
        setFrontendConfig("schedule_slot_num_per_hdd_path", "1");
        try {
            acknowledged("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"");
            try {
                await().atMost(DRAIN_WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
                    Map<String, String> row = runningJobOf(leavingId);
                    if (row == null) {
                        return true;
                    }
                    observations.add(row);
                    return false;
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the drain of backend " + leavingId + " is still running after "
                        + DRAIN_WAIT.toSeconds() + " s; " + evidence(), e);
            }
            backendRows.awaitGone(leavingId, DRAIN_WAIT);
        } finally {
            setFrontendConfig("schedule_slot_num_per_hdd_path", "4");
        }

        System.out.println("DecommissionWatchProcessTest: " + observations.size() + " SHOW DECOMMISSION rows while "
                + "backend " + leavingId + " (TabletNum " + leaving.get("TabletNum") + ") drained");
        int step = Math.max(1, observations.size() / 8);
        for (int i = 0; i < observations.size(); i += step) {
            System.out.println("  " + brief(observations.get(i)));
        }
        if (!observations.isEmpty()) {
            System.out.println("  " + brief(observations.get(observations.size() - 1)));
        }

        assertThat(observations).isNotEmpty();
        String jobId = observations.get(0).get("JobId");
        assertThat(observations).allSatisfy(row -> {
            assertThat(row.get("JobId")).isEqualTo(jobId);
            assertThat(row.get("State")).isIn("DRAINING", "DRAINED");
            assertThat(number(row, "ReplicasMoved") + number(row, "ReplicasLeft")).as(brief(row))
                    .isEqualTo(number(row, "ReplicasTotal"));
        });
        List<Long> bytesLeft = observations.stream().map(row -> row.get("BytesLeft")).filter(Objects::nonNull)
                .map(Long::parseLong).toList();
        for (int i = 1; i < bytesLeft.size(); i++) {
            assertThat(bytesLeft.get(i)).as("BytesLeft at observation " + i + " of " + bytesLeft)
                    .isLessThanOrEqualTo(bytesLeft.get(i - 1));
        }
        assertThat(new LinkedHashSet<>(bytesLeft)).as("distinct BytesLeft").hasSizeGreaterThanOrEqualTo(2);
        assertThat(observations).as("a row with a rate and an ETA").anySatisfy(row -> {
            assertThat(row.get("RateBytesPerSec")).isNotNull();
            assertThat(Long.parseLong(row.get("RateBytesPerSec"))).isPositive();
            assertThat(row.get("EtaSeconds")).isNotNull();
        });
        // The ETA moves while there is something left (the 0 of an empty backend does not count).
        Set<String> etas = observations.stream().filter(row -> row.get("BytesLeft") != null
                        && Long.parseLong(row.get("BytesLeft")) > 0).map(row -> row.get("EtaSeconds"))
                .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(etas).as("distinct EtaSeconds with bytes left").hasSizeGreaterThanOrEqualTo(2);

        Map<String, String> finished = job(jobId);
        System.out.println("DecommissionWatchProcessTest: finished job " + brief(finished));
        assertThat(finished.get("State")).isEqualTo("REMOVED");
        assertThat(finished.get("BackendId")).isEqualTo(leavingId);
        assertThat(finished.get("FinishedAt")).isNotNull();
        assertThat(finished.get("ReplicasMoved")).isEqualTo(finished.get("ReplicasTotal"))
                .isEqualTo(observations.get(0).get("ReplicasTotal"));
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(4);
        assertCountsUnchanged();
        awaitHealthy();
    }

    /**
     * Every backend over the storage watermarks (a 1 PiB floor of free space): a DECOMMISSION is
     * refused then; one admitted before the floor rose cannot move anything. BLOCKERS lists each replica of the backend as {@code not enough space}, naming
     * the full backends; Blocked is the replicas left; after {@code decommission_stall_warning_second}
     * the row warns and the FE log has one WARN line, and no second one while it stays stuck. Then
     * CANCEL DECOMMISSION keeps the backend.
     */
    @Test
    @Order(2)
    void fullDestinationsAreBlockersUntilRoomReturnsAndTheStallIsLoggedOnce() throws Exception {
        awaitSettled();
        Map<String, String> leaving = backendRows.busiest();
        String leavingId = leaving.get("BackendId");
        Path feLog = fixture.layout().frontend(Map.of()).logFile();
        assertThat(stallLines(feLog, leavingId)).isEmpty();
        String jobId;
        try {
            // With the floor set first, DECOMMISSION itself is refused: no receiver has room.
            setFrontendConfig("storage_min_left_capacity_bytes", Long.toString(ONE_PIB));
            ReconnectingClient.Answer refused = admin.execute("ALTER SYSTEM DECOMMISSION BACKEND \""
                    + BackendRows.hostPort(leaving) + "\"");
            assertThat(refused.outcome()).as(refused.detail()).isEqualTo(Outcome.REJECTED);
            assertThat(refused.detail()).contains("Cannot decommission backend " + leavingId + ": backend ")
                    .contains("storage_min_left_capacity_bytes " + ONE_PIB);
            assertThat(runningJobOf(leavingId)).isNull();
            // So the scheduler is held while the backend is marked and the floor raised: nothing moves.
            setFrontendConfig("storage_min_left_capacity_bytes", Long.toString(DEFAULT_MIN_LEFT));
            setFrontendConfig("disable_tablet_scheduler", "true");
            try {
                acknowledged("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"");
                setFrontendConfig("storage_min_left_capacity_bytes", Long.toString(ONE_PIB));
            } finally {
                setFrontendConfig("disable_tablet_scheduler", "false");
            }
            Map<String, String> running = runningJobOf(leavingId);
            assertThat(running).as("SHOW DECOMMISSION after the DECOMMISSION").isNotNull();
            jobId = running.get("JobId");
            long tabletNum = Long.parseLong(backendRows.byId(leavingId).get("TabletNum"));
            assertThat(tabletNum).isEqualTo(Long.parseLong(leaving.get("TabletNum")));

            String forJob = "SHOW DECOMMISSION BLOCKERS FOR " + jobId;
            List<Map<String, String>> blockers = awaitRows(forJob, rows -> rows.size() == tabletNum
                    && rows.stream().allMatch(row -> "not enough space".equals(row.get("Reason"))));
            assertThat(blockers).hasSize((int) tabletNum).allSatisfy(row -> {
                assertThat(row.get("JobId")).isEqualTo(jobId);
                assertThat(row.get("BackendId")).isEqualTo(leavingId);
                assertThat(row.get("Database")).isEqualTo(DB);
                assertThat(row.get("Reason")).isEqualTo("not enough space");
                assertThat(row.get("Detail")).contains("over the storage watermarks")
                        .contains(ONE_PIB + " bytes left at least");
            });
            assertThat(blockers.stream().map(row -> row.get("ReplicaId")).distinct()).hasSize((int) tabletNum);
            // Detail quotes the disks' live usage, which moves between two reads: compare the rest.
            assertThat(withoutDetail(admin.rows("SHOW DECOMMISSION BLOCKERS"))).isEqualTo(withoutDetail(blockers));
            Set<String> replicasThere = admin.rows("ADMIN SHOW REPLICA STATUS FROM " + DB + ".w1").stream()
                    .filter(row -> leavingId.equals(row.get("BackendId"))).map(row -> row.get("ReplicaId"))
                    .collect(Collectors.toSet());
            assertThat(blockers.stream().map(row -> row.get("ReplicaId")).collect(Collectors.toSet()))
                    .containsAll(replicasThere);
            Map<String, String> row = runningJobOf(leavingId);
            assertThat(row.get("ReplicasLeft")).isEqualTo(Long.toString(tabletNum));
            assertThat(row.get("Blocked")).isEqualTo(row.get("ReplicasLeft"));
            assertThat(row.get("ReplicasMoved")).isEqualTo("0");
            assertThat(row.get("EtaSeconds")).isNull();

            setFrontendConfig("decommission_stall_warning_second", "2");
            String warningPattern = "no progress for \\d+ s \\(since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, "
                    + "decommission_stall_warning_second = 2\\); SHOW DECOMMISSION BLOCKERS FOR " + jobId
                    + " says why";
            Map<String, String> warned = awaitJob(leavingId, WAIT, job -> job.get("Warning") != null
                    && job.get("Warning").matches(warningPattern));
            System.out.println("DecommissionWatchProcessTest: stalled " + brief(warned));
            assertThat(warned.get("Blocked")).isEqualTo(warned.get("ReplicasLeft")).isEqualTo(Long.toString(tabletNum));
            // Still not enough space, not merely stalled: the more specific reason wins.
            assertThat(admin.rows(forJob)).hasSize((int) tabletNum)
                    .allSatisfy(blocker -> assertThat(blocker.get("Reason")).isEqualTo("not enough space"));

            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !stallLines(feLog, leavingId)
                        .isEmpty());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("no stall line for backend " + leavingId + " in the FE log; " + evidence(), e);
            }
            // One line per stall episode: none more while it stays stuck well past the stall time again.
            await().during(Duration.ofSeconds(6)).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> stallLines(feLog, leavingId).size() == 1);
            List<String> lines = stallLines(feLog, leavingId);
            System.out.println("DecommissionWatchProcessTest: FE log: " + lines.get(0));
            assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                    .contains(" WARN ").contains("decommission_stall_warning_second = 2")
                    .contains(tabletNum + " replica(s) left").contains(tabletNum + " not enough space"));

            acknowledged("CANCEL DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"");
        } finally {
            setFrontendConfig("storage_min_left_capacity_bytes", Long.toString(DEFAULT_MIN_LEFT));
            setFrontendConfig("decommission_stall_warning_second", "300");
        }
        Map<String, String> cancelled = job(jobId);
        System.out.println("DecommissionWatchProcessTest: cancelled " + brief(cancelled));
        assertThat(cancelled.get("State")).isEqualTo("CANCELLED");
        assertThat(cancelled.get("FinishedAt")).isNotNull();
        assertThat(cancelled.get("ReplicasMoved")).isEqualTo("0");
        assertThat(runningJobOf(leavingId)).isNull();
        assertThat(admin.rows("SHOW DECOMMISSION BLOCKERS FOR " + jobId)).isEmpty();
        assertThat(backendRows.byId(leavingId)).containsEntry("SystemDecommissioned", "false");
        assertThat(stallLines(feLog, leavingId)).hasSize(1);
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(4);
        assertCountsUnchanged();
        awaitHealthy();
    }

    /**
     * A backend killed with kill -9, then decommissioned: the replicas only it holds (a
     * replication-1 table) are {@code source dead} until it comes back, and so are its replicas of
     * replicated tables while the repair delay runs. Restarted, it drains and is dropped, with
     * nothing lost.
     */
    @Test
    @Order(3)
    void aDeadSourceIsSourceDead() throws Exception {
        createTable(SINGLE, SINGLE_BUCKETS, 1);
        streamLoad(SINGLE, SINGLE_ROWS);
        expectedReplicas += SINGLE_BUCKETS;
        awaitSettled();
        Map<String, List<String>> singleByBackend = admin.rows("ADMIN SHOW REPLICA STATUS FROM " + DB + "." + SINGLE)
                .stream().collect(Collectors.groupingBy(row -> row.get("BackendId"), TreeMap::new,
                        Collectors.mapping(row -> row.get("TabletId"), Collectors.toList())));
        String victimId = singleByBackend.entrySet().stream()
                .max(Comparator.comparingInt(entry -> entry.getValue().size())).orElseThrow().getKey();
        Set<String> soleTablets = Set.copyOf(singleByBackend.get(victimId));
        Map<String, String> victim = backendRows.byId(victimId);
        int tabletNum = Integer.parseInt(victim.get("TabletNum"));
        assertThat(tabletNum).isGreaterThan(soleTablets.size());
        NodeSpec victimSpec = fixture.layout().backend(indexOf(victim), Map.of());
        String jobId;
        // A long repair delay, so the replicated tablets stay waiting for it whatever the machine's pace.
        setFrontendConfig("tablet_repair_delay_factor_second", "3600");
        try {
            assertThat(fixture.cluster().node(victimSpec, "kill")).isZero();
            await().atMost(WAIT).until(() -> "false".equals(backendRows.byId(victimId).get("Alive")));
            acknowledged("ALTER SYSTEM DECOMMISSION BACKEND \"" + victimId + "\"");
            Map<String, String> running = runningJobOf(victimId);
            assertThat(running).as("SHOW DECOMMISSION after the DECOMMISSION").isNotNull();
            jobId = running.get("JobId");
            List<Map<String, String>> blockers = awaitRows("SHOW DECOMMISSION BLOCKERS FOR " + jobId,
                    rows -> rows.size() == tabletNum);
            System.out.println("DecommissionWatchProcessTest: backend " + victimId + " dead, " + blockers.size()
                    + " blockers, e.g. " + blockers.get(0));
            assertThat(blockers).allSatisfy(row -> {
                assertThat(row.get("BackendId")).isEqualTo(victimId);
                assertThat(row.get("Reason")).isEqualTo("source dead");
            });
            List<Map<String, String>> sole = blockers.stream().filter(row -> SINGLE.equals(row.get("Table"))).toList();
            assertThat(sole).extracting(row -> row.get("TabletId")).containsExactlyInAnyOrderElementsOf(soleTablets);
            assertThat(sole).allSatisfy(row -> assertThat(row.get("Detail")).isEqualTo("the only complete replicas are "
                    + "on dead backend(s) " + victimId + "; it moves when one comes back"));
            List<Map<String, String>> replicated = blockers.stream().filter(row -> !SINGLE.equals(row.get("Table")))
                    .toList();
            assertThat(replicated).hasSize(tabletNum - soleTablets.size()).allSatisfy(row ->
                    assertThat(row.get("Detail")).startsWith("backend(s) " + victimId + " holding a replica are dead"));
            Map<String, String> row = runningJobOf(victimId);
            assertThat(row.get("Blocked")).isEqualTo(row.get("ReplicasLeft")).isEqualTo(Integer.toString(tabletNum));

            assertThat(fixture.cluster().node(victimSpec, "start")).as(fixture.output()).isZero();
            backendRows.awaitGone(victimId, DRAIN_WAIT);
        } finally {
            setFrontendConfig("tablet_repair_delay_factor_second", "60");
        }
        Map<String, String> finished = job(jobId);
        System.out.println("DecommissionWatchProcessTest: finished job " + brief(finished));
        assertThat(finished.get("State")).isEqualTo("REMOVED");
        assertThat(finished.get("ReplicasMoved")).isEqualTo(finished.get("ReplicasTotal"))
                .isEqualTo(Integer.toString(tabletNum));
        assertThat(finished.get("Warning")).isNull();
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(3);
        assertCountsUnchanged();
        awaitHealthy();
    }

    /**
     * A sixth BE process is added (so a replication-3 table can still leave one), then a drain with
     * one clone slot per backend; with replicas both moved and left, the FE is killed with kill -9
     * and started again: SHOW DECOMMISSION shows the same job; it is paused, survives a second kill
     * -9 paused with nothing moving, and once resumed it finishes. (A clone installed on its
     * destination but not yet recorded when the FE died leaves a replica the restarted FE does not
     * know; its id predates the new FE, so its first report trashes it and the retry to that
     * destination succeeds.)
     */
    @Test
    @Order(4)
    void aJobSurvivesAnFrontendKillMidDrainAndIsFoundAfterwards() throws Exception {
        NodeSpec added = fixture.layout().backend(5, Map.of());
        assertThat(fixture.cluster().node(added, "start")).as(fixture.output()).isZero();
        acknowledged("ALTER SYSTEM ADD BACKEND \"" + fixture.layout().backendHost(5) + ":"
                + ClusterLayout.HEARTBEAT_PORT + "\"");
        backendRows.awaitAlive(4);
        // Balance fills it (about 200 clones): more slots meanwhile, so that takes fewer rounds.
        setFrontendConfig("schedule_slot_num_per_hdd_path", "16");
        try {
            awaitSettled(DRAIN_WAIT);
        } finally {
            setFrontendConfig("schedule_slot_num_per_hdd_path", "4");
        }
        Map<String, String> leaving = backendRows.busiest();
        String leavingId = leaving.get("BackendId");
        Map<String, String> before;
        setFrontendConfig("schedule_slot_num_per_hdd_path", "1");
        try {
            acknowledged("ALTER SYSTEM DECOMMISSION BACKEND \"" + BackendRows.hostPort(leaving) + "\"");
            before = awaitJob(leavingId, DRAIN_WAIT,
                    job -> number(job, "ReplicasMoved") > 0 && number(job, "ReplicasLeft") > 0);
            NodeSpec fe = fixture.layout().frontend(Map.of());
            assertThat(fixture.cluster().node(fe, "kill")).isZero();
            assertThat(fixture.cluster().node(fe, "start")).as(fixture.output()).isZero();
            System.out.println("DecommissionWatchProcessTest: FE killed and restarted mid-drain at " + brief(before));

            Map<String, String> after = runningJobOf(leavingId);
            System.out.println("DecommissionWatchProcessTest: after the restart " + brief(after));
            assertThat(after).as("the job after the FE restart; " + admin.rows("SHOW DECOMMISSION ALL")).isNotNull();
            assertThat(after.get("JobId")).isEqualTo(before.get("JobId"));
            assertThat(after.get("State")).isIn("DRAINING", "DRAINED");
            assertThat(after.get("ReplicasTotal")).isEqualTo(before.get("ReplicasTotal"));
            assertThat(after.get("StartedAt")).isEqualTo(before.get("StartedAt"));
            assertThat(after.get("StartedBy")).isEqualTo(before.get("StartedBy"));
            assertThat(number(after, "ReplicasMoved")).isGreaterThanOrEqualTo(number(before, "ReplicasMoved"));
            assertThat(number(after, "ReplicasMoved") + number(after, "ReplicasLeft"))
                    .isEqualTo(number(after, "ReplicasTotal"));
            holdTheDrainAcrossAnotherKill(leavingId, before.get("JobId"));
        } finally {
            setFrontendConfig("schedule_slot_num_per_hdd_path", "4");
        }
        backendRows.awaitGone(leavingId, DRAIN_WAIT);
        Map<String, String> finished = job(before.get("JobId"));
        System.out.println("DecommissionWatchProcessTest: finished job " + brief(finished));
        assertThat(finished.get("State")).isEqualTo("REMOVED");
        assertThat(finished.get("BackendId")).isEqualTo(leavingId);
        assertThat(finished.get("StartedAt")).isEqualTo(before.get("StartedAt"));
        assertThat(finished.get("ReplicasMoved")).isEqualTo(finished.get("ReplicasTotal"))
                .isEqualTo(before.get("ReplicasTotal"));
        assertThat(admin.rows("SHOW BACKENDS")).hasSize(3);
        assertCountsUnchanged();
        awaitHealthy();
    }

    /**
     * ALTER SYSTEM PAUSE DECOMMISSION BACKEND on the drain: once the clones in flight have finished
     * (every replica left is a {@code paused} blocker), the FE is killed with kill -9 again; the
     * restarted FE still has the job PAUSED, and over five more scheduling rounds nothing leaves the
     * backend. RESUME lets it go on (the caller waits for the end).
     */
    private static void holdTheDrainAcrossAnotherKill(String leavingId, String jobId) throws Exception {
        acknowledged("ALTER SYSTEM PAUSE DECOMMISSION BACKEND \"" + leavingId + "\"");
        Map<String, String> paused = awaitJob(leavingId, WAIT, job -> "PAUSED".equals(job.get("State"))
                && job.get("ReplicasLeft").equals(job.get("Blocked")) && onlyPausedBlockers(jobId));
        NodeSpec fe = fixture.layout().frontend(Map.of());
        assertThat(fixture.cluster().node(fe, "kill")).isZero();
        assertThat(fixture.cluster().node(fe, "start")).as(fixture.output()).isZero();
        System.out.println("DecommissionWatchProcessTest: FE killed and restarted while paused at " + brief(paused));
        long rounds = schedStat("num of tablet schedule round");
        awaited(() -> schedStat("num of tablet schedule round"), now -> now >= rounds + 5, WAIT,
                "five scheduling rounds after the restart");
        Map<String, String> held = runningJobOf(leavingId);
        assertThat(held).as("the paused job after the restart").isNotNull();
        assertThat(held.get("JobId")).isEqualTo(jobId);
        assertThat(held.get("State")).isEqualTo("PAUSED");
        assertThat(held.get("ReplicasLeft")).as("nothing moves off a paused backend").isEqualTo(
                paused.get("ReplicasLeft"));
        assertThat(held.get("EtaSeconds")).isNull();
        assertThat(onlyPausedBlockers(jobId)).isTrue();
        acknowledged("ALTER SYSTEM RESUME DECOMMISSION BACKEND \"" + leavingId + "\"");
        assertThat(runningJobOf(leavingId).get("State")).isIn("DRAINING", "DRAINED");
    }

    /** Blocker rows without their Detail column. */
    private static List<Map<String, String>> withoutDetail(List<Map<String, String>> rows) {
        return rows.stream().map(row -> {
            Map<String, String> copy = new LinkedHashMap<>(row);
            copy.remove("Detail");
            return copy;
        }).toList();
    }

    /** Whether the job has blockers and every one is {@code paused}. */
    private static boolean onlyPausedBlockers(String jobId) {
        List<Map<String, String>> blockers = admin.rows("SHOW DECOMMISSION BLOCKERS FOR " + jobId);
        return !blockers.isEmpty() && blockers.stream().allMatch(row -> "paused".equals(row.get("Reason")));
    }

    /** One counter of SHOW PROC '/cluster_balance/sched_stat' (0 before the scheduler's first round). */
    private static long schedStat(String item) {
        return admin.rows("SHOW PROC '/cluster_balance/sched_stat'").stream()
                .filter(row -> item.equals(row.get("Item"))).mapToLong(row -> Long.parseLong(row.get("Value")))
                .findFirst().orElse(0);
    }

    // ---------------------------------------------------------------------------------------------

    private static void createTable(String table, int buckets, int replication) {
        acknowledged("CREATE TABLE " + DB + "." + table + " (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS " + buckets + " PROPERTIES (\"replication_num\" = \""
                + replication + "\")");
    }

    /** One Stream Load of {@code rows} rows {@code (i, i * 7)} through the FE's redirect. */
    private static void streamLoad(String table, int rows) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i * 7L).append('\n');
        }
        Path file = fixture.dir().resolve(table + ".csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        String url = "http://" + fixture.layout().frontendHost() + ":8030/api/" + DB + "/" + table + "/_stream_load";
        Map<String, Object> reply = Curl.streamLoad(url, file.toString(), "label:" + table + "_load",
                "column_separator:,");
        assertThat(reply).containsEntry("Status", "Success").containsEntry("NumberLoadedRows", rows);
        Files.delete(file);
        expectedRows.put(table, (long) rows);
    }

    private static void assertCountsUnchanged() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : expectedRows.keySet()) {
            counts.put(table, Long.parseLong(admin.rows("SELECT count(*) AS n FROM " + DB + "." + table).get(0)
                    .get("n")));
        }
        assertThat(counts).isEqualTo(expectedRows);
    }

    /** The running job of the backend in SHOW DECOMMISSION, or null when none runs. */
    private static Map<String, String> runningJobOf(String backendId) {
        List<Map<String, String>> rows = admin.rows("SHOW DECOMMISSION").stream()
                .filter(row -> backendId.equals(row.get("BackendId"))).toList();
        assertThat(rows).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The job in SHOW DECOMMISSION ALL. */
    private static Map<String, String> job(String jobId) {
        return admin.rows("SHOW DECOMMISSION ALL").stream().filter(row -> jobId.equals(row.get("JobId")))
                .findFirst().orElseThrow(() -> new AssertionError("no job " + jobId + " in SHOW DECOMMISSION ALL"));
    }

    /** Waits until the backend's running job satisfies {@code condition}; returns that row. */
    private static Map<String, String> awaitJob(String backendId, Duration wait,
                                                java.util.function.Predicate<Map<String, String>> condition) {
        return awaited(() -> runningJobOf(backendId), row -> row != null && condition.test(row), wait,
                "the job of backend " + backendId);
    }

    private static List<Map<String, String>> awaitRows(String sql,
                                                       java.util.function.Predicate<List<Map<String, String>>> condition) {
        return awaited(() -> admin.rows(sql), condition, WAIT, sql);
    }

    private static <T> T awaited(Callable<T> read, java.util.function.Predicate<T> condition, Duration wait,
                                 String what) {
        List<T> last = Collections.synchronizedList(new ArrayList<>());
        try {
            return await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
                T value = read.call();
                last.clear();
                last.add(value);
                return value;
            }, condition::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " never matched; last seen " + last + "; " + evidence(), e);
        }
    }

    /** The FE log's WARN lines about a stalled drain of the backend. */
    private static List<String> stallLines(Path feLog, String backendId) {
        String text;
        try {
            text = new String(Files.readAllBytes(feLog), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String marker = "decommission of backend " + backendId + " made no progress for ";
        return text.lines().filter(line -> line.contains(" WARN ") && line.contains(marker)).toList();
    }

    private static long number(Map<String, String> row, String column) {
        return Long.parseLong(row.get(column));
    }

    private static String brief(Map<String, String> row) {
        if (row == null) {
            return "null";
        }
        return List.of("JobId", "State", "ReplicasTotal", "ReplicasMoved", "ReplicasLeft", "BytesTotal",
                        "BytesMoved", "BytesLeft", "RateBytesPerSec", "EtaSeconds", "Blocked").stream()
                .map(column -> column + "=" + row.get(column)).collect(Collectors.joining(" "));
    }

    private static void setFrontendConfig(String key, String value) {
        String sql = "ADMIN SET FRONTEND CONFIG (\"" + key + "\" = \"" + value + "\")";
        ReconnectingClient.Answer answer = admin.execute(sql);
        if (answer.outcome() == Outcome.UNKNOWN) {
            // The connection was opened before an FE restart: the next statement reconnects.
            answer = admin.execute(sql);
        }
        assertThat(answer.outcome()).as(answer.detail()).isEqualTo(Outcome.ACKNOWLEDGED);
    }

    private static void acknowledged(String sql) {
        ReconnectingClient.Answer answer = admin.execute(sql);
        assertThat(answer.outcome()).as(sql + ": " + answer.detail()).isEqualTo(Outcome.ACKNOWLEDGED);
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
     * Waits until balancing is over (every replica in place, no clone running, the replicas by
     * backend unchanged for 3 s: balance stops once every backend is within
     * balance_load_score_threshold of the mean) and every tablet is healthy, so that the next clones
     * are the drain's.
     */
    private static void awaitSettled(Duration wait) {
        List<List<String>> previous = Collections.synchronizedList(new ArrayList<>(List.of(List.of())));
        try {
            await().atMost(wait).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<Map<String, String>> backends = admin.rows("SHOW BACKENDS");
                List<String> replicas = backends.stream().map(row -> row.get("BackendId") + ":" + row.get("TabletNum"))
                        .sorted().toList();
                boolean unchanged = replicas.equals(previous.set(0, replicas));
                return unchanged && backends.stream().mapToInt(row -> Integer.parseInt(row.get("TabletNum"))).sum()
                        == expectedReplicas && admin.rows("SHOW PROC '/cluster_balance/running_tablets'").isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("replicas not settled after " + wait.toSeconds() + " s; " + evidence(), e);
        }
        awaitHealthy();
    }

    private static void awaitSettled() {
        awaitSettled(WAIT);
    }





    /** Every tablet of the database healthy and the catalog holding every replica. */
    private static void awaitHealthy() {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                Map<String, String> health = admin.rows("SHOW PROC '/cluster_health/tablet_health'").stream()
                        .filter(row -> DB.equals(row.get("DbName"))).findFirst().orElseThrow();
                assertThat(health.get("HealthyNum")).isEqualTo(health.get("TabletNum"));
                assertThat(admin.rows("SHOW BACKENDS").stream().mapToInt(row -> Integer.parseInt(row.get("TabletNum")))
                        .sum()).isEqualTo(expectedReplicas);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("tablets not healthy after " + WAIT.toSeconds() + " s; " + evidence(), e);
        }
    }

    /** What the cluster shows now and the FE log's tail: for a failure's message. */
    private static String evidence() {
        StringBuilder text = new StringBuilder();
        try {
            text.append("\nSHOW BACKENDS: ").append(admin.rows("SHOW BACKENDS"));
            text.append("\nSHOW DECOMMISSION ALL: ").append(admin.rows("SHOW DECOMMISSION ALL"));
            text.append("\nSHOW DECOMMISSION BLOCKERS: ").append(admin.rows("SHOW DECOMMISSION BLOCKERS").stream()
                    .limit(20).toList());
            text.append("\ntablet_health: ").append(admin.rows("SHOW PROC '/cluster_health/tablet_health'"));
        } catch (RuntimeException e) {
            text.append("\n(could not ask the FE: ").append(e).append(')');
        }
        text.append("\nFE log tail:\n").append(MysqlProbe.tail(fixture.layout().frontend(Map.of()).logFile(), 60));
        return text.toString();
    }
}
