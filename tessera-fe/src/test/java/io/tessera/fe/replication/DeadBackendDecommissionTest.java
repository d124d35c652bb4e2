package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dead backend can be decommissioned, as in Doris: replicas that have copies elsewhere are
 * repaired from them (after the repair delay, as for any dead backend), while tablets whose only
 * replica is on it wait for it to return; the backend is not dropped while it holds them.
 */
class DeadBackendDecommissionTest {
    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeEach
    void tables() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        DrainTables.createLoaded(session, "dead");
        DrainTables.createSingle(session);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void itsReplicatedTabletsAreRepairedAndItsSoleReplicasWaitForIt() {
        String dead = maps(session.query("SHOW BACKENDS")).get(0).get("BackendId");
        long sole = DrainTables.singleReplicasOn(session, dead);
        assertThat(sole).as("placement put a single-replica tablet on backend " + dead).isPositive();
        DrainTables.stopAndAwaitDead(cluster, session, 0, dead);

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + dead + "\"");

        // Past tablet_repair_delay_factor_second for every priority, and past the completion checks.
        await("the replicated tablets repaired").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(200, TimeUnit.SECONDS);
            return DrainTables.tabletNums(session).get(dead) == sole;
        });
        assertThat(maps(session.query("SELECT count(*) AS c, sum(v) AS s FROM t")).get(0))
                .containsEntry("c", DrainTables.ROWS).containsEntry("s", DrainTables.SUM);
        Map<String, String> health = maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).get(0);
        assertThat(health).containsEntry("UnrecoverableNum", Long.toString(sole))
                .containsEntry("HealthyNum", Long.toString(16 - sole));
        long checks = cluster.replicationActivity().checks();
        // Each poll moves the clock past the checker interval and the completion check's 10 s.
        await("two more full checks").atMost(Duration.ofSeconds(30)).until(() -> {
            cluster.clock().advance(25, TimeUnit.SECONDS);
            return cluster.replicationActivity().checks() >= checks + 2;
        });
        assertThat(DrainTables.tabletNums(session)).as("not dropped while it holds sole replicas")
                .containsEntry(dead, (int) sole);
        assertThat(cluster.decommissionJobs().activeFor(Long.parseLong(dead))).isPresent();
    }
}
