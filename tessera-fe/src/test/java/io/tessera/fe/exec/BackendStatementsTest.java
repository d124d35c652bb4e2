package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.column;
import static io.tessera.fe.testing.ResultRows.maps;
import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterBackend;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ALTER SYSTEM ADD/DROP/DROPP/DECOMMISSION/MODIFY BACKEND, CANCEL DECOMMISSION, SHOW BACKENDS and
 * SHOW PROC '/backends' against three live BEs, with the seed's DROP BACKEND examples on loopback
 * addresses where nothing listens (for 192.168.0.1 and .2). Each test leaves the three BEs as it
 * found them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendStatementsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DROP_REFUSED = "It is highly NOT RECOMMENDED to use DROP BACKEND stmt.It is not "
            + "safe to directly drop a backend. All data on this backend will be discarded permanently. If you "
            + "insist, use DROPP instead of DROP";

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private TesseraException failure(String sql) {
        return catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
    }

    private Optional<Map<String, String>> backendRow(String host) {
        return maps(session.query("SHOW BACKENDS")).stream().filter(row -> row.get("Host").equals(host)).findFirst();
    }

    private Map<String, String> backendRow(ClusterBackend backend) {
        return backendRow(backend.host()).orElseThrow();
    }

    @Test
    void showBackendsHasDorisColumnsAndWhatHeartbeatsReported() {
        ResultSet shown = session.query("SHOW BACKENDS");
        assertThat(names(shown)).containsExactly("BackendId", "Host", "HeartbeatPort", "BePort", "HttpPort",
                "BrpcPort", "ArrowFlightSqlPort", "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned",
                "TabletNum", "DataUsedCapacity", "TrashUsedCapacity", "AvailCapacity", "TotalCapacity", "UsedPct",
                "MaxDiskUsedPct", "RemoteUsedCapacity", "Tag", "ErrMsg", "Version", "Status",
                "HeartbeatFailureCounter", "NodeRole", "CpuCores", "Memory", "LiveSince", "RunningTasks");
        assertThat(column(shown, "Host")).containsExactlyInAnyOrder(cluster.backend(0).host(),
                cluster.backend(1).host(), cluster.backend(2).host());
        for (ClusterBackend backend : cluster.backends()) {
            Map<String, String> row = backendRow(backend);
            assertThat(row.get("HeartbeatPort")).isEqualTo(Integer.toString(backend.node().heartbeatPort()));
            assertThat(row.get("BePort")).isEqualTo(Integer.toString(backend.node().bePort()));
            assertThat(row.get("HttpPort")).isEqualTo(Integer.toString(backend.node().webserverPort()));
            assertThat(row.get("BrpcPort")).isEqualTo("-1");
            assertThat(row.get("ArrowFlightSqlPort")).isEqualTo("-1");
            assertThat(row.get("LastStartTime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            // Heartbeat times come from the FE's manual clock, in its zone (Asia/Shanghai).
            assertThat(row.get("LastHeartbeat")).isEqualTo("2025-01-01 08:00:00");
            assertThat(row.get("LiveSince")).isEqualTo("2025-01-01 08:00:00");
            assertThat(row.get("Alive")).isEqualTo("true");
            assertThat(row.get("SystemDecommissioned")).isEqualTo("false");
            assertThat(row.get("Tag")).isEqualTo("{\"location\" : \"default\"}");
            assertThat(row.get("ErrMsg")).isEmpty();
            assertThat(row.get("NodeRole")).isEqualTo("mix");
            assertThat(row.get("Status")).contains("\"isQueryDisabled\":false", "\"isLoadDisabled\":false");
        }
        assertThat(session.query("SHOW PROC '/backends'")).isEqualTo(shown);
    }

    @Test
    void addsBackendsThatNeverAnswerAndDroppsThemLikeTheSeedExamples() {
        String first = cluster.unusedHost(0);
        String second = cluster.unusedHost(1);
        assertThat(session.execute("ALTER SYSTEM ADD BACKEND \"" + first + ":9050\", \"" + second + ":9050\""))
                .isEqualTo(OkResult.EMPTY);
        assertThat(column(session.query("SHOW BACKENDS"), "Host")).hasSize(5).contains(first, second);
        await("heartbeats to fail").atMost(WAIT).untilAsserted(() -> {
            Map<String, String> row = backendRow(first).orElseThrow();
            assertThat(row.get("Alive")).isEqualTo("false");
            assertThat(row.get("ErrMsg")).isNotBlank();
        });

        TesseraException same = failure("ALTER SYSTEM ADD BACKEND \"" + first + ":9050\"");
        assertThat(same.code().mysqlCode()).isEqualTo(1105);
        assertThat(same.getMessage()).isEqualTo("Same backend already exists[" + first + ":9050]");
        TesseraException refused = failure("ALTER SYSTEM DROP BACKEND \"" + first + ":9050\"");
        assertThat(refused.code().mysqlCode()).isEqualTo(1105);
        assertThat(refused.code().sqlState()).isEqualTo("HY000");
        assertThat(refused.getMessage()).isEqualTo(DROP_REFUSED);
        assertThat(refused.clientMessage()).isEqualTo("errCode = 2, detailMessage = " + DROP_REFUSED);

        assertThat(session.execute("ALTER SYSTEM DROPP BACKEND \"" + first + ":9050\", \"" + second + ":9050\""))
                .isEqualTo(OkResult.EMPTY);
        assertThat(column(session.query("SHOW BACKENDS"), "Host")).hasSize(3).doesNotContain(first, second);
        TesseraException gone = failure("ALTER SYSTEM DROPP BACKEND \"" + first + ":9050\"");
        assertThat(gone.code().mysqlCode()).isEqualTo(1105);
        assertThat(gone.getMessage()).isEqualTo("backend does not exists[" + first + ":9050]");
    }

    @Test
    void droppsABackendByItsId() {
        String host = cluster.unusedHost(2);
        session.execute("ALTER SYSTEM ADD BACKEND \"" + host + ":9050\"");
        String id = backendRow(host).orElseThrow().get("BackendId");

        assertThat(session.execute("ALTER SYSTEM DROPP BACKEND \"" + id + "\"")).isEqualTo(OkResult.EMPTY);
        assertThat(backendRow(host)).isEmpty();
        assertThat(failure("ALTER SYSTEM DROPP BACKEND \"" + id + "\"").getMessage())
                .isEqualTo("backend does not exists[" + id + "]");
    }

    @Test
    void refusesBadBackendNames() {
        String host = cluster.unusedHost(3);
        TesseraException port = failure("ALTER SYSTEM ADD BACKEND \"" + host + ":89050\"");
        assertThat(port.code().mysqlCode()).isEqualTo(1105);
        assertThat(port.getMessage()).contains("Port is out of range: 89050");
        assertThat(failure("ALTER SYSTEM ADD BACKEND \"" + host + ":0\"").getMessage())
                .contains("Port is out of range: 0");
        assertThat(failure("ALTER SYSTEM ADD BACKEND \"" + host + "\"").getMessage())
                .isEqualTo("Invalid backend id: '" + host + "'");
        assertThat(session.rows("SHOW BACKENDS")).hasSize(3);
    }

    @Test
    void decommissionsAndCancels() {
        ClusterBackend backend = cluster.backend(2);
        String name = "\"" + backend.hostPort() + "\"";
        assertThat(session.execute("ALTER SYSTEM DECOMMISSION BACKEND " + name)).isEqualTo(OkResult.EMPTY);
        assertThat(backendRow(backend).get("SystemDecommissioned")).isEqualTo("true");
        assertThat(session.execute("CANCEL DECOMMISSION BACKEND " + name)).isEqualTo(OkResult.EMPTY);
        assertThat(backendRow(backend).get("SystemDecommissioned")).isEqualTo("false");

        String unknown = "\"" + cluster.unusedHost(4) + ":9050\"";
        assertThat(failure("ALTER SYSTEM DECOMMISSION BACKEND " + unknown).getMessage())
                .isEqualTo("Backend does not exist[" + cluster.unusedHost(4) + ":9050]");
        assertThat(failure("CANCEL DECOMMISSION BACKEND " + unknown).getMessage())
                .isEqualTo("Backend does not exist[" + cluster.unusedHost(4) + ":9050]");
    }

    @Test
    void modifiesQueryAccessAndLocationTag() {
        ClusterBackend backend = cluster.backend(1);
        String name = "\"" + backend.hostPort() + "\"";
        session.execute("ALTER SYSTEM MODIFY BACKEND " + name + " SET (\"disable_query\" = \"true\")");
        session.execute("ALTER SYSTEM MODIFY BACKEND " + name + " SET (\"tag.location\" = \"group_a\")");
        Map<String, String> modified = backendRow(backend);
        assertThat(modified.get("Status")).contains("\"isQueryDisabled\":true");
        assertThat(modified.get("Tag")).isEqualTo("{\"location\" : \"group_a\"}");
        assertThat(backendRow(cluster.backend(0)).get("Tag")).isEqualTo("{\"location\" : \"default\"}");

        session.execute("ALTER SYSTEM MODIFY BACKEND " + name
                + " SET (\"disable_query\" = \"false\", \"tag.location\" = \"default\")");
        Map<String, String> restored = backendRow(backend);
        assertThat(restored.get("Status")).contains("\"isQueryDisabled\":false");
        assertThat(restored.get("Tag")).isEqualTo("{\"location\" : \"default\"}");
        assertThat(failure("ALTER SYSTEM MODIFY BACKEND " + name + " SET (\"nope\" = \"1\")").getMessage())
                .isEqualTo("unknown properties setting for key (nope)");

        // Doris reads the switches with Java's Boolean.valueOf, so "maybe" would be false; Tessera
        // refuses anything but true/false (any case) with Doris's text for boolean properties.
        session.execute("ALTER SYSTEM MODIFY BACKEND " + name + " SET (\"disable_query\" = \"TRUE\")");
        assertThat(backendRow(backend).get("Status")).contains("\"isQueryDisabled\":true");
        assertThat(failure("ALTER SYSTEM MODIFY BACKEND " + name + " SET (\"disable_query\" = \"maybe\")")
                .getMessage()).isEqualTo("disable_query must be `true` or `false`");
        assertThat(backendRow(backend).get("Status")).contains("\"isQueryDisabled\":true");
    }

    @Test
    void answersUnknownProcPaths() {
        TesseraException unknown = failure("SHOW PROC '/nope'");
        assertThat(unknown.code().mysqlCode()).isEqualTo(1105);
        assertThat(unknown.getMessage()).isEqualTo("Proc path '/nope' doesn't exist");
        assertThat(session.rows("SHOW PROC '/backends'")).hasSize(3);
    }
}
