package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every example of seed/DROP-BACKEND.md, typed into the real {@code mariadb} client against a real
 * FE process, with the seed's 192.168.0.x addresses moved to loopback. Asserts the exact text a
 * person sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedExamplesTest {
    private static final String REFUSAL = "ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = "
            + "It is highly NOT RECOMMENDED to use DROP BACKEND stmt.It is not safe to directly drop a backend. "
            + "All data on this backend will be discarded permanently. If you insist, use DROPP instead of DROP\n";

    private static FrontendProcess frontend;
    private static MariadbCli cli;

    @BeforeAll
    static void start() throws Exception {
        // No BE listens at the seed's addresses here; an hour between heartbeat rounds keeps the
        // backends in the state Doris shows before its first heartbeat, which these tests assert.
        frontend = FrontendProcess.start(TestAddresses.SEED_EXAMPLES, Map.of("heartbeat_interval_second", "3600"));
        cli = new MariadbCli(frontend.host(), frontend.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (frontend != null) {
            frontend.close();
        }
    }

    @Test
    @Order(1)
    void dropIsRefusedWithDorisMessageEvenForAnUnknownBackend() throws Exception {
        MariadbCli.Output output = cli.root("ALTER SYSTEM DROP BACKEND \"127.0.0.1:9050\";");
        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stdout()).isEmpty();
        // mariadb 10.11 echoes a failing -e statement (without its ';') before the error.
        assertThat(output.stderr()).isEqualTo("--------------\nALTER SYSTEM DROP BACKEND \"127.0.0.1:9050\"\n"
                + "--------------\n\n" + REFUSAL);
    }

    @Test
    @Order(2)
    void droppRemovesTwoBackendsByHostAndPort() throws Exception {
        MariadbCli.Output add = cli.root(
                "ALTER SYSTEM ADD BACKEND \"127.0.0.1:9050\", \"127.0.0.2:9050\", \"127.0.0.3:9050\";", "-vvv");
        assertThat(add.exitCode()).as(add.stderr()).isZero();
        assertThat(add.stdout()).contains("Query OK, 0 rows affected");
        assertThat(backendIds()).containsExactly("10000", "10001", "10002");

        MariadbCli.Output refused = cli.root("ALTER SYSTEM DROP BACKEND \"127.0.0.1:9050\";");
        assertThat(refused.errorLine()).isEqualTo(REFUSAL.strip());
        assertThat(backendIds()).containsExactly("10000", "10001", "10002");

        MariadbCli.Output dropp = cli.root("ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\", \"127.0.0.2:9050\";");
        assertThat(dropp.exitCode()).as(dropp.stderr()).isZero();
        assertThat(dropp.stderr()).isEmpty();
        assertThat(backendIds()).containsExactly("10002");
    }

    @Test
    @Order(3)
    void droppRemovesOneBackendById() throws Exception {
        MariadbCli.Output dropp = cli.root("ALTER SYSTEM DROPP BACKEND \"10002\";");
        assertThat(dropp.exitCode()).as(dropp.stderr()).isZero();
        assertThat(backendIds()).isEmpty();

        MariadbCli.Output again = cli.root("ALTER SYSTEM DROPP BACKEND \"10002\";");
        assertThat(again.errorLine()).isEqualTo(
                "ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = backend does not exists[10002]");
    }

    @Test
    @Order(4)
    void aNeverContactedBackendShowsDorisValues() throws Exception {
        cli.root("ALTER SYSTEM ADD BACKEND '127.0.0.4:9050'");
        List<Map<String, String>> rows = showBackendsVertical("SHOW BACKENDS");
        assertThat(rows).hasSize(1);
        Map<String, String> row = rows.get(0);
        assertThat(row.keySet()).containsExactly("BackendId", "Host", "HeartbeatPort", "BePort", "HttpPort",
                "BrpcPort", "ArrowFlightSqlPort", "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned",
                "TabletNum", "DataUsedCapacity", "TrashUsedCapacity", "AvailCapacity", "TotalCapacity", "UsedPct",
                "MaxDiskUsedPct", "RemoteUsedCapacity", "Tag", "ErrMsg", "Version", "Status",
                "HeartbeatFailureCounter", "NodeRole", "CpuCores", "Memory", "LiveSince", "RunningTasks");
        assertThat(row).containsEntry("BackendId", "10003")
                .containsEntry("Host", "127.0.0.4")
                .containsEntry("HeartbeatPort", "9050")
                .containsEntry("BePort", "-1")
                .containsEntry("HttpPort", "-1")
                .containsEntry("BrpcPort", "-1")
                .containsEntry("ArrowFlightSqlPort", "-1")
                .containsEntry("LastStartTime", "NULL")
                .containsEntry("LastHeartbeat", "NULL")
                .containsEntry("Alive", "false")
                .containsEntry("SystemDecommissioned", "false")
                .containsEntry("TabletNum", "0")
                .containsEntry("DataUsedCapacity", "0.000 ")
                .containsEntry("TrashUsedCapacity", "0.000 ")
                .containsEntry("AvailCapacity", "1.000 B")
                .containsEntry("TotalCapacity", "0.000 ")
                .containsEntry("RemoteUsedCapacity", "0.000 ")
                .containsEntry("UsedPct", "0.00 %")
                .containsEntry("MaxDiskUsedPct", "0.00 %")
                .containsEntry("Tag", "{\"location\" : \"default\"}")
                .containsEntry("ErrMsg", "")
                .containsEntry("Status", "{\"lastSuccessReportTabletsTime\":\"N/A\",\"lastStreamLoadTime\":-1,"
                        + "\"isQueryDisabled\":false,\"isLoadDisabled\":false,\"isActive\":true,\"isShutdown\":false,"
                        + "\"currentFragmentNum\":0,\"lastFragmentUpdateTime\":0}")
                .containsEntry("HeartbeatFailureCounter", "0")
                .containsEntry("NodeRole", "")
                .containsEntry("CpuCores", "1")
                .containsEntry("Memory", "0.00 ")
                .containsEntry("LiveSince", "NULL");
    }

    @Test
    @Order(5)
    void decommissionCancelAndModifyShowInShowBackends() throws Exception {
        cli.root("ALTER SYSTEM ADD BACKEND \"127.0.0.5:9050\" PROPERTIES (\"tag.location\" = \"zone_a\")");
        assertThat(cli.root("ALTER SYSTEM DECOMMISSION BACKEND \"127.0.0.4:9050\", \"10004\"").exitCode()).isZero();
        assertThat(showBackendsVertical("SHOW BACKENDS")).extracting(r -> r.get("SystemDecommissioned"))
                .containsExactly("true", "true");
        assertThat(cli.root("CANCEL DECOMMISSION BACKEND \"10003\"").exitCode()).isZero();
        assertThat(showBackendsVertical("SHOW BACKENDS")).extracting(r -> r.get("SystemDecommissioned"))
                .containsExactly("false", "true");

        assertThat(cli.root("ALTER SYSTEM MODIFY BACKEND \"127.0.0.4:9050\" SET "
                + "(\"disable_query\" = \"true\", \"disable_load\" = \"true\")").exitCode()).isZero();
        Map<String, String> modified = showBackendsVertical("SHOW BACKENDS").get(0);
        assertThat(modified.get("Status")).contains("\"isQueryDisabled\":true", "\"isLoadDisabled\":true");
        assertThat(showBackendsVertical("SHOW BACKENDS").get(1).get("Tag")).isEqualTo("{\"location\" : \"zone_a\"}");

        // SHOW PROC '/backends' sorts by host; SHOW BACKENDS by id.
        assertThat(showBackendsVertical("SHOW PROC '/backends'")).extracting(r -> r.get("Host"))
                .containsExactly("127.0.0.4", "127.0.0.5");
    }

    @Test
    @Order(6)
    void errorsAreDorisTextsOrClearOnes() throws Exception {
        assertError("ALTER SYSTEM DECOMMISSION BACKEND \"127.0.0.9:9050\"",
                "errCode = 2, detailMessage = Backend does not exist[127.0.0.9:9050]");
        assertError("ALTER SYSTEM DECOMMISSION BACKEND \"777\"",
                "errCode = 2, detailMessage = Backend does not exist, backend id is 777");
        assertError("CANCEL DECOMMISSION BACKEND \"777\"", "errCode = 2, detailMessage = Backend does not exist[777]");
        assertError("ALTER SYSTEM MODIFY BACKEND \"777\" SET (\"disable_query\" = \"true\")",
                "errCode = 2, detailMessage = backend does not exists[777]");
        assertError("ALTER SYSTEM ADD BACKEND \"127.0.0.4:9050\"",
                "errCode = 2, detailMessage = Same backend already exists[127.0.0.4:9050]");
        assertError("ALTER SYSTEM ADD BACKEND \"127.0.0.1:89050\"",
                "errCode = 2, detailMessage = Port is out of range: 89050");
        assertError("ALTER SYSTEM DROPP BACKEND \"127.0.0.1:abc\"", "errCode = 2, detailMessage = Invalid port: 'abc'");
        assertError("ALTER SYSTEM DROPP BACKEND \"abc\"", "errCode = 2, detailMessage = Invalid backend id: 'abc'");
        assertError("ALTER SYSTEM ADD BACKEND \"10001\"",
                "errCode = 2, detailMessage = ADD BACKEND needs host:heartbeat_port: '10001'");
        // All or nothing: the existing backend in the list is not dropped.
        assertError("ALTER SYSTEM DROPP BACKEND \"127.0.0.4:9050\", \"127.0.0.9:9050\"",
                "errCode = 2, detailMessage = backend does not exists[127.0.0.9:9050]");
        assertThat(backendIds()).containsExactly("10003", "10004");
    }

    @Test
    @Order(7)
    void adminCannotManageNodesButCanLook() throws Exception {
        MariadbCli.Output denied = cli.run("admin", "ALTER SYSTEM ADD BACKEND \"127.0.0.6:9050\"");
        assertThat(denied.errorLine()).isEqualTo("ERROR 1227 (42000) at line 1: errCode = 2, detailMessage = "
                + "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation");
        MariadbCli.Output cancel = cli.run("admin", "CANCEL DECOMMISSION BACKEND \"not even an id\"");
        assertThat(cancel.errorLine()).isEqualTo("ERROR 1227 (42000) at line 1: errCode = 2, detailMessage = "
                + "Access denied; you need (at least one of) the (Node_priv) privilege(s) for this operation");
        assertThat(cli.run("admin", "SHOW BACKENDS").exitCode()).isZero();
        MariadbCli.Output badLogin = cli.run("nobody", "SELECT 1");
        assertThat(badLogin.stderr()).matches(
                "ERROR 1045 \\(28000\\): Access denied for user 'nobody'@'127\\.[0-9.]+' \\(using password: NO\\)\n");
    }

    @Test
    @Order(9)
    void aCreatedUserManagesNodesOnlyWhileARoleGrantsNode() throws Exception {
        String denied = "ERROR 1227 (42000) at line 1: errCode = 2, detailMessage = Access denied; you need (at least "
                + "one of) the (NODE) privilege(s) for this operation";
        assertThat(cli.root("CREATE USER 'ops'@'%' IDENTIFIED BY 'ops-pw-9'").exitCode()).isZero();
        assertThat(cli.run("ops", "SHOW DECOMMISSION", "-pops-pw-9").errorLine()).isEqualTo(denied);
        MariadbCli.Output wrong = cli.run("ops", "SELECT 1", "-pnot-it");
        assertThat(wrong.stderr()).matches(
                "ERROR 1045 \\(28000\\): Access denied for user 'ops'@'127\\.[0-9.]+' \\(using password: YES\\)\n");

        MariadbCli.Output granted = cli.root("CREATE ROLE node_ops; GRANT NODE_PRIV ON *.*.* TO ROLE 'node_ops'; "
                + "GRANT 'node_ops' TO 'ops'@'%'");
        assertThat(granted.exitCode()).as(granted.stderr()).isZero();
        MariadbCli.Output allowed = cli.run("ops", "SHOW DECOMMISSION ALL", "-pops-pw-9");
        assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();

        assertThat(cli.root("REVOKE 'node_ops' FROM 'ops'@'%'").exitCode()).isZero();
        assertThat(cli.run("ops", "SHOW DECOMMISSION", "-pops-pw-9").errorLine()).isEqualTo(denied);
        assertThat(cli.root("DROP USER 'ops'@'%'; DROP ROLE node_ops").exitCode()).isZero();
    }

    @Test
    @Order(8)
    void syntaxErrorsNameLineAndPosition() throws Exception {
        MariadbCli.Output output = cli.root("ALTER SYSTEM DROPP BACKEND", "--skip-print-query-on-error");
        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("ERROR 1105 (HY000) at line 1: errCode = 2, detailMessage = \n")
                .containsPattern("\\(line 1, pos 26\\)\n$");
    }

    private static void assertError(String sql, String message) throws Exception {
        MariadbCli.Output output = cli.root(sql);
        assertThat(output.errorLine()).isEqualTo("ERROR 1105 (HY000) at line 1: " + message);
    }

    private static List<String> backendIds() throws Exception {
        return showBackendsVertical("SHOW BACKENDS").stream().map(row -> row.get("BackendId")).toList();
    }

    /** Runs a statement with {@code --vertical} and reads each row's {@code name: value} lines. */
    static List<Map<String, String>> showBackendsVertical(String sql) throws Exception {
        MariadbCli.Output output = cli.root(sql, "--vertical");
        assertThat(output.exitCode()).as(output.stderr()).isZero();
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, String> row = null;
        for (String line : output.stdout().split("\n")) {
            if (line.startsWith("***")) {
                row = new LinkedHashMap<>();
                rows.add(row);
            } else if (row != null && line.contains(":")) {
                int colon = line.indexOf(':');
                String value = line.substring(colon + 1);
                row.put(line.substring(0, colon).strip(), value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        return rows;
    }
}
