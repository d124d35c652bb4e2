package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ADMIN DIAGNOSE TABLET, SHOW TRASH and ADMIN CLEAN TRASH on an in-process cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrashAndDiagnoseTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(2);
        session = cluster.session();
        session.execute("CREATE DATABASE trash");
        session.execute("USE trash");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void diagnosesAHealthyTabletAndAnUnknownOne() {
        session.execute("CREATE TABLE d (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"2\")");
        session.execute("INSERT INTO d VALUES (1)");
        String tabletId = session.rows("SHOW TABLETS FROM d").get(0).get(0);
        List<List<String>> rows = session.rows("ADMIN DIAGNOSE TABLET " + tabletId);
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("TabletExist", "TabletId", "Database",
                "Table", "Partition", "MaterializedIndex", "Replicas(ReplicaId -> BackendId)", "ReplicasNum",
                "ReplicaBackendStatus", "ReplicaVersionStatus", "ReplicaStatus", "ReplicaCompactionStatus");
        Map<String, String> info = new java.util.LinkedHashMap<>();
        rows.forEach(row -> info.put(row.get(0), row.get(1)));
        assertThat(info).containsEntry("TabletExist", "Yes").containsEntry("TabletId", tabletId)
                .containsEntry("Table", "d: " + info.get("Table").substring(3))
                .containsEntry("ReplicasNum", "OK").containsEntry("ReplicaBackendStatus", "OK")
                .containsEntry("ReplicaVersionStatus", "OK").containsEntry("ReplicaStatus", "OK")
                .containsEntry("ReplicaCompactionStatus", "OK");
        assertThat(info.get("Database")).startsWith("trash: ");
        assertThat(info.get("Replicas(ReplicaId -> BackendId)")).matches("\\{\"\\d+\":\\d+,\"\\d+\":\\d+}");
        assertThat(rows).allSatisfy(row -> assertThat(row.get(2)).isEmpty());
        assertThat(session.rows("SHOW TABLET DIAGNOSIS " + tabletId)).isEqualTo(rows);
        assertThat(session.rows("ADMIN DIAGNOSE TABLET 1")).containsExactly(List.of("TabletExist", "No", ""));
    }

    @Test
    void droppedReplicasFillTheTrashAndCleanTrashEmptiesIt() {
        session.execute("CREATE TABLE gone (k INT) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                + "PROPERTIES (\"replication_num\" = \"2\")");
        session.execute("INSERT INTO gone VALUES (1), (2), (3)");
        session.execute("DROP TABLE gone FORCE");
        await().atMost(WAIT).untilAsserted(() -> assertThat(maps(session.query("SHOW TRASH")))
                .hasSize(2).allSatisfy(row -> assertThat(row.get("TrashUsedCapacity")).isNotEqualTo("0.000 ")));
        List<Map<String, String>> trash = maps(session.query("SHOW TRASH"));
        assertThat(trash.get(0).keySet()).containsExactly("BackendId", "Backend", "TrashUsedCapacity");
        String first = trash.get(0).get("Backend");
        assertThat(first).isEqualTo(cluster.backend(0).hostPort());
        List<Map<String, String>> disks = maps(session.query("SHOW TRASH ON \"" + first + "\""));
        assertThat(disks).hasSize(1);
        assertThat(disks.get(0).keySet()).containsExactly("RootPath", "State", "TrashUsedCapacity");
        assertThat(maps(session.query("SHOW PROC '/trash/" + trash.get(0).get("BackendId") + "'")))
                .isEqualTo(disks);

        // Only the listed backend's trash is cleaned; a string naming no backend is ignored.
        session.execute("ADMIN CLEAN TRASH ON (\"" + first + "\", \"127.255.0.1:9050\")");
        await().atMost(WAIT).untilAsserted(() -> assertThat(maps(session.query("SHOW TRASH")).get(0))
                .containsEntry("TrashUsedCapacity", "0.000 "));
        assertThat(maps(session.query("SHOW TRASH")).get(1).get("TrashUsedCapacity")).isNotEqualTo("0.000 ");
        session.execute("ADMIN CLEAN TRASH");
        await().atMost(WAIT).untilAsserted(() -> assertThat(maps(session.query("SHOW PROC '/trash'")))
                .allSatisfy(row -> assertThat(row.get("TrashUsedCapacity")).isEqualTo("0.000 ")));
        try {
            session.execute("SHOW TRASH ON \"127.255.0.1:9050\"");
            throw new AssertionError("not refused");
        } catch (TesseraException e) {
            assertThat(e.getMessage()).endsWith("Backend[127.255.0.1:9050] does not exist.");
        }
    }
}
