package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.decommission.DecommissionJob;
import io.tessera.fe.decommission.JobState;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DROPP of a backend that is draining ends its job, removed, with the single-replica tablets it
 * still held recorded as lost; queries on them fail naming the tablets, the other table answers
 * exactly, and nothing repairs a lost tablet into looking healthy. The lost tablets a job records
 * are the classifier's: what EXPLAIN ALTER SYSTEM DROPP BACKEND predicted as LOST, and afterwards
 * the tablets with no replica left on a registered backend.
 */
class DroppDuringDrainTest {
    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeEach
    void tables() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("CREATE DATABASE d");
        session.execute("USE d");
        session.execute("CREATE TABLE single (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 6 PROPERTIES (\"replication_num\" = \"1\")");
        session.execute("INSERT INTO single VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)");
        session.execute("CREATE TABLE safe (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (\"replication_num\" = \"2\")");
        session.execute("INSERT INTO safe VALUES (1, 1), (2, 2), (3, 3)");
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void droppOfADrainingBackendRecordsItsLostTablets() {
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"true\")");
        String backend = maps(session.query("SHOW BACKENDS")).get(0).get("BackendId");
        TreeSet<Long> onlyThere = new TreeSet<>();
        for (Map<String, String> row : maps(session.query("ADMIN SHOW REPLICA STATUS FROM single"))) {
            if (row.get("BackendId").equals(backend)) {
                onlyThere.add(Long.parseLong(row.get("TabletId")));
            }
        }
        assertThat(onlyThere).as("placement put a single-replica tablet on backend " + backend).isNotEmpty();
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + backend + "\"");
        long jobId = cluster.decommissionJobs().activeFor(Long.parseLong(backend)).orElseThrow().jobId();

        session.execute("ALTER SYSTEM DROPP BACKEND \"" + backend + "\"");

        DecommissionJob job = cluster.decommissionJobs().byId().get(jobId);
        assertThat(job.state()).isEqualTo(JobState.REMOVED);
        assertThat(job.lostTabletIds()).containsExactlyElementsOf(onlyThere);
        assertThatThrownBy(() -> session.query("SELECT * FROM single"))
                .hasMessageContaining("(lost with backend " + backend + ")");
        assertThat(maps(session.query("SELECT count(*) AS c, sum(v) AS s FROM safe")).get(0))
                .containsEntry("c", "3").containsEntry("s", "6");
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"false\")");
        assertThat(maps(session.query("ADMIN SHOW REPLICA STATUS FROM single WHERE STATUS = 'LOST'")).stream()
                .map(row -> Long.parseLong(row.get("TabletId"))).toList())
                .containsExactlyInAnyOrderElementsOf(List.copyOf(onlyThere));
    }

    @Test
    void theTabletsAJobRecordsAsLostAreTheOnesTheClassifierCallsLost() {
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"true\")");
        String backend = maps(session.query("SHOW BACKENDS")).get(0).get("BackendId");
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + backend + "\"");
        long jobId = cluster.decommissionJobs().activeFor(Long.parseLong(backend)).orElseThrow().jobId();
        List<Map<String, String>> predicted = maps(session.query("EXPLAIN ALTER SYSTEM DROPP BACKEND \"" + backend
                + "\""));
        TreeSet<Long> predictedLost = new TreeSet<>();
        for (Map<String, String> row : predicted) {
            if (row.get("Outcome").equals("LOST")) {
                predictedLost.add(Long.parseLong(row.get("TabletId")));
            }
        }
        assertThat(predicted).as("the two-replica table's tablets there are left short, not lost")
                .anyMatch(row -> row.get("Table").equals("safe") && !row.get("Outcome").equals("LOST"));

        session.execute("ALTER SYSTEM DROPP BACKEND \"" + backend + "\"");

        Map<Long, Boolean> everyReplicaLost = new TreeMap<>();
        for (String table : List.of("single", "safe")) {
            for (Map<String, String> row : maps(session.query("ADMIN SHOW REPLICA STATUS FROM " + table))) {
                everyReplicaLost.merge(Long.parseLong(row.get("TabletId")), row.get("Status").equals("LOST"),
                        Boolean::logicalAnd);
            }
        }
        List<Long> classifiedLost = everyReplicaLost.entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).toList();
        assertThat(predictedLost).isNotEmpty();
        assertThat(cluster.decommissionJobs().byId().get(jobId).lostTabletIds())
                .containsExactlyElementsOf(predictedLost).containsExactlyElementsOf(classifiedLost);
    }
}
