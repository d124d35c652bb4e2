package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single-replica tablets on a backend that is dropped (DROPP) are lost, those on a backend that
 * stops are unavailable: SHOW PROC '/cluster_health/tablet_health' counts both as unrecoverable,
 * ADMIN SHOW REPLICA STATUS tells them apart (LOST, DEAD), and a query names them.
 */
class TabletLossInspectionTest {
    private InProcessCluster cluster;
    private ClusterSession session;
    /** Tablet ids by the backend id holding their only replica. */
    private final Map<String, Set<String>> tabletsByBackend = new HashMap<>();

    @BeforeEach
    void startCluster() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("CREATE DATABASE loss");
        session.execute("USE loss");
        session.execute("CREATE TABLE single (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 6 PROPERTIES (\"replication_num\" = \"1\")");
        session.execute("INSERT INTO single VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)");
        for (Map<String, String> row : maps(session.query("ADMIN SHOW REPLICA STATUS FROM single"))) {
            tabletsByBackend.computeIfAbsent(row.get("BackendId"), id -> new TreeSet<>()).add(row.get("TabletId"));
        }
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void tabletsOnADroppedBackendAreLostAndOnAStoppedOneUnavailable() {
        String dropped = backendId(0);
        String stopped = backendId(1);
        Set<String> lost = tabletsOf(dropped);
        Set<String> unavailable = tabletsOf(stopped);
        assertThat(lost).as("placement put a tablet on the first backend").isNotEmpty();
        assertThat(unavailable).as("placement put a tablet on the second backend").isNotEmpty();

        session.execute("ALTER SYSTEM DROPP BACKEND \"" + cluster.backend(0).hostPort() + "\"");

        Map<String, String> counts = maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).get(0);
        assertThat(counts).containsEntry("TabletNum", "6").containsEntry("UnrecoverableNum", Integer.toString(lost.size()))
                .containsEntry("HealthyNum", Integer.toString(6 - lost.size())).containsEntry("CloningNum", "0");
        assertThat(unrecoverableTablets()).isEqualTo(lost);
        assertThat(statuses()).containsOnlyKeys("LOST", "OK").containsEntry("LOST", lost);
        assertThat(maps(session.query("ADMIN SHOW REPLICA STATUS FROM single WHERE STATUS = 'LOST'")))
                .hasSize(lost.size());
        assertThatThrownBy(() -> session.query("SELECT * FROM single"))
                .hasMessageStartingWith("Table 'single' cannot be read: no queryable replica for tablet(s) ")
                .hasMessageContaining("(lost with backend " + dropped + ")");

        cluster.stopBackend(1);
        await("backend " + stopped + " dead").atMost(Duration.ofSeconds(20)).until(() ->
                maps(session.query("SHOW BACKENDS")).stream()
                        .anyMatch(row -> row.get("BackendId").equals(stopped) && row.get("Alive").equals("false")));

        counts = maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).get(0);
        assertThat(counts).containsEntry("UnrecoverableNum", Integer.toString(lost.size() + unavailable.size()))
                .containsEntry("HealthyNum", Integer.toString(6 - lost.size() - unavailable.size()));
        Set<String> both = new TreeSet<>(lost);
        both.addAll(unavailable);
        assertThat(unrecoverableTablets()).isEqualTo(both);
        assertThat(statuses()).containsEntry("LOST", lost).containsEntry("DEAD", unavailable);
        assertThatThrownBy(() -> session.query("SELECT * FROM single"))
                .hasMessageContaining("lost with backend " + dropped)
                .hasMessageContaining("unavailable: complete replicas only on dead backend " + stopped);
    }

    private String backendId(int index) {
        String host = cluster.backend(index).host();
        return maps(session.query("SHOW BACKENDS")).stream().filter(row -> row.get("Host").equals(host))
                .map(row -> row.get("BackendId")).findFirst().orElseThrow();
    }

    private Set<String> tabletsOf(String backendId) {
        return tabletsByBackend.getOrDefault(backendId, Set.of());
    }

    private Set<String> unrecoverableTablets() {
        String databaseId = maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).get(0).get("DbId");
        String ids = maps(session.query("SHOW PROC '/cluster_health/tablet_health/" + databaseId + "'")).get(0)
                .get("UnrecoverableTablets");
        return ids.isEmpty() ? Set.of() : new TreeSet<>(List.of(ids.split(",")));
    }

    /** Tablet ids by replica status. */
    private Map<String, Set<String>> statuses() {
        Map<String, Set<String>> byStatus = new HashMap<>();
        for (Map<String, String> row : maps(session.query("ADMIN SHOW REPLICA STATUS FROM single"))) {
            byStatus.computeIfAbsent(row.get("Status"), status -> new TreeSet<>()).add(row.get("TabletId"));
        }
        return byStatus;
    }
}
