package io.tessera.fe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Statements of every family, run through an in-process FE's real wiring, each appear as one line
 * of {@code <home>/log/fe.audit.log} with the right user, database, state and returned rows, and no
 * password the statements carried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogInClusterTest {
    private static final List<String> PASSWORDS = List.of("pw-one-7Qx", "pw-two-8Rz", "pw-three-9Sy", "pw-four-0Tw");

    private InProcessCluster cluster;
    private Path auditFile;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        auditFile = cluster.folder().resolve("fe").resolve("log").resolve("fe.audit.log");
        cluster.execute("CREATE DATABASE audit_db");
        cluster.execute("CREATE TABLE audit_db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        cluster.execute("INSERT INTO audit_db.t VALUES (1), (2), (3)");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    /** The one line whose statement is exactly {@code sql}, once the writer has written it. */
    private String lineOf(String sql) throws IOException {
        String suffix = "|Stmt=" + sql;
        await("audit line of " + sql).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> lines().stream().anyMatch(line -> line.endsWith(suffix)));
        List<String> matching = lines().stream().filter(line -> line.endsWith(suffix)).toList();
        assertThat(matching).as(sql).hasSize(1);
        return matching.get(0);
    }

    private List<String> lines() throws IOException {
        return Files.exists(auditFile) ? Files.readAllLines(auditFile, StandardCharsets.UTF_8) : List.of();
    }

    private static void fails(ClusterSession session, String sql) {
        assertThat(catchThrowableOfType(TesseraException.class, () -> session.execute(sql))).as(sql).isNotNull();
    }

    @Test
    void everyFamilyIsOneLineWithUserDatabaseStateAndRows() throws IOException {
        String backend = "\"" + cluster.unusedHost(1) + ":9050\"";
        try (ClusterSession root = cluster.session()) {
            root.execute("SELECT 1");
            fails(root, "SELECT * FROM no_such_db.t");
            root.execute("ALTER SYSTEM ADD BACKEND " + backend);
            root.execute("ALTER SYSTEM DROPP BACKEND " + backend);
            root.execute("ADMIN SET FRONTEND CONFIG (\"max_balancing_tablets\" = \"150\")");
            root.execute("CREATE USER 'auditor'@'%' IDENTIFIED BY '" + PASSWORDS.get(0) + "'");
            root.execute("GRANT SELECT_PRIV ON audit_db.* TO 'auditor'@'%'");
            root.execute("SET PASSWORD FOR 'auditor'@'%' = PASSWORD('" + PASSWORDS.get(1) + "')");
            root.execute("ALTER USER 'auditor'@'%' IDENTIFIED BY '" + PASSWORDS.get(2) + "'");
            fails(root, "CREATE USER 'other'@'%' IDENTIFIED BY 'x' '" + PASSWORDS.get(3) + "' garbage");
        }
        try (ClusterSession auditor = cluster.session("auditor", "127.0.0.1", "audit_db")) {
            auditor.execute("SELECT k FROM t ORDER BY k");
            fails(auditor, "ALTER SYSTEM DROPP BACKEND " + backend);
        }

        assertThat(lineOf("SELECT 1")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[query\\] .*")
                .contains("|Client=127.0.0.1|User=root|Ctl=internal|Db=|State=EOF|ErrorCode=0|ErrorMessage=|")
                .contains("|ReturnRows=1|StmtId=1|IsQuery=true|");
        assertThat(lineOf("SELECT * FROM no_such_db.t")).contains("|User=root|").contains("|State=ERR|ErrorCode=1049|")
                .contains("|ErrorMessage=errCode = 2, detailMessage = Unknown database 'no_such_db'|")
                .contains("|ReturnRows=0|StmtId=2|IsQuery=true|");
        assertThat(lineOf("ALTER SYSTEM ADD BACKEND " + backend)).contains("|State=OK|ErrorCode=0|")
                .contains("|ReturnRows=0|").contains("|IsQuery=false|");
        await("the denied DROPP's line").atMost(Duration.ofSeconds(20))
                .until(() -> lines().stream().filter(line -> line.endsWith("|Stmt=SELECT k FROM t ORDER BY k")).count() == 1
                        && lines().stream().filter(line -> line.endsWith("|Stmt=ALTER SYSTEM DROPP BACKEND " + backend))
                                .count() == 2);
        assertThat(lines().stream().filter(line -> line.contains("|User=root|")
                && line.endsWith("|Stmt=ALTER SYSTEM DROPP BACKEND " + backend)).toList()).singleElement()
                .asString().contains("|State=OK|");
        assertThat(lineOf("ADMIN SET FRONTEND CONFIG (\"max_balancing_tablets\" = \"150\")")).contains("|State=OK|");
        assertThat(lineOf("CREATE USER 'auditor'@'%' IDENTIFIED BY '*****'")).contains("|User=root|").contains("|Db=|State=OK|")
                .doesNotContain("|Db=audit_db|");
        assertThat(lineOf("GRANT SELECT_PRIV ON audit_db.* TO 'auditor'@'%'")).contains("|State=OK|");
        assertThat(lineOf("SET PASSWORD FOR 'auditor'@'%' = PASSWORD('*****')")).contains("|State=OK|");
        assertThat(lineOf("ALTER USER 'auditor'@'%' IDENTIFIED BY '*****'")).contains("|State=OK|");
        assertThat(lineOf("CREATE USER 'other'@'%' IDENTIFIED BY '*****' garbage")).contains("|State=ERR|");
        assertThat(lineOf("SELECT k FROM t ORDER BY k")).contains("|User=auditor|").contains("|Db=audit_db|")
                .contains("|State=EOF|").contains("|ReturnRows=3|StmtId=1|IsQuery=true|");
        assertThat(lines().stream().filter(line -> line.contains("|User=auditor|")
                && line.endsWith("|Stmt=ALTER SYSTEM DROPP BACKEND " + backend)).toList()).singleElement()
                .asString().contains("|State=ERR|ErrorCode=1227|");

        String whole = Files.readString(auditFile, StandardCharsets.UTF_8);
        for (String password : PASSWORDS) {
            assertThat(whole).as("the audit log holds no password").doesNotContain(password);
        }
        assertThat(whole).as("statements of the cluster's start are there too")
                .contains("|Stmt=ALTER SYSTEM ADD BACKEND \"" + cluster.backend(0).hostPort() + "\"");
    }
}
