package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * ADMIN SHOW REPLICA STATUS and DISTRIBUTION, SHOW PROC '/cluster_health/tablet_health' and SHOW
 * DATA over one table of 2 partitions x 2 buckets x 3 replicas (12 replicas, 4 per BE), loaded once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaInspectionTest {
    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("CREATE DATABASE inspect");
        session.execute("USE inspect");
        session.execute("CREATE TABLE t (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
                + "PARTITION p0 VALUES LESS THAN (\"100\"), PARTITION p1 VALUES LESS THAN (\"200\")) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"3\")");
        session.execute("INSERT INTO t VALUES (1, 10), (2, 20), (150, 1500), (151, 1510)");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void replicaStatusShowsEveryReplicaHealthy() {
        ResultSet status = session.query("ADMIN SHOW REPLICA STATUS FROM t");
        assertThat(names(status)).containsExactly("TabletId", "ReplicaId", "BackendId", "Version",
                "LastFailedVersion", "LastSuccessVersion", "CommittedVersion", "SchemaHash", "VersionNum", "IsBad",
                "IsUserDrop", "State", "Status");
        assertThat(maps(status)).hasSize(12).allSatisfy(row -> {
            assertThat(row.get("Version")).isEqualTo("2");
            assertThat(row.get("LastFailedVersion")).isEqualTo("-1");
            assertThat(row.get("IsBad")).isEqualTo("false");
            assertThat(row.get("State")).isEqualTo("NORMAL");
            assertThat(row.get("Status")).isEqualTo("OK");
        });
        assertThat(session.rows("ADMIN SHOW REPLICA STATUS FROM t WHERE STATUS != 'OK'")).isEmpty();
        assertThat(session.rows("ADMIN SHOW REPLICA STATUS FROM inspect.t WHERE STATUS = 'OK'")).hasSize(12);
    }

    @Test
    void replicaDistributionSpreadsReplicasEvenly() {
        ResultSet distribution = session.query("ADMIN SHOW REPLICA DISTRIBUTION FROM t");
        assertThat(names(distribution)).containsExactly("BackendId", "ReplicaNum", "ReplicaSize", "NumGraph",
                "NumPercent", "SizeGraph", "SizePercent", "CloudClusterName", "CloudClusterId");
        assertThat(maps(distribution)).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("ReplicaNum")).isEqualTo("4");
            assertThat(row.get("NumPercent")).isEqualTo("33.33 %");
        });
    }

    @Test
    void tabletHealthCountsTheDatabasesTablets() {
        ResultSet health = session.query("SHOW PROC '/cluster_health/tablet_health'");
        assertThat(names(health)).startsWith("DbId", "DbName", "TabletNum", "HealthyNum", "ReplicaMissingNum",
                "VersionIncompleteNum");
        List<Map<String, String>> rows = maps(health);
        assertThat(rows).extracting(row -> row.get("DbName")).containsExactly("inspect", "1");
        assertThat(rows.get(0).get("TabletNum")).isEqualTo("4");
        assertThat(rows.get(0).get("HealthyNum")).isEqualTo("4");
        assertThat(rows.get(1).get("DbId")).isEqualTo("Total");
        assertThat(rows.get(1).get("TabletNum")).isEqualTo("4");
    }

    @Test
    void showDataCountsReplicasOnceTheBackendsReported() {
        await("tablet reports").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<Map<String, String>> data = maps(session.query("SHOW DATA"));
            assertThat(data).extracting(row -> row.get("TableName")).containsExactly("t", "Total", "Quota", "Left");
            assertThat(data.get(0).get("ReplicaCount")).isEqualTo("12");
            assertThat(data.get(1).get("ReplicaCount")).isEqualTo("12");
        });
    }
}
