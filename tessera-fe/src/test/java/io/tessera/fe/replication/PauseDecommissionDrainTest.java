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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PAUSE and RESUME of a drain through the real wiring: once the clones in flight at the PAUSE have
 * finished, the paused backend's replica count stays put over several full checks of the
 * scheduler (and it is not dropped); RESUME moves the rest off and the completion check drops it,
 * every row still there.
 */
class PauseDecommissionDrainTest {
    private static InProcessCluster cluster;
    private static ClusterSession session;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        DrainTables.createLoaded(session, "pausedrain");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void pauseStopsNewMovesAndResumeFinishesTheDrain() {
        await("balance settles").atMost(Duration.ofSeconds(30))
                .until(() -> DrainTables.spread(DrainTables.tabletNums(session)) <= 2);
        Map<String, Integer> before = DrainTables.tabletNums(session);
        String leaving = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long leavingId = Long.parseLong(leaving);
        // The drain's end below accepts a backend gone from SHOW BACKENDS (dropped once empty):
        // it held replicas, so that end cannot be reached without moving them.
        assertThat(before.get(leaving)).as("replicas on backend " + leaving + " before the drain").isPositive();

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving + "\"");
        session.execute("ALTER SYSTEM PAUSE DECOMMISSION BACKEND \"" + leaving + "\"");
        DecommissionJob paused = cluster.decommissionJobs().activeFor(leavingId).orElseThrow();
        assertThat(paused.state()).isEqualTo(JobState.PAUSED);

        // Clones in flight at the PAUSE finish and are recorded, and the drops that complete them
        // follow: wait (bounded) until two full checks in a row see the same count with nothing in flight.
        AtomicInteger settled = new AtomicInteger(-1);
        AtomicLong settledAt = new AtomicLong(-1);
        await("work in flight at the PAUSE done").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(25, TimeUnit.SECONDS);
            ReplicationActivity activity = cluster.replicationActivity();
            int now = DrainTables.tabletNums(session).get(leaving);
            boolean idle = activity.cloningTabletIds().isEmpty() && activity.pendingRemovals() == 0;
            if (!idle || now != settled.get()) {
                settled.set(now);
                settledAt.set(activity.checks());
                return false;
            }
            return activity.checks() >= settledAt.get() + 2;
        });
        int kept = settled.get();
        assertThat(kept).as("PAUSE came right after DECOMMISSION: replicas are left to move").isPositive();

        long checks = cluster.replicationActivity().checks();
        await("three more full checks while paused").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(25, TimeUnit.SECONDS);
            assertThat(DrainTables.tabletNums(session)).as("nothing moves off a paused backend, nor is it dropped")
                    .containsEntry(leaving, kept);
            return cluster.replicationActivity().checks() >= checks + 3;
        });
        Map<String, String> row = maps(session.query("SHOW DECOMMISSION")).get(0);
        assertThat(row).containsEntry("State", "PAUSED").containsEntry("ReplicasLeft", Integer.toString(kept))
                .containsEntry("EtaSeconds", null).containsEntry("Blocked", Integer.toString(kept))
                .as("a pause is no stall").containsEntry("Warning", null);
        assertThat(maps(session.query("SHOW DECOMMISSION BLOCKERS"))).hasSize(kept).allSatisfy(blocker ->
                assertThat(blocker).containsEntry("Reason", "paused").containsEntry("Detail", "the decommission of "
                        + "backend " + leaving + " is paused: ALTER SYSTEM RESUME DECOMMISSION BACKEND resumes it"));

        session.execute("ALTER SYSTEM RESUME DECOMMISSION BACKEND \"" + leaving + "\"");
        assertThat(cluster.decommissionJobs().activeFor(leavingId).orElseThrow().state()).isEqualTo(JobState.DRAINING);
        await("backend " + leaving + " drained").atMost(Duration.ofSeconds(60))
                .until(() -> DrainTables.tabletNums(session).getOrDefault(leaving, 0) == 0);
        await("backend " + leaving + " dropped").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(5, TimeUnit.SECONDS);
            return !DrainTables.tabletNums(session).containsKey(leaving);
        });
        DecommissionJob ended = cluster.decommissionJobs().byId().get(paused.jobId());
        assertThat(ended.state()).isEqualTo(JobState.REMOVED);
        assertThat(ended.replicasMoved()).isEqualTo(before.get(leaving).longValue());
        assertThat(ended.lostTabletIds()).isEmpty();
        assertThat(maps(session.query("SELECT count(*) AS c, sum(v) AS s FROM t")).stream()
                .map(r -> List.of(r.get("c"), r.get("s"))).findFirst().orElseThrow())
                .isEqualTo(List.of(DrainTables.ROWS, DrainTables.SUM));
    }
}
