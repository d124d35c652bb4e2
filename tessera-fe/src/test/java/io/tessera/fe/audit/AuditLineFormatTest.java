package io.tessera.fe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The line is Doris's {@code |Key=value} shape, one line, and never holds a password. */
class AuditLineFormatTest {
    /** 2025-01-01 00:00:00.123 UTC. */
    private static final long END_MILLIS = 1_735_689_600_123L;
    private final AuditLineFormat format = new AuditLineFormat(ZoneOffset.UTC, 64, "10.0.0.1");

    private static AuditEvent ok(String statement) {
        return new AuditEvent(END_MILLIS, "127.0.0.1:51234", "root", "db1", AuditEvent.State.OK, 0, "", 5, 0, 3,
                false, true, statement);
    }

    @Test
    void writesDorisFieldsInDorisOrder() {
        assertThat(format.format(new AuditEvent(END_MILLIS, "127.0.0.1:51234", "alice", "db1", AuditEvent.State.EOF,
                0, "", 12, 2, 7, true, false, "SELECT k FROM t")))
                .isEqualTo("2025-01-01 00:00:00,123 [query] |Client=127.0.0.1:51234|User=alice|Ctl=internal|Db=db1"
                        + "|State=EOF|ErrorCode=0|ErrorMessage=|Time(ms)=12|ReturnRows=2|StmtId=7|IsQuery=true"
                        + "|feIp=10.0.0.1|Stmt=SELECT k FROM t");
        assertThat(format.format(new AuditEvent(END_MILLIS, "127.0.0.1", "root", null, AuditEvent.State.ERR,
                1049, "errCode = 2, detailMessage = Unknown database 'x'", 0, 0, 1, false, false, "USE x")))
                .isEqualTo("2025-01-01 00:00:00,123 [query] |Client=127.0.0.1|User=root|Ctl=internal|Db="
                        + "|State=ERR|ErrorCode=1049|ErrorMessage=errCode = 2, detailMessage = Unknown database 'x'"
                        + "|Time(ms)=0|ReturnRows=0|StmtId=1|IsQuery=false|feIp=10.0.0.1|Stmt=USE x");
    }

    @Test
    void masksEveryPasswordForm() {
        String created = format.format(ok("CREATE USER 'u'@'%' IDENTIFIED BY 'secret'"));
        String setOwn = format.format(ok("SET PASSWORD = PASSWORD('secret')"));
        String setFor = format.format(ok("SET PASSWORD FOR 'u'@'%' = PASSWORD('secret')"));
        String altered = format.format(ok("ALTER USER 'u'@'%' IDENTIFIED BY 'secret'"));
        assertThat(created).endsWith("|Stmt=CREATE USER 'u'@'%' IDENTIFIED BY '*****'");
        assertThat(setOwn).endsWith("|Stmt=SET PASSWORD = PASSWORD('*****')");
        assertThat(setFor).endsWith("|Stmt=SET PASSWORD FOR 'u'@'%' = PASSWORD('*****')");
        assertThat(altered).endsWith("|Stmt=ALTER USER 'u'@'%' IDENTIFIED BY '*****'");
        assertThat(created + setOwn + setFor + altered).doesNotContain("secret");
    }

    @Test
    void masksAPasswordAnErrorMessageQuotes() {
        String line = format.format(new AuditEvent(END_MILLIS, "127.0.0.1", "root", "", AuditEvent.State.ERR, 1105,
                "errCode = 2, detailMessage = \nextraneous input ''secret'' expecting <EOF>(line 1, pos 40)", 0, 0,
                1, false, true, "CREATE USER u IDENTIFIED BY 'pw' 'secret'"));
        assertThat(line).doesNotContain("secret").doesNotContain("'pw'").doesNotContain("\n")
                .contains("|ErrorMessage=errCode = 2, detailMessage =  extraneous input '*****' expecting <EOF>");
    }

    @Test
    void keepsAnEventOnOneLine() {
        assertThat(format.format(ok("SELECT 1\n\tFROM t\r\n"))).endsWith("|Stmt=SELECT 1\\n\\tFROM t\\r\\n")
                .doesNotContain("\n");
    }

    @Test
    void truncatesLongStatementsByBytesWithDorisMarker() {
        String line = format.format(ok("SELECT '" + "é".repeat(40) + "'"));
        // 64 bytes: "SELECT '" is 8, then 28 two-byte characters; never half a character.
        assertThat(line).endsWith("|Stmt=SELECT '" + "é".repeat(28)
                + " ... /* truncated. audit_plugin_max_sql_length=64 */");
        assertThat(format.format(ok("SELECT 1"))).endsWith("|Stmt=SELECT 1");
    }

    @Test
    void masksBeforeTruncating() {
        String line = format.format(ok("CREATE USER 'a_long_user_name'@'%' IDENTIFIED BY 'secret-that-is-long'"));
        assertThat(line).doesNotContain("secret").contains("IDENTIFIED BY '*****'");
    }
}
