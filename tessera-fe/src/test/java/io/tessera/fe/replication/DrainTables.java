package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the drain and balance tests share: a replication-3 table of 1,000 rows to move, and the
 * replica counts SHOW BACKENDS shows per backend.
 */
final class DrainTables {
    /** count(*) and sum(v) of {@link #createLoaded}'s table. */
    static final String ROWS = "1000";
    static final String SUM = "5005000";

    private DrainTables() {
    }

    /** Creates {@code database} and in it table {@code t} (8 buckets, 3 replicas) holding k = 1..1000, v = 10k. */
    static void createLoaded(ClusterSession session, String database) {
        session.execute("CREATE DATABASE " + database);
        session.execute("USE " + database);
        session.execute("CREATE TABLE t (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 8 PROPERTIES (\"replication_num\" = \"3\")");
        StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
        for (int k = 1; k <= 1000; k++) {
            insert.append(k == 1 ? "" : ", ").append("(").append(k).append(", ").append(k * 10L).append(")");
        }
        session.execute(insert.toString());
    }

    /** Creates table {@code single} in the current database: 8 buckets of one replica each, k = v = 1..8. */
    static void createSingle(ClusterSession session) {
        session.execute("CREATE TABLE single (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 8 PROPERTIES (\"replication_num\" = \"1\")");
        session.execute("INSERT INTO single VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8)");
    }

    /** How many of {@code single}'s replicas the backend holds. */
    static long singleReplicasOn(ClusterSession session, String backendId) {
        return maps(session.query("ADMIN SHOW REPLICA STATUS FROM single")).stream()
                .filter(row -> row.get("BackendId").equals(backendId)).count();
    }

    /** Stops the cluster's backend {@code index} and waits (bounded) until SHOW BACKENDS calls it dead. */
    static void stopAndAwaitDead(InProcessCluster cluster, ClusterSession session, int index, String backendId) {
        cluster.stopBackend(index);
        await("backend " + backendId + " dead").atMost(Duration.ofSeconds(30)).until(() ->
                maps(session.query("SHOW BACKENDS")).stream()
                        .anyMatch(row -> row.get("BackendId").equals(backendId) && row.get("Alive").equals("false")));
    }

    /** SHOW BACKENDS' TabletNum by backend id. */
    static Map<String, Integer> tabletNums(ClusterSession session) {
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, String> row : maps(session.query("SHOW BACKENDS"))) {
            counts.put(row.get("BackendId"), Integer.parseInt(row.get("TabletNum")));
        }
        return counts;
    }

    /** The difference between the most and the fewest replicas on a backend. */
    static int spread(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                - counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }
}
