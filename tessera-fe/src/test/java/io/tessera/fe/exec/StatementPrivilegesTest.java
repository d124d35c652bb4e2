package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterBackend;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statement family against the six kinds of account issue 13 names (root, admin, a plain
 * user, a user granted NODE_PRIV, a user whose role holds NODE_PRIV, a user with only SELECT on one
 * database), through the real wiring of an in-process FE: who passes the check
 * ({@link StatementPrivileges}, asked by the dispatcher) and, for everyone else, Doris's exact text
 * and error code. "Passes" means the statement got past the check: it may still fail for its own
 * reasons (an unknown backend, an unpartitioned table), never with an access-denied error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementPrivilegesTest {
    private static final String HOST = "127.0.0.1";
    private static final String NODE = "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation";
    private static final String NODE_PRIV =
            "Access denied; you need (at least one of) the (Node_priv) privilege(s) for this operation";
    private static final String ADMIN =
            "Access denied; you need (at least one of) the (ADMIN) privilege(s) for this operation";
    private static final List<String> USERS = List.of("root", "admin", "plain", "node_user", "role_user", "reader");

    private InProcessCluster cluster;
    private final Map<String, ClusterSession> sessions = new LinkedHashMap<>();
    private String backend;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        ClusterSession root = cluster.session();
        backend = "\"" + cluster.backend(0).hostPort() + "\"";
        root.execute("CREATE DATABASE db1");
        root.execute("CREATE TABLE db1.t1 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        root.execute("INSERT INTO db1.t1 VALUES (1)");
        root.execute("CREATE DATABASE db2");
        root.execute("CREATE TABLE db2.t2 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        root.execute("CREATE USER 'plain'@'%'");
        root.execute("CREATE USER 'node_user'@'%'");
        root.execute("GRANT NODE_PRIV ON *.*.* TO 'node_user'@'%'");
        root.execute("CREATE ROLE node_role");
        root.execute("GRANT NODE_PRIV ON *.*.* TO ROLE 'node_role'");
        root.execute("CREATE USER 'role_user'@'%' DEFAULT ROLE 'node_role'");
        root.execute("CREATE USER 'reader'@'%'");
        root.execute("GRANT SELECT_PRIV ON db1.* TO 'reader'@'%'");
        for (String user : USERS) {
            sessions.put(user, user.equals("root") ? root : cluster.session(user, HOST));
        }
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    /** What a statement did: null when it passed the privilege check, else the refusal. */
    private static TesseraException refusal(ClusterSession session, String sql) {
        try {
            session.execute(sql);
            return null;
        } catch (TesseraException e) {
            return e.code().category() == ErrorCode.Category.PRIVILEGE ? e : null;
        }
    }

    /** Runs the statement as each user; users in {@code allowed} pass, the others get {@code code} and {@code text}. */
    private void matrix(String sql, List<String> allowed, ErrorCode code, String text) {
        List<String> wrong = new ArrayList<>();
        for (String user : USERS) {
            TesseraException refused = refusal(sessions.get(user), sql);
            if (allowed.contains(user)) {
                if (refused != null) {
                    wrong.add(user + " was refused: " + refused.getMessage());
                }
            } else {
                String expected = text.replace("{user}", user);
                if (refused == null) {
                    wrong.add(user + " passed");
                } else if (refused.code() != code || !refused.getMessage().equals(expected)) {
                    wrong.add(user + " got " + refused.code() + " " + refused.getMessage() + ", expected " + code + " "
                            + expected);
                }
            }
        }
        assertThat(wrong).as(sql).isEmpty();
    }

    private static List<String> users(String... names) {
        return List.of(names);
    }

    @Test
    void nodeStatementsNeedNodeBeforeTheirIdentifiersAreRead() {
        List<String> node = users("root", "node_user", "role_user");
        matrix("ALTER SYSTEM MODIFY BACKEND " + backend + " SET (\"disable_query\" = \"false\")", node,
                ErrorCode.SPECIFIC_ACCESS_DENIED, NODE);
        for (String sql : List.of(
                "ALTER SYSTEM ADD BACKEND 'not a backend'",
                "ALTER SYSTEM DROP BACKEND 'not a backend'",
                "ALTER SYSTEM DROPP BACKEND 'not a backend'",
                "ALTER SYSTEM DECOMMISSION BACKEND 'not a backend'",
                "ALTER SYSTEM PAUSE DECOMMISSION BACKEND 'not a backend'",
                "ALTER SYSTEM RESUME DECOMMISSION BACKEND 'not a backend'",
                "EXPLAIN ALTER SYSTEM DROPP BACKEND 'not a backend'",
                "EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND 'not a backend'",
                "SHOW DECOMMISSION",
                "SHOW DECOMMISSION ALL",
                "SHOW DECOMMISSION BLOCKERS")) {
            matrix(sql, node, ErrorCode.SPECIFIC_ACCESS_DENIED, NODE);
        }
        matrix("CANCEL DECOMMISSION BACKEND 'not a backend'", node, ErrorCode.SPECIFIC_ACCESS_DENIED, NODE_PRIV);
    }

    @Test
    void administrationNeedsAdminWhichNodeDoesNotImply() {
        List<String> admins = users("root", "admin");
        for (String sql : List.of(
                "ADMIN SHOW FRONTEND CONFIG LIKE 'max_balancing_tablets'",
                "ADMIN SET FRONTEND CONFIG (\"max_balancing_tablets\" = \"100\")",
                "ADMIN REPAIR TABLE db1.t1",
                "ADMIN CANCEL REPAIR TABLE db1.t1",
                "ADMIN SHOW REPLICA STATUS FROM db1.t1",
                "ADMIN SHOW REPLICA DISTRIBUTION FROM db1.t1",
                "SHOW TABLETS FROM db1.t1",
                "SHOW TABLETS FROM db1.t1 WHERE Version = 2 ORDER BY BackendId LIMIT 1",
                "SHOW TABLET 1",
                "ADMIN DIAGNOSE TABLET 1",
                "ADMIN CLEAN TRASH ON (\"127.255.0.1:9050\")",
                "SHOW TRANSACTION FROM db1 WHERE id = 1",
                "SHOW PROC '/transactions'",
                "SHOW PROC '/backends'",
                "SHOW PROC '/dbs'",
                "SHOW PROC '/cluster_balance'",
                "SHOW PROC '/statistic'",
                "SHOW PROC '/cluster_health/tablet_health'",
                "SET GLOBAL query_timeout = 300")) {
            matrix(sql, admins, ErrorCode.SPECIFIC_ACCESS_DENIED, ADMIN);
        }
    }

    @Test
    void showFrontendsNeedsAdminOrNode() {
        for (String sql : List.of("SHOW FRONTENDS", "SHOW TRASH")) {
            matrix(sql, users("root", "admin", "node_user", "role_user"), ErrorCode.SPECIFIC_ACCESS_DENIED,
                    "Access denied; you need (at least one of) the (ADMIN/OPERATOR) privilege(s) for this operation");
        }
    }

    @Test
    void showBackendsIsOpenToEveryAccountAsInDorisMaster() {
        // Doris master checks SELECT on information_schema, which every account reads.
        matrix("SHOW BACKENDS", USERS, ErrorCode.DATABASE_PRIVILEGE_DENIED, "");
        matrix("SELECT BackendId FROM backends()", USERS, ErrorCode.DATABASE_PRIVILEGE_DENIED, "");
    }

    @Test
    void databaseStatementsNeedTheirPrivilegeOnTheDatabase() {
        List<String> admins = users("root", "admin");
        matrix("DROP DATABASE IF EXISTS no_such_db", admins, ErrorCode.DATABASE_ACCESS_DENIED,
                "Access denied for user '{user}' to database 'no_such_db'");
        for (String user : admins) {
            sessions.get(user).execute("CREATE DATABASE made_by_" + user);
            sessions.get(user).execute("DROP DATABASE made_by_" + user);
        }
        for (String user : users("plain", "node_user", "role_user", "reader")) {
            TesseraException refused = refusal(sessions.get(user), "CREATE DATABASE db3");
            assertThat(refused).as(user).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.DATABASE_ACCESS_DENIED);
            assertThat(refused.clientMessage())
                    .isEqualTo("errCode = 2, detailMessage = Access denied for user '" + user + "' to database 'db3'");
        }
        matrix("USE db1", users("root", "admin", "reader"), ErrorCode.DATABASE_ACCESS_DENIED,
                "Access denied for user '{user}' to database 'db1'");
        matrix("USE db2", admins, ErrorCode.DATABASE_ACCESS_DENIED, "Access denied for user '{user}' to database 'db2'");
        matrix("SHOW TABLES FROM db1", users("root", "admin", "reader"), ErrorCode.DATABASE_ACCESS_DENIED,
                "Access denied for user '{user}' to database 'db1'");
        assertThat(cluster.session("reader", HOST, "db1").rows("SHOW TABLES")).containsExactly(List.of("t1"));
    }

    @Test
    void tableStatementsNeedTheirPrivilegeOnTheTable() {
        List<String> admins = users("root", "admin");
        List<String> readers = users("root", "admin", "reader");
        matrix("CREATE TABLE IF NOT EXISTS db1.t1 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1", admins,
                ErrorCode.SPECIFIC_ACCESS_DENIED,
                "Access denied; you need (at least one of) the (CREATE) privilege(s) for this operation");
        matrix("DROP TABLE IF EXISTS db1.no_such_table", admins, ErrorCode.SPECIFIC_ACCESS_DENIED,
                "Access denied; you need (at least one of) the (DROP) privilege(s) for this operation");
        matrix("ALTER TABLE db1.t1 DROP PARTITION IF EXISTS p9", admins, ErrorCode.TABLE_ACCESS_DENIED,
                "ALTER TABLE command denied to user '{user}'@'127.0.0.1' for table 'db1: t1'");
        matrix("INSERT INTO db1.t1 VALUES (2)", admins, ErrorCode.TABLE_ACCESS_DENIED,
                "LOAD command denied to user '{user}'@'127.0.0.1' for table 'db1.t1'");
        matrix("SELECT * FROM db1.t1", readers, ErrorCode.TABLE_ACCESS_DENIED,
                "SELECT command denied to user '{user}'@'127.0.0.1' for table 'internal: db1: t1'");
        matrix("EXPLAIN SELECT * FROM db1.t1 WHERE k = 1", readers, ErrorCode.TABLE_ACCESS_DENIED,
                "SELECT command denied to user '{user}'@'127.0.0.1' for table 'internal: db1: t1'");
        matrix("SELECT * FROM db2.t2", admins, ErrorCode.TABLE_ACCESS_DENIED,
                "SELECT command denied to user '{user}'@'127.0.0.1' for table 'internal: db2: t2'");
        matrix("DESCRIBE db1.t1", readers, ErrorCode.TABLE_ACCESS_DENIED,
                "DESCRIBE command denied to user '{user}'@'127.0.0.1' for table 'db1.t1'");
        matrix("SHOW CREATE TABLE db1.t1", readers, ErrorCode.TABLE_ACCESS_DENIED,
                "SHOW CREATE TABLE command denied to user '{user}'@'127.0.0.1' for table 'db1: t1'");
        matrix("SHOW PARTITIONS FROM db1.t1", readers, ErrorCode.TABLE_ACCESS_DENIED,
                "SHOW PARTITIONS command denied to user '{user}'@'127.0.0.1' for table 'db1: t1'");
        matrix("SHOW DATA FROM db1.t1", readers, ErrorCode.TABLE_ACCESS_DENIED,
                "SHOW DATA command denied to user '{user}'@'127.0.0.1' for table 'db1: t1'");
        assertThat(sessions.get("reader").rows("SELECT count(*) FROM db1.t1").get(0).get(0)).isNotEqualTo("0");
        // A user with only SELECT may read but not write or load.
        assertThat(refusal(sessions.get("reader"), "INSERT INTO db1.t1 SELECT * FROM db1.t1")).isNotNull();
        assertThat(refusal(sessions.get("admin"), "INSERT INTO db1.t1 SELECT * FROM db1.t1")).isNull();
    }

    @Test
    void showDatabasesAndShowTablesListOnlyWhatTheUserMaySee() {
        assertThat(sessions.get("root").rows("SHOW DATABASES")).contains(List.of("db1"), List.of("db2"));
        assertThat(sessions.get("admin").rows("SHOW DATABASES")).contains(List.of("db1"), List.of("db2"));
        assertThat(sessions.get("reader").rows("SHOW DATABASES"))
                .containsExactly(List.of("db1"), List.of("information_schema"), List.of("mysql"));
        for (String user : users("plain", "node_user", "role_user")) {
            assertThat(sessions.get(user).rows("SHOW DATABASES")).as(user)
                    .containsExactly(List.of("information_schema"), List.of("mysql"));
        }
        assertThat(sessions.get("reader").rows("SELECT SCHEMA_NAME FROM information_schema.schemata"))
                .as("information_schema lists what SHOW DATABASES lists")
                .containsExactly(List.of("db1"), List.of("information_schema"), List.of("mysql"));
        assertThat(sessions.get("plain").rows("SELECT SCHEMA_NAME FROM information_schema.schemata"))
                .containsExactly(List.of("information_schema"), List.of("mysql"));
        ClusterSession root = sessions.get("root");
        root.execute("CREATE USER 'one_table'@'%'");
        root.execute("GRANT LOAD_PRIV ON db2.t2 TO 'one_table'@'%'");
        ClusterSession oneTable = cluster.session("one_table", HOST);
        assertThat(oneTable.rows("SHOW DATABASES")).contains(List.of("db2")).doesNotContain(List.of("db1"));
        root.execute("CREATE TABLE db2.t3 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        assertThat(oneTable.rows("SHOW TABLES FROM db2")).containsExactly(List.of("t2"));
        // COM_FIELD_LIST reads what DESCRIBE reads, and is checked as DESCRIBE.
        ClusterSession inDb2 = cluster.session("one_table", HOST, "db2");
        assertThat(inDb2.fieldList("t2")).isNotEmpty();
        assertThat(catchThrowableOfType(TesseraException.class, () -> inDb2.fieldList("t3")))
                .hasMessage("DESCRIBE command denied to user 'one_table'@'127.0.0.1' for table 'db2.t3'");
        assertThat(root.rows("SHOW TABLES FROM db2")).containsExactly(List.of("t2"), List.of("t3"));
    }

    @Test
    void sessionStatementsAreOpenToEveryone() {
        for (String sql : List.of("SET query_timeout = 100", "SET @x = 1", "SHOW VARIABLES LIKE 'query_timeout'",
                "SELECT 1", "SHOW GRANTS", "USE information_schema", "SELECT * FROM information_schema.schemata",
                "SHOW WARNINGS", "SHOW BACKENDS")) {
            matrix(sql, USERS, ErrorCode.SPECIFIC_ACCESS_DENIED, "");
        }
    }

    @Test
    void anUnknownTableIsNotRevealedToAUserWithoutAPrivilegeOnItsDatabase() {
        ClusterSession plain = sessions.get("plain");
        assertThat(catchThrowableOfType(TesseraException.class, () -> plain.execute("SELECT * FROM db1.no_such")))
                .hasMessage("SELECT command denied to user 'plain'@'127.0.0.1' for table 'internal: db1: no_such'");
        assertThat(catchThrowableOfType(TesseraException.class, () -> plain.execute("DESCRIBE no_db.no_such")))
                .hasMessage("DESCRIBE command denied to user 'plain'@'127.0.0.1' for table 'no_db.no_such'");
        assertThat(catchThrowableOfType(TesseraException.class, () -> plain.execute("USE no_db")))
                .hasMessage("Access denied for user 'plain' to database 'no_db'");
        assertThat(catchThrowableOfType(TesseraException.class, () -> cluster.session("plain", HOST, "db1")))
                .hasMessage("Access denied for user 'plain' to database 'db1'");
        // The reader may ask about db1, so it learns the table does not exist.
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> sessions.get("reader").execute("SELECT * FROM db1.no_such"));
        assertThat(unknown.code().category()).isEqualTo(ErrorCode.Category.UNKNOWN_OBJECT);
        assertThat(unknown.getMessage()).contains("no_such");
    }

    @Test
    void aGrantAndARevokeReachTheNextDataStatementOfAnOpenSession() {
        ClusterSession root = sessions.get("root");
        root.execute("CREATE USER 'later'@'%'");
        ClusterSession later = cluster.session("later", HOST);
        String denied = "SELECT command denied to user 'later'@'127.0.0.1' for table 'internal: db2: t2'";
        assertThat(catchThrowableOfType(TesseraException.class, () -> later.execute("SELECT * FROM db2.t2")))
                .hasMessage(denied);
        root.execute("GRANT SELECT_PRIV ON db2.t2 TO 'later'@'%'");
        assertThat(later.rows("SELECT count(*) FROM db2.t2")).containsExactly(List.of("0"));
        root.execute("REVOKE SELECT_PRIV ON db2.t2 FROM 'later'@'%'");
        assertThat(catchThrowableOfType(TesseraException.class, () -> later.execute("SELECT * FROM db2.t2")))
                .hasMessage(denied);
    }

    @Test
    void streamLoadNeedsLoadOnTheTable() throws Exception {
        ClusterSession root = sessions.get("root");
        root.execute("CREATE USER 'loader'@'%' IDENTIFIED BY 'loader-pw'");
        root.execute("GRANT SELECT_PRIV ON db1.* TO 'loader'@'%'");
        String refused = streamLoad("loader:loader-pw", "db1", "t1", "loader-1");
        assertThat(refused).contains("\"Status\": \"Fail\"").contains("Access denied; you need (at least one of) the "
                + "Admin_priv,Load_priv privilege(s) for this operation");
        assertThat(streamLoad("loader:loader-pw", "db1", "no_such", "loader-2"))
                .contains("Admin_priv,Load_priv").doesNotContain("Unknown table");

        root.execute("GRANT LOAD_PRIV ON db1.t1 TO 'loader'@'%'");
        assertThat(streamLoad("loader:loader-pw", "db1", "t1", "loader-3")).contains("\"Status\": \"Success\"");
        assertThat(streamLoad("admin:", "db1", "t1", "admin-1")).contains("\"Status\": \"Success\"");
    }

    private String streamLoad(String credentials, String database, String table, String label) throws Exception {
        ClusterBackend coordinator = cluster.backend(0);
        HttpRequest load = HttpRequest.newBuilder(URI.create("http://" + coordinator.host() + ":"
                        + coordinator.node().webserverPort() + "/api/" + database + "/" + table + "/_stream_load"))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("label", label)
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("7\n"))
                .build();
        return HttpClient.newHttpClient().send(load, HttpResponse.BodyHandlers.ofString()).body();
    }
}
