package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An INSERT writes only the replicas whose backend is alive, as Doris's table sink does: a replica
 * on a dead backend is counted as not written without a call (so an unreachable backend holds no
 * load up for its call deadline), the load commits on a majority, and when too few replicas are on
 * alive backends the refusal names each dead one as not alive.
 */
class LoadsSkipDeadBackendsTest {
    private InProcessCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anInsertWritesTheAliveReplicasAndNamesTheDeadOnesWhenTooFewAreLeft() {
        cluster = InProcessCluster.start(3);
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE d");
        session.execute("USE d");
        session.execute("CREATE TABLE t (k INT NOT NULL, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"3\")");
        String first = stopAndAwaitDead(session, 1);

        assertThat(session.update("INSERT INTO t VALUES (1, 10), (2, 20)").affectedRows()).isEqualTo(2);
        assertThat(session.rows("SELECT count(*), sum(v) FROM t")).containsExactly(List.of("2", "30"));

        String second = stopAndAwaitDead(session, 2);
        assertThatThrownBy(() -> session.update("INSERT INTO t VALUES (3, 30)"))
                .hasMessageContaining("was written on 1 of 3 replicas")
                .hasMessageContaining("backend " + first + ": not alive, not written")
                .hasMessageContaining("backend " + second + ": not alive, not written");
        assertThat(session.rows("SELECT count(*), sum(v) FROM t")).containsExactly(List.of("2", "30"));
    }

    private String stopAndAwaitDead(ClusterSession session, int index) {
        String host = cluster.backend(index).host();
        String id = maps(session.query("SHOW BACKENDS")).stream().filter(row -> row.get("Host").equals(host))
                .map(row -> row.get("BackendId")).findFirst().orElseThrow();
        cluster.stopBackend(index);
        await("backend " + id + " dead").atMost(Duration.ofSeconds(20)).until(() ->
                maps(session.query("SHOW BACKENDS")).stream()
                        .anyMatch(row -> row.get("BackendId").equals(id) && row.get("Alive").equals("false")));
        return id;
    }
}
