package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.common.TesseraException;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterBackend;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN ALTER SYSTEM DROPP BACKEND against three live BEs, a replication-1 and a replication-3
 * table: the rows it predicts, that it changes nothing, that it refuses what DROPP refuses with
 * DROPP's words, and that the tablets it calls LOST are exactly those the classifier calls lost
 * once the DROPP runs. The tablet scheduler is off, so nothing repairs in between.
 */
class ExplainDroppStatementsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> COLUMNS = List.of("Database", "Table", "Partition", "TabletId", "ReplicasNow",
            "ReplicasAfter", "Outcome");
    private static final List<String> BACKEND_FACTS = List.of("BackendId", "Host", "HeartbeatPort", "Alive",
            "SystemDecommissioned", "TabletNum");

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeEach
    void tables() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"true\")");
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_balance\" = \"true\")");
        session.execute("CREATE DATABASE d");
        session.execute("USE d");
        session.execute("CREATE TABLE single (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 6 PROPERTIES (\"replication_num\" = \"1\")");
        session.execute("INSERT INTO single VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)");
        session.execute("CREATE TABLE triple (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (\"replication_num\" = \"3\")");
        session.execute("INSERT INTO triple VALUES (1, 1), (2, 2), (3, 3)");
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void predictsTheLostAndShortTabletsChangesNothingAndMatchesTheDroppAfterwards() {
        ClusterBackend leaving = cluster.backend(0);
        String backendId = backendId(leaving);
        Set<String> singleThere = tabletsOn("single", backendId);
        assertThat(singleThere).as("placement put a single-replica tablet on backend " + backendId).isNotEmpty();
        String explain = "EXPLAIN ALTER SYSTEM DROPP BACKEND \"" + leaving.hostPort() + "\"";
        explainOnceReportsAreIn(explain);
        List<Map<String, String>> backendsBefore = backendFacts();
        ResultSet replicasBefore = replicas();

        ResultSet explained = session.query(explain);

        assertThat(names(explained)).containsExactlyElementsOf(COLUMNS);
        List<Map<String, String>> rows = maps(explained);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("Database")).isEqualTo("d");
            assertThat(row.get("Partition")).isIn("single", "triple");
        });
        assertThat(tablets(rows, "LOST")).containsExactlyInAnyOrderElementsOf(singleThere);
        assertThat(rows).filteredOn(row -> row.get("Outcome").equals("LOST"))
                .allSatisfy(row -> assertThat(row).containsEntry("Table", "single").containsEntry("ReplicasNow", "1")
                        .containsEntry("ReplicasAfter", "0"));
        assertThat(tablets(rows, "UNDER_REPLICATED")).containsExactlyInAnyOrderElementsOf(allTablets("triple"));
        assertThat(rows).filteredOn(row -> row.get("Outcome").equals("UNDER_REPLICATED"))
                .allSatisfy(row -> assertThat(row).containsEntry("Table", "triple").containsEntry("ReplicasNow", "3")
                        .containsEntry("ReplicasAfter", "2"));
        assertThat(rows).as("one row per affected tablet, none for the others")
                .hasSize(singleThere.size() + allTablets("triple").size());
        assertThat(session.query("EXPLAIN ALTER SYSTEM DROPP BACKEND \"" + backendId + "\"").rows())
                .as("named by id").isEqualTo(explained.rows());

        assertThat(backendFacts()).as("SHOW BACKENDS after EXPLAIN").isEqualTo(backendsBefore);
        assertThat(replicas()).as("every replica after EXPLAIN").isEqualTo(replicasBefore);

        session.execute("ALTER SYSTEM DROPP BACKEND \"" + leaving.hostPort() + "\"");

        Set<String> lostAfter = lostTablets();
        assertThat(lostAfter).as("the classifier's lost tablets after the DROPP")
                .isEqualTo(tablets(rows, "LOST"));
        assertThat(unrecoverableTablets()).as("SHOW PROC '/cluster_health' after the DROPP").isEqualTo(lostAfter);
    }

    @Test
    void severalBackendsAreExplainedTogether() {
        String first = backendId(cluster.backend(0));
        String second = backendId(cluster.backend(1));
        Set<String> lost = new TreeSet<>(tabletsOn("single", first));
        lost.addAll(tabletsOn("single", second));

        List<Map<String, String>> rows = maps(explainOnceReportsAreIn("EXPLAIN ALTER SYSTEM DROPP BACKEND \""
                + cluster.backend(0).hostPort() + "\", \"" + second + "\""));

        assertThat(tablets(rows, "LOST")).containsExactlyInAnyOrderElementsOf(lost);
        assertThat(rows).filteredOn(row -> row.get("Table").equals("triple"))
                .allSatisfy(row -> assertThat(row).containsEntry("ReplicasAfter", "1")
                        .containsEntry("Outcome", "UNDER_REPLICATED"));
    }

    @Test
    void refusesWhatDroppRefusesWithDroppsWords() {
        for (String backends : List.of("\"127.0.65.1:9050\"", "\"99999\"", "\"abc\"", "\"127.0.65.1:abc\"")) {
            TesseraException dropp = failure(session, "ALTER SYSTEM DROPP BACKEND " + backends);
            TesseraException explain = failure(session, "EXPLAIN ALTER SYSTEM DROPP BACKEND " + backends);
            assertThat(explain).as(backends).isNotNull();
            assertThat(explain.getMessage()).as(backends).isEqualTo(dropp.getMessage());
            assertThat(explain.code()).as(backends).isEqualTo(dropp.code());
        }
        assertThat(failure(session, "EXPLAIN ALTER SYSTEM DROPP BACKEND \"127.0.65.1:9050\"").getMessage())
                .isEqualTo("backend does not exists[127.0.65.1:9050]");
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1")) {
            for (String backends : List.of("\"" + cluster.backend(0).hostPort() + "\"", "\"abc\"")) {
                TesseraException dropp = failure(admin, "ALTER SYSTEM DROPP BACKEND " + backends);
                TesseraException explain = failure(admin, "EXPLAIN ALTER SYSTEM DROPP BACKEND " + backends);
                assertThat(explain.getMessage()).as(backends).isEqualTo(dropp.getMessage()).isEqualTo(
                        "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation");
                assertThat(explain.code()).isEqualTo(dropp.code());
            }
        }
        assertThat(backendFacts()).as("nothing was dropped").hasSize(3);
    }

    /**
     * Runs the EXPLAIN until it comes without the warning that reports are not all in yet (just
     * after start, some backend's first tablet report may not be reconciled); any warning it
     * carries meanwhile is that one, and SHOW WARNINGS lists it.
     */
    private ResultSet explainOnceReportsAreIn(String sql) {
        List<ResultSet> answer = new ArrayList<>();
        await("a prediction without the reports warning").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .pollInSameThread().until(() -> {
                    ResultSet result = session.query(sql);
                    assertThat(result.warnings()).isSubsetOf(ExplainDroppExecutor.REPORTS_PENDING_WARNING);
                    List<List<String>> shown = session.query("SHOW WARNINGS").rows();
                    assertThat(shown).isEqualTo(result.warnings().stream()
                            .map(warning -> List.of("Warning", "1105", warning)).toList());
                    assertThat(session.query("SHOW ERRORS").rows()).isEmpty();
                    answer.clear();
                    answer.add(result);
                    return result.warnings().isEmpty();
                });
        return answer.get(0);
    }

    private static TesseraException failure(ClusterSession on, String sql) {
        TesseraException failure = catchThrowableOfType(TesseraException.class, () -> on.execute(sql));
        assertThat(failure).as(sql).isNotNull();
        return failure;
    }

    private String backendId(ClusterBackend backend) {
        return maps(session.query("SHOW BACKENDS")).stream().filter(row -> row.get("Host").equals(backend.host()))
                .findFirst().orElseThrow().get("BackendId");
    }

    private List<Map<String, String>> backendFacts() {
        List<Map<String, String>> facts = new ArrayList<>();
        for (Map<String, String> row : maps(session.query("SHOW BACKENDS"))) {
            Map<String, String> kept = new HashMap<>();
            BACKEND_FACTS.forEach(name -> kept.put(name, row.get(name)));
            facts.add(kept);
        }
        return facts;
    }

    private ResultSet replicas() {
        List<List<String>> rows = new ArrayList<>(session.query("ADMIN SHOW REPLICA STATUS FROM single").rows());
        rows.addAll(session.query("ADMIN SHOW REPLICA STATUS FROM triple").rows());
        return ResultSet.of(session.query("ADMIN SHOW REPLICA STATUS FROM single").columns(), rows);
    }

    private Set<String> tabletsOn(String table, String backendId) {
        return maps(session.query("ADMIN SHOW REPLICA STATUS FROM " + table)).stream()
                .filter(row -> row.get("BackendId").equals(backendId)).map(row -> row.get("TabletId"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> allTablets(String table) {
        return maps(session.query("ADMIN SHOW REPLICA STATUS FROM " + table)).stream().map(row -> row.get("TabletId"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> tablets(List<Map<String, String>> rows, String outcome) {
        return rows.stream().filter(row -> row.get("Outcome").equals(outcome)).map(row -> row.get("TabletId"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Tablets every replica of which ADMIN SHOW REPLICA STATUS calls LOST: the classifier's lost ones. */
    private Set<String> lostTablets() {
        Set<String> lost = new TreeSet<>();
        for (String table : List.of("single", "triple")) {
            Map<String, Set<String>> statuses = new HashMap<>();
            for (Map<String, String> row : maps(session.query("ADMIN SHOW REPLICA STATUS FROM " + table))) {
                statuses.computeIfAbsent(row.get("TabletId"), id -> new HashSet<>()).add(row.get("Status"));
            }
            statuses.forEach((tablet, seen) -> {
                if (seen.equals(Set.of("LOST"))) {
                    lost.add(tablet);
                }
            });
        }
        return lost;
    }

    /** SHOW PROC '/cluster_health/tablet_health/<d's id>': UnrecoverableTablets. */
    private Set<String> unrecoverableTablets() {
        String databaseId = maps(session.query("SHOW PROC '/cluster_health/tablet_health'")).stream()
                .filter(row -> "d".equals(row.get("DbName"))).findFirst().orElseThrow().get("DbId");
        String ids = maps(session.query("SHOW PROC '/cluster_health/tablet_health/" + databaseId + "'")).get(0)
                .get("UnrecoverableTablets");
        return ids.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(ids.split(",")));
    }
}
