package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.column;
import static io.tessera.fe.testing.ResultRows.maps;
import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SHOW PROC '/cluster_balance' and its children, and '/statistic', through the real wiring: the
 * shapes (Doris's column names and rows) and what a DECOMMISSION drain leaves in them.
 */
class ClusterBalanceProcTest {
    private static final List<String> DETAIL_TITLES = List.of("TabletId", "Type", "Medium", "Status", "State",
            "SchedCode", "Priority", "RealPriorityVal", "SrcBe", "SrcPath", "DestBe", "DestPath", "Timeout",
            "Create", "LstSched", "LstVisit", "Finished", "ReplicaSize", "Rate", "FailedSched", "FailedRunning",
            "VisibleVer", "CmtVer", "ErrMsg");
    private static final List<String> STAT_LABELS = List.of(
            "num of tablet check round",
            "cost of tablet check(ms)",
            "num of tablet checked in tablet checker",
            "num of unhealthy tablet checked in tablet checker",
            "num of tablet being added to tablet scheduler",
            "num of tablet schedule round",
            "cost of tablet schedule(ms)",
            "num of tablet being scheduled",
            "num of tablet being scheduled succeeded",
            "num of tablet being scheduled failed",
            "num of tablet being scheduled discard",
            "num of tablet priority upgraded",
            "num of tablet priority downgraded",
            "num of clone task",
            "num of clone task succeeded",
            "num of clone task failed",
            "num of clone task timeout",
            "num of replica missing error",
            "num of replica version missing error",
            "num of replica unavailable error",
            "num of replica redundant error",
            "num of replica missing in cluster error",
            "num of replica missing for tag error",
            "num of balance scheduled",
            "num of colocate replica mismatch",
            "num of colocate replica redundant");

    private static InProcessCluster cluster;
    private static ClusterSession session;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        DrainTables.createLoaded(session, "balanceproc");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void theRootHasDorisSevenRowsInOrder() {
        // working_slots counts the backends the scheduler has slots for: there once its first round ran.
        await("the scheduler's first round").atMost(Duration.ofSeconds(30)).until(() ->
                maps(session.query("SHOW PROC '/cluster_balance'")).get(1).get("Number")
                        .equals(Integer.toString(tabletNums().size())));
        ResultSet root = session.query("SHOW PROC '/cluster_balance'");
        assertThat(names(root)).containsExactly("Item", "Number");
        assertThat(column(root, "Item")).containsExactly("cluster_load_stat", "working_slots", "sched_stat",
                "priority_repair", "pending_tablets", "running_tablets", "history_tablets");
        assertThat(column(root, "Number")).allSatisfy(number -> assertThat(Long.parseLong(number)).isNotNegative());
        assertThat(maps(root).get(0)).containsEntry("Number", "1");
        assertThat(maps(root).get(3)).containsEntry("Number", "0");
        assertThat(maps(root).get(2)).containsEntry("Number", "1");
        assertThat(column(session.query("SHOW PROC '/'"), "name")).contains("cluster_balance", "statistic");
    }

    @Test
    void theChildrenHaveDorisColumns() {
        assertThat(names(session.query("SHOW PROC '/cluster_balance/working_slots'")))
                .containsExactly("BeId", "PathHash", "AvailSlots", "TotalSlots", "BalanceSlot", "AvgRate");
        assertThat(names(session.query("SHOW PROC '/cluster_balance/sched_stat'"))).containsExactly("Item", "Value");
        ResultSet repair = session.query("SHOW PROC '/cluster_balance/priority_repair'");
        assertThat(names(repair)).containsExactly("Database", "Table", "Partition", "RemainingTimeMs");
        assertThat(repair.rows()).isEmpty();
        for (String child : List.of("pending_tablets", "running_tablets", "history_tablets")) {
            assertThat(names(session.query("SHOW PROC '/cluster_balance/" + child + "'")))
                    .containsExactlyElementsOf(DETAIL_TITLES);
        }
        ResultSet tags = session.query("SHOW PROC '/cluster_balance/cluster_load_stat'");
        assertThat(names(tags)).containsExactly("Tag");
        assertThat(column(tags, "Tag")).containsExactly("location_default");
        assertThat(column(session.query("SHOW PROC '/cluster_balance/cluster_load_stat/location_default'"),
                "StorageMedium")).containsExactly("HDD", "SSD", "S3", "REMOTE_CACHE");
        ResultSet load = session.query("SHOW PROC '/cluster_balance/cluster_load_stat/location_default/hdd'");
        assertThat(names(load)).containsExactly("BeId", "Available", "UsedCapacity", "Capacity", "MaxDisk",
                "UsedPercent", "ReplicaNum", "CapCoeff", "ReplCoeff", "Score", "Class");
        assertThat(column(load, "BeId")).containsExactlyInAnyOrderElementsOf(tabletNums().keySet());
        assertThat(column(load, "Class")).allSatisfy(value -> assertThat(value).isIn("LOW", "MID", "HIGH"));
        assertThat(session.query("SHOW PROC '/cluster_balance/cluster_load_stat/location_default/SSD'").rows())
                .isEmpty();
    }

    @Test
    void unknownChildrenFailAsDorisSays() {
        assertThatThrownBy(() -> session.query("SHOW PROC '/cluster_balance/foo'"))
                .hasMessageContaining("invalid type: foo");
        assertThatThrownBy(() -> session.query("SHOW PROC '/cluster_balance/cluster_load_stat/location_x'"))
                .hasMessageContaining("No such tag: location_x");
        assertThatThrownBy(() -> session.query(
                "SHOW PROC '/cluster_balance/cluster_load_stat/location_default/floppy'"))
                .hasMessageContaining("no such storage medium: floppy");
        assertThatThrownBy(() -> session.query("SHOW PROC '/cluster_balance/working_slots/abc'"))
                .hasMessageContaining("Invalid backend id format: abc");
        assertThatThrownBy(() -> session.query("SHOW PROC '/cluster_balance/working_slots/424242'"))
                .hasMessageContaining("Backend[424242] does not exist.");
        assertThatThrownBy(() -> session.query("SHOW PROC '/cluster_balance/history_tablets/abc'"))
                .hasMessageContaining("Invalid tablet id format: abc");
        assertThatThrownBy(() -> session.query("SHOW PROC '/statistic/10001'"))
                .hasMessageContaining("/statistic/10001 is not a directory");
    }

    @Test
    void statisticCountsPerDatabaseWithATotal() {
        await("replicas settle").atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, String>> rows = maps(session.query("SHOW PROC '/statistic'"));
            return rows.stream().anyMatch(row -> "balanceproc".equals(row.get("DbName"))
                    && "24".equals(row.get("ReplicaNum")));
        });
        ResultSet statistic = session.query("SHOW PROC '/statistic'");
        assertThat(names(statistic)).containsExactly("DbId", "DbName", "TableNum", "PartitionNum", "IndexNum",
                "TabletNum", "ReplicaNum");
        List<Map<String, String>> rows = maps(statistic);
        assertThat(rows.get(rows.size() - 1)).containsEntry("DbId", "Total")
                .containsEntry("DbName", Integer.toString(rows.size() - 1));
        assertThat(column(statistic, "DbName")).doesNotContain("information_schema");
        List<String> names = column(statistic, "DbName").subList(0, rows.size() - 1);
        assertThat(names).isSorted();
        Map<String, String> db = rows.stream().filter(row -> "balanceproc".equals(row.get("DbName"))).findFirst()
                .orElseThrow();
        assertThat(db).containsEntry("TableNum", "1").containsEntry("PartitionNum", "1")
                .containsEntry("IndexNum", "1").containsEntry("TabletNum", "8");
    }

    @Test
    void aDrainShowsRunningThenFinishedRelocations() throws InterruptedException {
        await("balance settles").atMost(Duration.ofSeconds(30)).until(() -> spread(tabletNums()) <= 2);
        Map<String, Integer> before = tabletNums();
        String leaving = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        // The drain's end below accepts a backend gone from SHOW BACKENDS (dropped once empty):
        // it held replicas, so that end cannot be reached without moving them.
        assertThat(before.get(leaving)).as("replicas on backend " + leaving + " before the drain").isPositive();
        List<Map<String, String>> runningSeen = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try (ClusterSession own = cluster.session()) {
                while (watching.get() && runningSeen.isEmpty()) {
                    // Balance clones may still run; the drain's are the relocations.
                    maps(own.query("SHOW PROC '/cluster_balance/running_tablets'")).stream()
                            .filter(row -> "REPLICA_RELOCATING".equals(row.get("Status"))).forEach(runningSeen::add);
                }
            }
        }, "running-tablets-watcher");
        watcher.start();

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving + "\"");
        await("backend " + leaving + " drained").atMost(Duration.ofSeconds(60))
                .until(() -> tabletNums().getOrDefault(leaving, 0) == 0);
        watching.set(false);
        watcher.join(10_000);

        assertThat(runningSeen).as("running_tablets during the drain").isNotEmpty();
        assertThat(runningSeen).allSatisfy(row -> assertThat(row).containsEntry("Type", "REPAIR")
                .containsEntry("State", "RUNNING").containsEntry("Status", "REPLICA_RELOCATING")
                .containsEntry("Medium", "HDD").containsEntry("SrcPath", "-1").containsEntry("DestPath", "-1")
                .doesNotContainEntry("DestBe", leaving));

        List<Map<String, String>> history = maps(session.query("SHOW PROC '/cluster_balance/history_tablets'"));
        List<Map<String, String>> relocations = history.stream()
                .filter(row -> "REPLICA_RELOCATING".equals(row.get("Status")))
                .filter(row -> !"-1".equals(row.get("DestBe"))).toList();
        assertThat(relocations).isNotEmpty().allSatisfy(row -> {
            assertThat(row).containsEntry("Type", "REPAIR").containsEntry("State", "FINISHED")
                    .containsEntry("ErrMsg", "");
            assertThat(row.get("Finished")).isNotNull();
            assertThat(row.get("DestBe")).isNotEqualTo(leaving);
        });
        assertThat(history.size()).isLessThanOrEqualTo(1000);

        ResultSet stat = session.query("SHOW PROC '/cluster_balance/sched_stat'");
        assertThat(column(stat, "Item")).containsExactlyElementsOf(STAT_LABELS);
        Map<String, Long> values = new HashMap<>();
        for (Map<String, String> row : maps(stat)) {
            values.put(row.get("Item"), Long.parseLong(row.get("Value")));
        }
        assertThat(values.get("num of clone task")).isGreaterThanOrEqualTo(relocations.size());
        assertThat(values.get("num of clone task succeeded")).isGreaterThanOrEqualTo(relocations.size());
        assertThat(values.get("num of replica unavailable error")).as("relocating tablets seen by full checks").isPositive();
        assertThat(values.get("num of tablet check round")).isPositive();
        assertThat(values.get("num of tablet checked in tablet checker")).isGreaterThanOrEqualTo(8);
        assertThat(values.get("num of colocate replica mismatch")).isZero();

        ResultSet slots = session.query("SHOW PROC '/cluster_balance/working_slots'");
        assertThat(column(slots, "BeId")).containsExactlyInAnyOrderElementsOf(tabletNums().keySet());
        assertThat(column(slots, "TotalSlots")).allSatisfy(total -> assertThat(total).isEqualTo("4"));
        assertThat(column(slots, "PathHash")).allSatisfy(hash -> assertThat(hash).isEqualTo("-1"));
        assertThat(column(slots, "AvgRate")).allSatisfy(rate -> assertThat(Double.parseDouble(rate)).isNotNegative());

        await("the drained backend dropped").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(5, TimeUnit.SECONDS);
            return !tabletNums().containsKey(leaving);
        });
        Map<String, String> root = new HashMap<>();
        maps(session.query("SHOW PROC '/cluster_balance'")).forEach(row -> root.put(row.get("Item"), row.get("Number")));
        assertThat(Long.parseLong(root.get("history_tablets"))).isGreaterThanOrEqualTo(relocations.size());
        assertThat(root).containsEntry("sched_stat", "1").containsEntry("running_tablets", "0");
    }

    private static Map<String, Integer> tabletNums() {
        return DrainTables.tabletNums(session);
    }

    private static int spread(Map<String, Integer> counts) {
        return DrainTables.spread(counts);
    }
}
