package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's toolbox on real processes (one FE, three BEs on 127.0.73.x): SHOW FRONTENDS
 * tells the FE's own ports, SHOW PROC walks from '/dbs' down to one tablet's replicas, whose
 * sizes come from the BEs' reports, SHOW TABLET names where a tablet lives, SHOW TABLETS filters
 * by backend, '/backends/&lt;id&gt;' lists a BE's storage roots, and a DUPLICATE table
 * partitioned by a value column loads and reads back; with JDBC and the mariadb client.
 */
class OperatorToolboxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ClusterFixture fixture;
    private static FrontendClient client;
    private static MariadbCli cli;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.OPERATOR_TOOLBOX_PREFIX, 3);
        client = fixture.client();
        cli = new MariadbCli(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        client.execute("CREATE DATABASE toolbox");
        client.execute("CREATE TABLE toolbox.t (k INT NOT NULL, v INT NOT NULL) DUPLICATE KEY(k) "
                + "PARTITION BY RANGE(v) (PARTITION low VALUES LESS THAN (\"100\"), "
                + "PARTITION high VALUES LESS THAN (MAXVALUE)) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                + "PROPERTIES (\"replication_num\" = \"3\")");
        client.execute("INSERT INTO toolbox.t VALUES (1, 5), (2, 150), (3, 99), (4, 100)");
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void showFrontendsTellsThisFrontendsPorts() throws Exception {
        List<Map<String, String>> rows = client.rows("SHOW FRONTENDS");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("Host", fixture.layout().frontendHost())
                .containsEntry("QueryPort", Integer.toString(ClusterLayout.QUERY_PORT))
                .containsEntry("EditLogPort", "9010").containsEntry("RpcPort", "9020")
                .containsEntry("HttpPort", "8030").containsEntry("IsMaster", "true").containsEntry("Alive", "true");
        MariadbCli.Output vertical = cli.root("SHOW FRONTENDS\\G");
        assertThat(vertical.exitCode()).as(vertical.stderr()).isZero();
        assertThat(vertical.stdout()).contains("Role: FOLLOWER", "CurrentConnected: Yes");
    }

    @Test
    void explainShowsThePartitionsThePrunerKeeps() throws Exception {
        MariadbCli.Output plan = cli.root("EXPLAIN SELECT k FROM toolbox.t WHERE v < 100", "--batch", "--raw");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).startsWith("Explain String\n").contains("PREDICATES: (v < 100)",
                "partitions=1/2 (low)", "tablets=2/4, tabletList=");
    }

    @Test
    void aValuePartitionedTableReadsBackByItsPartitions() throws Exception {
        assertThat(client.rows("SELECT k FROM toolbox.t WHERE v < 100 ORDER BY k"))
                .extracting(row -> row.get("k")).containsExactly("1", "3");
        assertThat(client.rows("SELECT k FROM toolbox.t WHERE v >= 100 ORDER BY k"))
                .extracting(row -> row.get("k")).containsExactly("2", "4");
    }

    @Test
    void walksFromDbsToReplicasAndBackToTheTablet() throws Exception {
        String dbId = client.rows("SHOW PROC '/dbs'").stream().filter(row -> row.get("DbName").equals("toolbox"))
                .findFirst().orElseThrow().get("DbId");
        Map<String, String> table = client.rows("SHOW PROC '/dbs/" + dbId + "'").get(0);
        assertThat(table).containsEntry("TableName", "t").containsEntry("PartitionColumnName", "v")
                .containsEntry("PartitionNum", "2").containsEntry("ReplicaCount", "12");
        String tableId = table.get("TableId");
        List<Map<String, String>> partitions = client.rows("SHOW PROC '/dbs/" + dbId + "/" + tableId
                + "/partitions'");
        String low = partitions.get(0).get("PartitionId");
        String index = "/dbs/" + dbId + "/" + tableId + "/partitions/" + low + "/" + tableId;
        List<Map<String, String>> tablets = client.rows("SHOW PROC '" + index + "'");
        assertThat(tablets).hasSize(6);
        String tabletId = tablets.get(0).get("TabletId");

        Map<String, String> where = client.rows("SHOW TABLET " + tabletId).get(0);
        assertThat(where).containsEntry("DbName", "toolbox").containsEntry("PartitionName", "low")
                .containsEntry("IsSync", "true")
                .containsEntry("DetailCmd", "SHOW PROC '" + index + "/" + tabletId + "';");
        // The BEs report every replica's rows; the replica rows show them once reported.
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.rows("SHOW PROC '" + index + "/" + tabletId + "'"))
                .hasSize(3).allSatisfy(row -> {
                    assertThat(row).containsEntry("Version", "2").containsEntry("IsBad", "false");
                    assertThat(row.get("VersionCount")).isNotEqualTo("-1");
                }));
        MariadbCli.Output bad = cli.root("SHOW PROC '/dbs/" + dbId + "/nope'");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.errorLine()).isEqualTo("ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = "
                + "Invalid table id format: nope");
    }

    @Test
    void showTabletsFiltersByBackendAndBackendProcListsDisks() throws Exception {
        String backendId = client.showBackends().get(0).get("BackendId");
        List<Map<String, String>> onOne = client.rows("SHOW TABLETS FROM toolbox.t WHERE BackendId = " + backendId
                + " ORDER BY TabletId DESC LIMIT 10");
        assertThat(onOne).hasSize(4).allSatisfy(row -> assertThat(row).containsEntry("BackendId", backendId));
        assertThat(Long.parseLong(onOne.get(0).get("TabletId"))).isGreaterThan(Long.parseLong(onOne.get(3)
                .get("TabletId")));
        List<Map<String, String>> disks = client.rows("SHOW PROC '/backends/" + backendId + "'");
        assertThat(disks).hasSize(1);
        assertThat(disks.get(0)).containsEntry("State", "ONLINE");
        assertThat(disks.get(0).get("RootPath")).startsWith(fixture.dir().toString());
        MariadbCli.Output refused = cli.root("SHOW TABLETS FROM toolbox.t WHERE PathHash = 1");
        assertThat(refused.errorLine()).endsWith("Where clause should looks like: Version = \"version\", or state = "
                + "\"NORMAL|ROLLUP|CLONE|DECOMMISSION\", or BackendId = 10000 or compound predicate with operator AND");
    }

    @Test
    void aReplicaMarkedBadIsRepairedAndDroppedReplicasReachTheTrashUntilCleaned() throws Exception {
        client.execute("CREATE TABLE toolbox.r (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"2\")");
        client.execute("INSERT INTO toolbox.r WITH LABEL r_first VALUES (1), (2)");
        Map<String, String> transaction = client.rows("SHOW TRANSACTION FROM toolbox WHERE label = 'r_first'")
                .get(0);
        assertThat(transaction).containsEntry("TransactionStatus", "VISIBLE")
                .containsEntry("LoadJobSourceType", "INSERT_STREAMING");
        Map<String, String> replica = client.rows("SHOW TABLETS FROM toolbox.r").get(0);
        String tabletId = replica.get("TabletId");
        MariadbCli.Output marked = cli.root("ADMIN SET REPLICA STATUS PROPERTIES (\"tablet_id\" = \"" + tabletId
                + "\", \"backend_id\" = \"" + replica.get("BackendId") + "\", \"status\" = \"bad\")");
        assertThat(marked.exitCode()).as(marked.stderr()).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.rows("SHOW TABLETS FROM toolbox.r"))
                .hasSize(2).extracting(row -> row.get("ReplicaId")).doesNotContain(replica.get("ReplicaId")));
        assertThat(client.rows("SELECT k FROM toolbox.r ORDER BY k")).extracting(row -> row.get("k"))
                .containsExactly("1", "2");
        assertThat(client.rows("ADMIN DIAGNOSE TABLET " + tabletId)).filteredOn(row -> row.get("Item")
                .equals("ReplicasNum")).singleElement().satisfies(row -> assertThat(row.get("Info")).isEqualTo("OK"));

        client.execute("DROP TABLE toolbox.r FORCE");
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.rows("SHOW TRASH"))
                .anySatisfy(row -> assertThat(row.get("TrashUsedCapacity")).isNotEqualTo("0.000 ")));
        MariadbCli.Output cleaned = cli.root("ADMIN CLEAN TRASH");
        assertThat(cleaned.exitCode()).as(cleaned.stderr()).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.rows("SHOW TRASH"))
                .hasSize(3).allSatisfy(row -> assertThat(row.get("TrashUsedCapacity")).isEqualTo("0.000 ")));
    }

    @Test
    void backendsTableFunctionFiltersLikeTheOperatorScript() throws Exception {
        String host = fixture.layout().backendHost(0);
        List<Map<String, String>> rows = client.rows("SELECT BackendId, Host, HeartbeatPort, Alive, "
                + "SystemDecommissioned, TabletNum FROM backends() WHERE Host = '" + host + "' AND HeartbeatPort = 9050");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("Alive", "1").containsEntry("SystemDecommissioned", "0");
    }
}
