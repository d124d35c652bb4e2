package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An empty backend is filled to an even share by balance, with every row still readable; with
 * {@code disable_balance} it stays empty.
 */
class BalanceFillTest {
    private InProcessCluster cluster;
    private ClusterSession session;
    private String empty;

    @BeforeEach
    void tableOnThreeOfFourBackends() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        empty = maps(session.query("SHOW BACKENDS")).get(3).get("BackendId");
        // Decommissioned while the table is created, so placement leaves it empty.
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + empty + "\"");
        session.execute("CREATE DATABASE fill");
        session.execute("USE fill");
        session.execute("CREATE TABLE t (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 8 PROPERTIES (\"replication_num\" = \"3\")");
        session.execute("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60), (7, 70), (8, 80)");
        assertThat(tabletNums()).containsEntry(empty, 0);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void anEmptyBackendFillsToAnEvenShare() {
        long jobId = cluster.decommissionJobs().activeFor(Long.parseLong(empty)).orElseThrow().jobId();
        session.execute("CANCEL DECOMMISSION BACKEND \"" + empty + "\"");
        assertThat(cluster.decommissionJobs().byId().get(jobId).state())
                .isEqualTo(io.tessera.fe.decommission.JobState.CANCELLED);

        await("backend " + empty + " filled").atMost(Duration.ofSeconds(60))
                .until(() -> tabletNums().values().stream().allMatch(count -> count == 6));
        assertThat(maps(session.query("SELECT count(*) AS c, sum(v) AS s FROM t")).get(0))
                .containsEntry("c", "8").containsEntry("s", "360");
        assertThat(maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).get(0))
                .containsEntry("HealthyNum", "8");
    }

    @Test
    void disableBalanceKeepsItEmpty() {
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_balance\" = \"true\")");
        session.execute("CANCEL DECOMMISSION BACKEND \"" + empty + "\"");
        long clonesBefore = cluster.replicationActivity().finishedClones();
        long checksBefore = cluster.replicationActivity().checks();

        // Each poll moves the FE's clock past tablet_checker_interval_ms, so the next round classifies
        // every tablet; two such rounds after the CANCEL had every chance to move something.
        await("two scheduler rounds").atMost(Duration.ofSeconds(30))
                .until(() -> advanceClock() && cluster.replicationActivity().checks() >= checksBefore + 2
                        || cluster.replicationActivity().finishedClones() > clonesBefore);

        assertThat(tabletNums()).containsEntry(empty, 0);
        assertThat(cluster.replicationActivity().finishedClones()).isEqualTo(clonesBefore);
    }

    private boolean advanceClock() {
        cluster.clock().advance(25, java.util.concurrent.TimeUnit.SECONDS);
        return true;
    }

    private Map<String, Integer> tabletNums() {
        return DrainTables.tabletNums(session);
    }
}
