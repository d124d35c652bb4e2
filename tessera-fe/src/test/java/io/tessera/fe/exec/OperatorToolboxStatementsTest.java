package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.column;
import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.common.TesseraException;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator's toolbox on an in-process cluster: SHOW FRONTENDS, SHOW PROC '/dbs' down to the
 * replica rows, SHOW PROC '/backends/&lt;id&gt;', SHOW TABLET and SHOW TABLETS' filters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorToolboxStatementsTest {
    private InProcessCluster cluster;
    private ClusterSession session;
    private String dbId;
    private String tableId;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("CREATE DATABASE toolbox");
        session.execute("USE toolbox");
        session.execute("CREATE TABLE t (k INT NOT NULL, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
                + "PARTITION p0 VALUES LESS THAN (\"100\"), PARTITION p1 VALUES LESS THAN (\"200\")) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"3\")");
        session.execute("INSERT INTO t VALUES (1, 10), (150, 20)");
        dbId = maps(session.query("SHOW PROC '/dbs'")).stream().filter(row -> row.get("DbName").equals("toolbox"))
                .findFirst().orElseThrow().get("DbId");
        tableId = maps(session.query("SHOW PROC '/dbs/" + dbId + "'")).get(0).get("TableId");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private String refusal(String sql) {
        try {
            session.execute(sql);
        } catch (TesseraException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused: " + sql);
    }

    @Test
    void showFrontendsShowsThisFrontend() {
        List<Map<String, String>> rows = maps(session.query("SHOW FRONTENDS"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("Host", cluster.frontendHost())
                .containsEntry("QueryPort", Integer.toString(cluster.queryPort()))
                .containsEntry("Role", "FOLLOWER").containsEntry("IsMaster", "true").containsEntry("Alive", "true")
                .containsEntry("CurrentConnected", "Yes");
        assertThat(Long.parseLong(rows.get(0).get("ReplayedJournalId"))).isPositive();
        assertThat(rows.get(0).get("LastStartTime")).isNotNull();
    }

    @Test
    void dbsListsEveryDatabaseWithItsCounts() {
        ResultSet dbs = session.query("SHOW PROC '/dbs'");
        assertThat(dbs.columns()).extracting(c -> c.name()).containsExactly("DbId", "DbName", "TableNum", "Size",
                "Quota", "LastConsistencyCheckTime", "ReplicaCount", "ReplicaQuota", "RunningTransactionNum",
                "TransactionQuota", "LastUpdateTime");
        assertThat(column(dbs, "DbName")).startsWith("information_schema", "mysql").contains("toolbox");
        Map<String, String> toolbox = maps(dbs).stream().filter(row -> row.get("DbName").equals("toolbox"))
                .findFirst().orElseThrow();
        assertThat(toolbox).containsEntry("TableNum", "1").containsEntry("ReplicaCount", "12")
                .containsEntry("Quota", "8388608.000 TB").containsEntry("ReplicaQuota", "1073741824")
                .containsEntry("RunningTransactionNum", "0").containsEntry("TransactionQuota", "10000");
        assertThat(maps(session.query("SHOW PROC '/dbs/'"))).hasSameSizeAs(maps(dbs));
    }

    @Test
    void walksFromADatabaseDownToOneTabletsReplicas() {
        Map<String, String> table = maps(session.query("SHOW PROC '/dbs/" + dbId + "'")).get(0);
        assertThat(table).containsEntry("TableName", "t").containsEntry("IndexNum", "1")
                .containsEntry("PartitionColumnName", "k").containsEntry("PartitionNum", "2")
                .containsEntry("State", "NORMAL").containsEntry("Type", "OLAP").containsEntry("ReplicaCount", "12")
                .containsEntry("VisibleVersion", "2");
        assertThat(column(session.query("SHOW PROC '/dbs/" + dbId + "/" + tableId + "'"), "Nodes"))
                .containsExactly("partitions", "temp_partitions", "index_schema", "indexes");
        List<Map<String, String>> partitions = maps(session.query("SHOW PROC '/dbs/" + dbId + "/" + tableId
                + "/partitions'"));
        assertThat(partitions).extracting(row -> row.get("PartitionName")).containsExactly("p0", "p1");
        String partitionId = partitions.get(1).get("PartitionId");
        String base = "/dbs/" + dbId + "/" + tableId + "/partitions/" + partitionId;
        assertThat(session.rows("SHOW PROC '" + base + "'")).containsExactly(java.util.Arrays.asList(tableId, "t",
                "NORMAL", null));
        List<Map<String, String>> tablets = maps(session.query("SHOW PROC '" + base + "/" + tableId + "'"));
        assertThat(tablets).hasSize(2 * 3);
        assertThat(tablets.get(0).keySet()).startsWith("TabletId", "ReplicaId", "BackendId");
        String tabletId = tablets.get(0).get("TabletId");
        ResultSet replicas = session.query("SHOW PROC '" + base + "/" + tableId + "/" + tabletId + "'");
        assertThat(replicas.columns()).extracting(c -> c.name()).containsExactlyElementsOf(TabletRows.REPLICA_TITLES);
        assertThat(maps(replicas)).hasSize(3).allSatisfy(row -> {
            assertThat(row).containsEntry("Version", "2").containsEntry("State", "NORMAL")
                    .containsEntry("IsBad", "false").containsEntry("IsUserDrop", "false");
            assertThat(row.get("MetaUrl")).endsWith("/api/meta/header/" + tabletId);
        });
        assertThat(refusal("SHOW PROC '" + base + "/" + tableId + "/" + tabletId + "/'"))
                .endsWith(" is not a directory");
        assertThat(refusal("SHOW PROC '" + base + "/" + tableId + "/" + tabletId + "/1'"))
                .endsWith(" is not a directory");
    }

    @Test
    void badIdsGetDorisTexts() {
        assertThat(refusal("SHOW PROC '/dbs/abc'")).endsWith("Invalid db id format: abc");
        assertThat(refusal("SHOW PROC '/dbs/999999'")).endsWith("Database 999999 does not exist");
        assertThat(refusal("SHOW PROC '/dbs/" + dbId + "/x'")).endsWith("Invalid table id format: x");
        assertThat(refusal("SHOW PROC '/dbs/" + dbId + "/999999'")).endsWith("Unknown table '999999'");
        String table = "/dbs/" + dbId + "/" + tableId;
        assertThat(refusal("SHOW PROC '" + table + "/rollups'")).endsWith("Not implemented yet: rollups");
        assertThat(refusal("SHOW PROC '" + table + "/partitions/x'")).endsWith("Invalid partition id format: x");
        assertThat(refusal("SHOW PROC '" + table + "/partitions/7'")).endsWith("Partition[7] does not exist");
        String partitionId = maps(session.query("SHOW PROC '" + table + "/partitions'")).get(0).get("PartitionId");
        String partition = table + "/partitions/" + partitionId;
        assertThat(refusal("SHOW PROC '" + partition + "/y'")).endsWith("Invalid index id format: y");
        assertThat(refusal("SHOW PROC '" + partition + "/7'")).endsWith("Index[7] does not exist.");
        assertThat(refusal("SHOW PROC '" + partition + "/" + tableId + "/z'")).endsWith("Invalid tablet id format: z");
        assertThat(refusal("SHOW PROC '" + partition + "/" + tableId + "/7'")).endsWith("Tablet[7] does not exist");
    }

    @Test
    void backendProcShowsItsDisks() {
        String backendId = maps(session.query("SHOW BACKENDS")).get(0).get("BackendId");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(session.rows("SHOW PROC '/backends/" + backendId + "'")).isNotEmpty());
        ResultSet disks = session.query("SHOW PROC '/backends/" + backendId + "'");
        assertThat(disks.columns()).extracting(c -> c.name()).containsExactly("RootPath", "DataUsedCapacity",
                "OtherUsedCapacity", "AvailCapacity", "TotalCapacity", "TotalUsedPct", "State", "PathHash",
                "StorageMedium");
        Map<String, String> disk = maps(disks).get(0);
        assertThat(disk.get("RootPath")).endsWith("storage");
        assertThat(disk).containsEntry("State", "ONLINE").containsEntry("StorageMedium", "HDD");
        assertThat(disk.get("TotalUsedPct")).endsWith(" %");
        assertThat(refusal("SHOW PROC '/backends/abc'")).endsWith("Invalid backend id format: abc");
        assertThat(refusal("SHOW PROC '/backends/1'")).endsWith("Backend[1] does not exist.");
        assertThat(refusal("SHOW PROC '/backends/" + backendId + "/x'")).endsWith(" is not a directory");
    }

    @Test
    void showTabletSaysWhereATabletLives() {
        String tabletId = session.rows("SHOW TABLETS FROM t PARTITION (p1)").get(0).get(0);
        String partitionId = maps(session.query("SHOW PARTITIONS FROM t")).get(1).get("PartitionId");
        Map<String, String> row = maps(session.query("SHOW TABLET " + tabletId)).get(0);
        assertThat(row).containsEntry("DbName", "toolbox").containsEntry("TableName", "t")
                .containsEntry("PartitionName", "p1").containsEntry("IndexName", "t").containsEntry("DbId", dbId)
                .containsEntry("TableId", tableId).containsEntry("PartitionId", partitionId)
                .containsEntry("IndexId", tableId).containsEntry("IsSync", "true").containsEntry("Order", "0")
                .containsEntry("QueryHits", "0").containsEntry("DetailCmd", "SHOW PROC '/dbs/" + dbId + "/" + tableId
                        + "/partitions/" + partitionId + "/" + tableId + "/" + tabletId + "';");
        assertThat(session.rows("SHOW PROC '/dbs/" + dbId + "/" + tableId + "/partitions/" + partitionId + "/"
                + tableId + "/" + tabletId + "'")).hasSize(3);
        assertThat(session.rows("SHOW TABLET 999")).containsExactly(java.util.Arrays.asList(null, null, null, null,
                "-1", "-1", "-1", "-1", "false", "-1", "0", "SHOW PROC '/dbs/-1/-1/partitions/-1/-1/999';"));
    }

    @Test
    void showTabletsFiltersSortsAndLimitsAsDorisDoes() {
        List<List<String>> all = session.rows("SHOW TABLETS FROM t");
        assertThat(all).hasSize(12);
        String backendId = all.get(0).get(2);
        assertThat(session.rows("SHOW TABLETS FROM t WHERE BackendId = " + backendId)).hasSize(4)
                .allSatisfy(row -> assertThat(row.get(2)).isEqualTo(backendId));
        // p0's tablets are at version 2 after the INSERT's one row, and so are p1's.
        assertThat(session.rows("SHOW TABLETS FROM t WHERE Version = 2 AND State = 'NORMAL'")).hasSize(12);
        assertThat(session.rows("SHOW TABLETS FROM t WHERE version = 5")).isEmpty();
        assertThat(session.rows("SHOW TABLETS FROM t WHERE 1 = 1 AND BackendId = 1 AND BackendId = "
                + backendId)).hasSize(4);
        assertThat(session.rows("SHOW TABLETS FROM t PARTITION (p0) WHERE BackendId = " + backendId)).hasSize(2);
        List<List<String>> byBackend = session.rows("SHOW TABLETS FROM t ORDER BY BackendId DESC, TabletId");
        assertThat(byBackend.get(0).get(2)).isGreaterThanOrEqualTo(byBackend.get(11).get(2));
        // Compared by TabletId, ReplicaId and BackendId: sizes and counts move as the backends report.
        assertThat(ids(session.rows("SHOW TABLETS FROM t LIMIT 5"))).containsExactlyElementsOf(ids(all.subList(0, 5)));
        assertThat(ids(session.rows("SHOW TABLETS FROM t LIMIT 2, 3")))
                .containsExactlyElementsOf(ids(all.subList(2, 5)));
        String shape = ShowTabletsExecutor.WHERE_SHAPE;
        for (String where : List.of("PathHash = 1", "Version > 1", "Version = 1 OR Version = 2", "State = 'normal'",
                "Version = 'x'", "BackendId != 1")) {
            assertThat(refusal("SHOW TABLETS FROM t WHERE " + where)).as(where).endsWith(shape);
        }
        assertThat(refusal("SHOW TABLETS FROM t ORDER BY 1")).endsWith("Should order by column");
        assertThat(refusal("SHOW TABLETS FROM t ORDER BY nope")).endsWith("Title name[nope] does not exist");
    }

    @Test
    void backendsTableFunctionAnswersSelects() {
        ResultSet all = session.query("SELECT * FROM backends()");
        assertThat(all.columns()).extracting(c -> c.name()).containsExactly("BackendId", "Host", "HeartbeatPort",
                "BePort", "HttpPort", "BrpcPort", "ArrowFlightSqlPort", "LastStartTime", "LastHeartbeat", "Alive",
                "SystemDecommissioned", "TabletNum", "DataUsedCapacity", "TrashUsedCapacity", "AvailCapacity",
                "TotalCapacity", "UsedPct", "MaxDiskUsedPct", "RemoteUsedCapacity", "Tag", "ErrMsg", "Version",
                "Status", "HeartbeatFailureCounter", "NodeRole");
        assertThat(all.rows()).hasSize(3);
        String host = cluster.backend(1).host();
        List<Map<String, String>> one = maps(session.query("SELECT BackendId, Host, HeartbeatPort, Alive, "
                + "SystemDecommissioned, TabletNum FROM backends() WHERE Host = '" + host + "'"));
        assertThat(one).hasSize(1);
        assertThat(one.get(0)).containsEntry("Host", host).containsEntry("Alive", "1")
                .containsEntry("SystemDecommissioned", "0").containsEntry("TabletNum", "4");
        assertThat(session.rows("SELECT b.BackendId FROM backends() AS b WHERE b.TabletNum > 100")).isEmpty();
        assertThat(refusal("SELECT * FROM backends(1)")).endsWith(
                "backends table-valued-function does not support any params");
        assertThat(refusal("SELECT IP FROM backends()")).contains("IP");
    }

    private List<String> explain(String select) {
        ResultSet plan = session.query("EXPLAIN " + select);
        assertThat(plan.columns()).extracting(c -> c.name()).containsExactly("Explain String");
        return column(plan, "Explain String");
    }

    @Test
    void explainShowsPrunedPartitionsTabletsAndWhatIsPushed() {
        List<String> pruned = explain("SELECT k, v FROM t WHERE k < 100 AND v + 1 = 11");
        String p0Tablets = String.join(",", session.rows("SHOW TABLETS FROM t PARTITION (p0)").stream()
                .map(row -> row.get(0)).distinct().toList());
        assertThat(pruned).contains("PLAN FRAGMENT 0", "  OUTPUT EXPRS:", "    k", "    v", "  RESULT SINK",
                "  1:VSELECT (on the FE)", "  |  predicates: ((v + 1) = 11)", "  0:VOlapScanNode",
                "     TABLE: toolbox.t(t)", "     PREDICATES: (k < 100)", "     partitions=1/2 (p0)",
                "     tablets=2/4, tabletList=" + p0Tablets, "     pushAggOp=NONE");
        List<String> aggregated = explain("SELECT count(*), sum(v) FROM t WHERE k >= 100");
        assertThat(aggregated).contains("  1:VAGGREGATE (merge finalize, on the FE)",
                "  |  output: count(*), sum(v)", "     partitions=1/2 (p1)", "     pushAggOp=PARTIAL (count(*), sum(v))");
        assertThat(explain("SELECT * FROM t LIMIT 3")).contains("    k", "    v", "     partitions=2/2 (p0,p1)",
                "     tablets=4/4, tabletList=" + String.join(",", session.rows("SHOW TABLETS FROM t").stream()
                        .map(row -> row.get(0)).distinct().toList()), "     limit: 3");
        assertThat(explain("SELECT k FROM t ORDER BY k DESC LIMIT 1")).contains("  1:VSORT (on the FE)",
                "  |  order by: k DESC", "  |  limit: 1").doesNotContain("     limit: 1");
        assertThat(explain("SELECT 1")).contains("  0:VUNION (constant row)");
        assertThat(refusal("EXPLAIN SELECT * FROM nope")).endsWith("Unknown table 'nope'");
        // The plan's rows are what the query reads.
        assertThat(session.rows("SELECT k, v FROM t WHERE k < 100 AND v + 1 = 11")).containsExactly(List.of("1",
                "10"));
    }

    private static List<List<String>> ids(List<List<String>> tabletRows) {
        return tabletRows.stream().map(row -> row.subList(0, 3)).toList();
    }
}
