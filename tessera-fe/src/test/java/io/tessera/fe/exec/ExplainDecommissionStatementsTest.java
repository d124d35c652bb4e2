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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND against live in-process BEs: on four backends it
 * predicts where the replicas go and changes nothing, and the real DECOMMISSION run right after,
 * with nothing changing in between, moves exactly as many replicas to each backend as predicted;
 * on three backends with replication 3 its SUMMARY carries the refusal the real DECOMMISSION gives.
 * Balance is off, so only the drain moves replicas.
 */
class ExplainDecommissionStatementsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private InProcessCluster cluster;
    private ClusterSession session;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void predictsTheMovesTheDecommissionThenMakes() {
        start(4);
        ClusterBackend leaving = cluster.backend(0);
        String leavingId = backendId(leaving);
        String explain = "EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving.hostPort() + "\"";
        explainOnceReportsAreIn(explain);
        Map<String, Integer> before = replicasPerBackend();
        List<Map<String, String>> backendsBefore = maps(session.query("SHOW BACKENDS"));
        List<List<String>> replicasBefore = replicaRows();

        ResultSet explained = session.query(explain);

        assertThat(names(explained)).containsExactlyElementsOf(ExplainDecommissionExecutor.TITLES);
        List<Map<String, String>> rows = maps(explained);
        assertThat(rows).filteredOn(row -> row.get("RowType").equals("UNPLACEABLE")).isEmpty();
        Map<String, Integer> predicted = new HashMap<>();
        rows.stream().filter(row -> row.get("RowType").equals("DESTINATION"))
                .forEach(row -> predicted.put(row.get("BackendId"), Integer.parseInt(row.get("Replicas"))));
        assertThat(predicted).doesNotContainKey(leavingId).isNotEmpty();
        Map<String, String> summary = rows.stream().filter(row -> row.get("RowType").equals("SUMMARY"))
                .findFirst().orElseThrow();
        assertThat(summary.get("Replicas")).isEqualTo(Integer.toString(before.get(leavingId)));
        assertThat(summary.get("Admission")).isEqualTo(ExplainDecommissionExecutor.ADMITTED);
        assertThat(rows).filteredOn(row -> row.get("RowType").equals("SUMMARY")).hasSize(1);
        assertThat(withoutFreeSpace(session.query("EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND \"" + leavingId
                + "\"").rows())).as("named by id").isEqualTo(withoutFreeSpace(explained.rows()));
        assertThat(maps(session.query("SHOW BACKENDS"))).as("SHOW BACKENDS after EXPLAIN")
                .allSatisfy(row -> assertThat(row.get("SystemDecommissioned")).isEqualTo("false"))
                .hasSize(backendsBefore.size());
        assertThat(replicaRows()).as("every replica after EXPLAIN").isEqualTo(replicasBefore);

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving.hostPort() + "\"");
        await("the drain of backend " + leavingId).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .pollInSameThread().until(() -> !replicasPerBackend().containsKey(leavingId));

        Map<String, Integer> after = replicasPerBackend();
        Map<String, Integer> moved = new HashMap<>();
        after.forEach((backend, count) -> {
            int gained = count - before.getOrDefault(backend, 0);
            if (gained != 0) {
                moved.put(backend, gained);
            }
        });
        assertThat(moved).as("replicas each backend received").isEqualTo(predicted);
    }

    /**
     * The rows without AvailBytesAfter and UsedPctAfter: they start from the free space of the real
     * disk the backends' folders are on, which the next heartbeat may report a few KB different.
     */
    private static List<List<String>> withoutFreeSpace(List<List<String>> rows) {
        int avail = ExplainDecommissionExecutor.TITLES.indexOf("AvailBytesAfter");
        int usedPct = ExplainDecommissionExecutor.TITLES.indexOf("UsedPctAfter");
        List<List<String>> stripped = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            copy.set(avail, "-");
            copy.set(usedPct, "-");
            stripped.add(copy);
        }
        return stripped;
    }

    @Test
    void onThreeBackendsTheSummaryCarriesTheDecommissionsRefusal() {
        start(3);
        String named = "\"" + cluster.backend(0).hostPort() + "\"";
        ResultSet explained = explainOnceReportsAreIn("EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND " + named);
        TesseraException refusal = catchThrowableOfType(TesseraException.class,
                () -> session.execute("ALTER SYSTEM DECOMMISSION BACKEND " + named));

        assertThat(refusal).isNotNull();
        assertThat(refusal.getMessage()).startsWith("After decommission, partition");
        Map<String, String> summary = maps(explained).stream().filter(row -> row.get("RowType").equals("SUMMARY"))
                .findFirst().orElseThrow();
        assertThat(summary.get("Admission")).isEqualTo(refusal.getMessage());
        assertThat(maps(explained)).filteredOn(row -> row.get("RowType").equals("UNPLACEABLE")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("Reason")).startsWith("no backend in location default"));
        assertThat(maps(session.query("SHOW BACKENDS")))
                .allSatisfy(row -> assertThat(row.get("SystemDecommissioned")).isEqualTo("false"));
    }

    @Test
    void refusesWhatDecommissionRefusesWithItsWords() {
        start(3);
        for (String backends : List.of("\"127.0.66.1:9050\"", "\"99999\"", "\"abc\"")) {
            TesseraException real = failure(session, "ALTER SYSTEM DECOMMISSION BACKEND " + backends);
            TesseraException explain = failure(session, "EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND " + backends);
            assertThat(explain.getMessage()).as(backends).isEqualTo(real.getMessage());
            assertThat(explain.code()).as(backends).isEqualTo(real.code());
        }
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1")) {
            TesseraException explain = failure(admin, "EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND \"abc\"");
            assertThat(explain.getMessage()).isEqualTo(
                    "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation");
        }
    }

    private void start(int backends) {
        cluster = InProcessCluster.start(backends);
        session = cluster.session();
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_balance\" = \"true\")");
        session.execute("CREATE DATABASE d");
        session.execute("USE d");
        session.execute("CREATE TABLE triple (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 8 PROPERTIES (\"replication_num\" = \"3\")");
        session.execute("INSERT INTO triple VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6)");
    }

    /**
     * Runs the EXPLAIN until it comes without the warning that reports are not all in yet; any
     * warning it carries meanwhile is that one, and SHOW WARNINGS lists it.
     */
    private ResultSet explainOnceReportsAreIn(String sql) {
        List<ResultSet> answer = new ArrayList<>();
        await("a prediction without the reports warning").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .pollInSameThread().until(() -> {
                    ResultSet result = session.query(sql);
                    assertThat(result.warnings()).isSubsetOf(ExplainDroppExecutor.REPORTS_PENDING_WARNING);
                    assertThat(session.query("SHOW WARNINGS").rows()).isEqualTo(result.warnings().stream()
                            .map(warning -> List.of("Warning", "1105", warning)).toList());
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

    private List<List<String>> replicaRows() {
        return session.query("ADMIN SHOW REPLICA STATUS FROM triple").rows();
    }

    /** The catalog's replicas of table triple per backend id. */
    private Map<String, Integer> replicasPerBackend() {
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, String> row : maps(session.query("ADMIN SHOW REPLICA STATUS FROM triple"))) {
            counts.merge(row.get("BackendId"), 1, Integer::sum);
        }
        return counts;
    }
}
