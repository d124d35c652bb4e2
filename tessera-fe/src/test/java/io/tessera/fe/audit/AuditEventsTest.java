package io.tessera.fe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.SqlParser;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A statement's outcome as the client saw it, and which statements the audit log always keeps. */
class AuditEventsTest {
    private final SqlParser parser = new SqlParser();

    private AuditEvent finished(String sql, Object outcome) {
        io.tessera.fe.sql.ast.Statement parsed;
        try {
            parsed = parser.parse(sql);
        } catch (TesseraException e) {
            parsed = null;
        }
        return AuditEvents.finished(1, "127.0.0.1:1", "root", "db", 2, 3, sql, parsed,
                outcome instanceof Throwable ? null : (io.tessera.fe.result.QueryResult) outcome,
                outcome instanceof Throwable error ? error : null);
    }

    @Test
    void statesRowsAndErrorsAreWhatTheClientGot() {
        AuditEvent rows = finished("SELECT 1", ResultSet.of(List.of(io.tessera.fe.result.Column.varchar("c", 10)), List.of(List.of("1"), List.of("2"))));
        assertThat(rows.state()).isEqualTo(AuditEvent.State.EOF);
        assertThat(rows.returnRows()).isEqualTo(2);
        assertThat(rows.query()).isTrue();
        AuditEvent ok = finished("CREATE DATABASE d", OkResult.EMPTY);
        assertThat(ok.state()).isEqualTo(AuditEvent.State.OK);
        assertThat(ok.query()).isFalse();
        TesseraException unknown = new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database 'x'");
        AuditEvent failed = finished("USE x", new CompletionException(unknown));
        assertThat(failed.state()).isEqualTo(AuditEvent.State.ERR);
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.BAD_DATABASE.mysqlCode());
        assertThat(failed.errorMessage()).isEqualTo(unknown.clientMessage());
        AuditEvent fault = finished("SELECT 1", new NullPointerException("boom"));
        assertThat(fault.errorCode()).isEqualTo(1105);
        assertThat(fault.errorMessage()).contains("see the FE log (fe.log)").doesNotContain("NullPointer", "boom");
    }

    @Test
    void nodeConfigUserAndGrantStatementsAreAlwaysKept() {
        for (String sql : List.of("ALTER SYSTEM ADD BACKEND \"h:9050\"", "ALTER SYSTEM DROPP BACKEND \"h:9050\"",
                "ALTER SYSTEM DECOMMISSION BACKEND \"h:9050\"", "ADMIN SET FRONTEND CONFIG (\"a\" = \"1\")",
                "CREATE USER u IDENTIFIED BY 'p'", "GRANT SELECT_PRIV ON db.* TO u", "REVOKE SELECT_PRIV ON db.* FROM u",
                "SET PASSWORD = PASSWORD('p')", "SET GLOBAL time_zone = '+08:00'", "  alter system add backend",
                "GRANT nonsense")) {
            assertThat(finished(sql, OkResult.EMPTY).alwaysKept()).as(sql).isTrue();
        }
        for (String sql : List.of("SELECT 1", "SET time_zone = '+08:00'", "SHOW BACKENDS", "CREATE DATABASE d",
                "nonsense")) {
            assertThat(finished(sql, OkResult.EMPTY).alwaysKept()).as(sql).isFalse();
        }
    }
}
