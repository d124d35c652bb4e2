package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.decommission.DecommissionJob;
import io.tessera.fe.decommission.JobState;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DECOMMISSION moves the data: through the real wiring (scheduler loop, CloneTablet between
 * backends, AddReplica and DropReplica records, the completion check), a decommissioned backend's
 * replicas are cloned elsewhere, its own are removed, it is dropped as soon as it is empty (no
 * completion period passing), and every row is still there with every tablet at three healthy
 * replicas.
 */
class DecommissionDrainTest {
    private static InProcessCluster cluster;
    private static ClusterSession session;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        DrainTables.createLoaded(session, "drain");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aDecommissionedBackendIsDrainedThenDropped() {
        await("balance settles").atMost(Duration.ofSeconds(30)).until(() -> spread(tabletNums()) <= 2);
        Map<String, Integer> before = tabletNums();
        String leaving = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        // The drain's end below accepts a backend gone from SHOW BACKENDS (dropped once empty):
        // it held replicas, so that end cannot be reached without moving them.
        assertThat(before.get(leaving)).as("replicas on backend " + leaving + " before the drain").isPositive();

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving + "\"");
        DecommissionJob started = cluster.decommissionJobs().activeFor(Long.parseLong(leaving)).orElseThrow();
        assertThat(started.state()).isEqualTo(JobState.DRAINING);
        assertThat(started.replicasAtStart()).isEqualTo(before.get(leaving).longValue());
        assertThat(started.startedBy()).contains("root");

        await("backend " + leaving + " drained").atMost(Duration.ofSeconds(60))
                .until(() -> tabletNums().getOrDefault(leaving, 0) == 0);
        assertThat(count()).isEqualTo(List.of("1000", "5005000"));
        // The manual clock stands still: no completion period passes, the round that finds the
        // backend it saw draining empty drops it.
        await("backend " + leaving + " dropped once empty").atMost(Duration.ofSeconds(60))
                .until(() -> !tabletNums().containsKey(leaving));
        DecommissionJob ended = cluster.decommissionJobs().byId().get(started.jobId());
        assertThat(ended.state()).isEqualTo(JobState.REMOVED);
        assertThat(ended.replicasMoved()).isEqualTo(before.get(leaving).longValue());
        assertThat(ended.lostTabletIds()).isEmpty();
        assertThat(ended.host()).isEqualTo(started.host());
        Map<String, String> health = maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).get(0);
        assertThat(health).containsEntry("TabletNum", "8").containsEntry("HealthyNum", "8");
        assertThat(tabletNums().values()).allSatisfy(count -> assertThat(count).isEqualTo(8));
        assertThat(count()).isEqualTo(List.of("1000", "5005000"));
    }

    private static List<String> count() {
        return maps(session.query("SELECT count(*) AS c, sum(v) AS s FROM t")).stream()
                .map(row -> List.of(row.get("c"), row.get("s"))).findFirst().orElseThrow();
    }

    private static Map<String, Integer> tabletNums() {
        return DrainTables.tabletNums(session);
    }

    private static int spread(Map<String, Integer> counts) {
        return DrainTables.spread(counts);
    }
}
