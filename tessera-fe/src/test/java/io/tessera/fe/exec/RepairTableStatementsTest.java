package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.column;
import static io.tessera.fe.testing.ResultRows.maps;
import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADMIN REPAIR TABLE and ADMIN CANCEL REPAIR TABLE through the real wiring: the queued partitions
 * in SHOW PROC '/cluster_balance/priority_repair' and the root's count, their timeout on the FE's
 * clock, every error text, the privilege, what the scheduler does with a queued partition's
 * tablets (VERY_HIGH, repaired without the repair delay while the others wait), and a queued
 * partition leaving once a check finds it healthy, as in Doris. A cluster per test: some stop
 * backends (a queued partition stays only while it has an unhealthy tablet) and one moves the
 * clock by hours.
 */
class RepairTableStatementsTest {
    private static final String ROWS = "SHOW PROC '/cluster_balance/priority_repair'";
    /**
     * tablet_checker_interval_ms's default: with unhealthy tablets queued, the loop checks every
     * tablet again (and so takes healthy or dropped partitions out) once this passed on the FE's clock.
     */
    private static final long CHECKER_INTERVAL_MS = 20_000;

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeEach
    void startCluster() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        session.execute("CREATE DATABASE repairdb");
        session.execute("USE repairdb");
        session.execute("CREATE TABLE p (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
                + "PARTITION p0 VALUES LESS THAN (\"100\"), PARTITION p1 VALUES LESS THAN (\"200\"), "
                + "PARTITION p2 VALUES LESS THAN (\"300\")) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"3\")");
        session.execute("CREATE TABLE other (k INT NOT NULL) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"replication_num\" = \"3\")");
    }

    @AfterEach
    void stopCluster() {
        session.close();
        cluster.close();
    }

    @Test
    void repairQueuesPartitionsForFourHoursAndCancelTakesThemOut() {
        assertThat(names(session.query(ROWS))).containsExactly("Database", "Table", "Partition", "RemainingTimeMs");
        assertThat(session.query(ROWS).rows()).isEmpty();
        assertThat(priorityRepairCount()).isEqualTo("0");
        makeEveryTabletUnhealthy();

        assertThat(session.execute("ADMIN REPAIR TABLE repairdb.p PARTITION (p1, p2)")).isEqualTo(OkResult.EMPTY);
        List<Map<String, String>> rows = maps(session.query(ROWS));
        assertThat(column(session.query(ROWS), "Partition")).containsExactly(partitionId("p", "p1"),
                partitionId("p", "p2"));
        assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("Database", databaseId())
                .containsEntry("RemainingTimeMs", "14400000"));
        String tableId = rows.get(0).get("Table");
        assertThat(Long.parseLong(tableId)).isPositive();
        assertThat(rows).extracting(row -> row.get("Table")).containsOnly(tableId);
        assertThat(priorityRepairCount()).isEqualTo("2");

        // All partitions when none is named, an unqualified name in the current database, and
        // queueing p1 again (its four hours start again).
        cluster.clock().advance(1, TimeUnit.HOURS);
        session.execute("ADMIN REPAIR TABLE p");
        assertThat(remainingByPartition()).isEqualTo(Map.of(partitionId("p", "p0"), "14400000",
                partitionId("p", "p1"), "14400000", partitionId("p", "p2"), "14400000"));
        session.execute("admin repair table other");
        assertThat(priorityRepairCount()).isEqualTo("4");

        session.execute("ADMIN CANCEL REPAIR TABLE repairdb.p PARTITION (p0)");
        assertThat(remainingByPartition().keySet()).containsExactlyInAnyOrder(partitionId("p", "p1"),
                partitionId("p", "p2"), partitionId("other", "other"));
        session.execute("ADMIN CANCEL REPAIR TABLE p PARTITION (p0)");  // never queued (any more): a silent OK
        session.execute("ADMIN CANCEL REPAIR TABLE p");
        assertThat(remainingByPartition().keySet()).containsExactly(partitionId("other", "other"));
        assertThat(priorityRepairCount()).isEqualTo("1");

        cluster.clock().advance(3, TimeUnit.HOURS);
        assertThat(remainingByPartition()).as("still unhealthy: still queued")
                .containsExactly(Map.entry(partitionId("other", "other"), "3600000"));
        cluster.clock().advance(1, TimeUnit.HOURS);
        assertThat(session.query(ROWS).rows()).as("expired after four hours").isEmpty();
        assertThat(priorityRepairCount()).isEqualTo("0");
    }

    @Test
    void aQueuedHealthyPartitionLeavesAtTheNextCheck() {
        long checksBefore = cluster.replicationActivity().checks();
        session.execute("ADMIN REPAIR TABLE p PARTITION (p1)");
        await("the next check finds p1 healthy and takes it out").atMost(Duration.ofSeconds(30))
                .until(() -> session.query(ROWS).rows().isEmpty());
        assertThat(priorityRepairCount()).isEqualTo("0");
        assertThat(cluster.replicationActivity().checks()).as("by a check after the statement")
                .isGreaterThan(checksBefore);
    }

    @Test
    void droppingAQueuedPartitionTakesItOut() {
        makeEveryTabletUnhealthy();
        session.execute("ADMIN REPAIR TABLE p");
        session.execute("ALTER TABLE p DROP PARTITION p2");
        cluster.clock().advance(CHECKER_INTERVAL_MS, TimeUnit.MILLISECONDS);
        await("the scheduler forgets the dropped partition").atMost(Duration.ofSeconds(30))
                .until(() -> priorityRepairCount().equals("2"));
        assertThat(column(session.query(ROWS), "Partition")).containsExactly(partitionId("p", "p0"),
                partitionId("p", "p1"));
    }

    @Test
    void errorsAreDorisTexts() {
        for (String verb : List.of("REPAIR", "CANCEL REPAIR")) {
            String admin = "ADMIN " + verb + " TABLE ";
            expectError(session, admin + "nodb.p", ErrorCode.BAD_DATABASE, "Unknown database 'nodb'");
            expectError(session, admin + "repairdb.nosuch", ErrorCode.UNKNOWN_TABLE, "Unknown table 'nosuch'");
            expectError(session, admin + "nosuch", ErrorCode.UNKNOWN_TABLE, "Unknown table 'nosuch'");
            expectError(session, admin + "p PARTITION (p1, p9)", ErrorCode.UNKNOWN_OBJECT,
                    "Partition does not exist: p9");
            expectError(session, admin + "p TEMPORARY PARTITION (p1)", ErrorCode.BAD_STATEMENT,
                    "Do not support (cancel)repair temporary partitions");
            try (ClusterSession noDatabase = cluster.session()) {
                expectError(noDatabase, admin + "p", ErrorCode.NO_DATABASE_SELECTED, "No database selected");
            }
        }
        assertThat(session.query(ROWS).rows()).as("a refused statement queues nothing").isEmpty();
    }

    @Test
    void bothStatementsNeedAdmin() {
        // A login naming repairdb would itself be refused to a user without a privilege on it.
        try (ClusterSession guest = cluster.session("guest", "127.0.0.1")) {
            for (String sql : List.of("ADMIN REPAIR TABLE repairdb.p", "ADMIN CANCEL REPAIR TABLE repairdb.p",
                    "ADMIN REPAIR TABLE nodb.nosuch")) {
                expectError(guest, sql, ErrorCode.SPECIFIC_ACCESS_DENIED,
                        "Access denied; you need (at least one of) the (ADMIN) privilege(s) for this operation");
            }
        }
        // A full check takes a queued partition out once it finds every tablet healthy, and one may
        // run between the statement and the check: with no tablet healthy, p0 stays queued.
        makeEveryTabletUnhealthy();
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1", "repairdb")) {
            admin.execute("ADMIN REPAIR TABLE p PARTITION p0");
        }
        assertThat(column(session.query(ROWS), "Partition")).containsExactly(partitionId("p", "p0"));
    }

    @Test
    void aQueuedPartitionsTabletsAreVeryHighAndRepairedWithoutTheRepairDelay() {
        session.execute("ADMIN SET FRONTEND CONFIG ('disable_balance' = 'true')");
        session.execute("ADMIN SET FRONTEND CONFIG ('disable_tablet_scheduler' = 'true')");
        String dead = maps(session.query("SHOW BACKENDS")).get(0).get("BackendId");
        Set<String> p0 = tabletsOnBackend("p0", dead);
        Set<String> p1 = tabletsOnBackend("p1", dead);
        assertThat(p0).as("a tablet of p0 on backend " + dead).isNotEmpty();
        assertThat(p1).as("a tablet of p1 on backend " + dead).isNotEmpty();
        cluster.stopBackend(0);
        // The FE's clock stands still, so tablet_repair_delay_factor_second (60 s: NORMAL waits
        // 120 s) never passes for a tablet that lost one of three replicas.
        await("the tablets that lost a replica pending").atMost(Duration.ofSeconds(30))
                .until(() -> pendingPriorities().keySet().containsAll(union(p0, p1)));
        assertThat(pendingPriorities()).containsAllEntriesOf(priorities(union(p0, p1), "NORMAL"));

        session.execute("ADMIN REPAIR TABLE p PARTITION (p1)");
        assertThat(column(session.query(ROWS), "Partition")).as("p1 is not healthy: it stays queued")
                .containsExactly(partitionId("p", "p1"));
        await("p1's tablets VERY_HIGH").atMost(Duration.ofSeconds(30))
                .until(() -> pendingPriorities().entrySet().containsAll(priorities(p1, "VERY_HIGH").entrySet()));
        assertThat(pendingPriorities()).containsAllEntriesOf(priorities(p0, "NORMAL"));

        session.execute("ADMIN SET FRONTEND CONFIG ('disable_tablet_scheduler' = 'false')");
        await("p1's tablets repaired").atMost(Duration.ofSeconds(60))
                .until(() -> finishedRepairs().keySet().containsAll(p1));
        assertThat(finishedRepairs()).containsAllEntriesOf(priorities(p1, "VERY_HIGH"));
        assertThat(pendingPriorities()).as("p0's tablets still wait for the repair delay")
                .containsAllEntriesOf(priorities(p0, "NORMAL"));
        assertThat(finishedRepairs().keySet()).doesNotContainAnyElementsOf(p0);
        await("p1's replicas on the stopped backend removed").atMost(Duration.ofSeconds(60))
                .until(() -> tabletsOnBackend("p1", dead).isEmpty());
        assertThat(column(session.query(ROWS), "Partition")).as("until the next full check")
                .containsExactly(partitionId("p", "p1"));
        cluster.clock().advance(CHECKER_INTERVAL_MS, TimeUnit.MILLISECONDS);
        await("p1, repaired, leaves the queue at the next full check").atMost(Duration.ofSeconds(30))
                .until(() -> session.query(ROWS).rows().isEmpty());
        assertThat(priorityRepairCount()).isEqualTo("0");
    }

    /**
     * Keeps every tablet of p and other unhealthy for the rest of the test, so that a queued
     * partition stays queued: the scheduler decides nothing, and two of the four backends stop
     * (each tablet has three replicas, so at least one of them on a stopped backend). Returns
     * once the scheduler has seen every tablet short of a replica.
     */
    private void makeEveryTabletUnhealthy() {
        session.execute("ADMIN SET FRONTEND CONFIG ('disable_tablet_scheduler' = 'true')");
        Set<String> tablets = new HashSet<>();
        for (String table : List.of("p", "other")) {
            tablets.addAll(column(session.query("SHOW TABLETS FROM " + table), "TabletId"));
        }
        cluster.stopBackend(0);
        cluster.stopBackend(1);
        await("every tablet pending").atMost(Duration.ofSeconds(30))
                .until(() -> pendingPriorities().keySet().containsAll(tablets));
    }

    private String priorityRepairCount() {
        return maps(session.query("SHOW PROC '/cluster_balance'")).stream()
                .filter(row -> row.get("Item").equals("priority_repair")).findFirst().orElseThrow().get("Number");
    }

    private Map<String, String> remainingByPartition() {
        Map<String, String> remaining = new HashMap<>();
        for (Map<String, String> row : maps(session.query(ROWS))) {
            remaining.put(row.get("Partition"), row.get("RemainingTimeMs"));
        }
        return remaining;
    }

    private String databaseId() {
        return maps(session.query("SHOW PROC '/statistic'")).stream()
                .filter(row -> "repairdb".equals(row.get("DbName"))).findFirst().orElseThrow().get("DbId");
    }

    private String partitionId(String table, String partition) {
        return maps(session.query("SHOW PARTITIONS FROM repairdb." + table)).stream()
                .filter(row -> row.get("PartitionName").equals(partition)).findFirst().orElseThrow()
                .get("PartitionId");
    }

    private Set<String> tabletsOnBackend(String partition, String backendId) {
        return maps(session.query("SHOW TABLETS FROM p PARTITION (" + partition + ")")).stream()
                .filter(row -> row.get("BackendId").equals(backendId)).map(row -> row.get("TabletId"))
                .collect(Collectors.toSet());
    }

    /** Tablet id to Priority in pending_tablets. */
    private Map<String, String> pendingPriorities() {
        return maps(session.query("SHOW PROC '/cluster_balance/pending_tablets'")).stream()
                .collect(Collectors.toMap(row -> row.get("TabletId"), row -> row.get("Priority"), (a, b) -> a));
    }

    /** Tablet id to Priority of the finished REPLICA_MISSING repairs in history_tablets. */
    private Map<String, String> finishedRepairs() {
        return maps(session.query("SHOW PROC '/cluster_balance/history_tablets'")).stream()
                .filter(row -> row.get("State").equals("FINISHED") && row.get("Status").equals("REPLICA_MISSING"))
                .collect(Collectors.toMap(row -> row.get("TabletId"), row -> row.get("Priority"), (a, b) -> a));
    }

    private static Map<String, String> priorities(Set<String> tabletIds, String priority) {
        return tabletIds.stream().collect(Collectors.toMap(id -> id, id -> priority));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).collect(Collectors.toSet());
    }

    private static void expectError(ClusterSession session, String sql, ErrorCode code, String message) {
        TesseraException failure = catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
        assertThat(failure).as(sql).isNotNull();
        assertThat(failure.getMessage()).as(sql).isEqualTo(message);
        assertThat(failure.code()).as(sql).isEqualTo(code);
    }
}
