package io.tessera.fe.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import io.tessera.proto.journal.SetGlobalVariableRecord;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Session against global values of system variables and the session's time zone: {@link
 * SessionContext} and {@link SystemVariables} directly, and through an in-process FE whose manual
 * clock makes NOW() exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionVariablesTest {
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(0);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aSessionReadsGlobalValuesUntilItSetsItsOwn() {
        SystemVariables variables = new SystemVariables(ZoneId.of("Europe/Paris"));
        SessionContext session = new SessionContext(1, new UserIdentity("root", "127.0.0.1"), variables, null);
        SystemVariable waitTimeout = variables.definitionOrThrow("wait_timeout");

        assertThat(session.sessionValue(waitTimeout)).isEqualTo(variables.globalValue(waitTimeout));
        session.setSessionValue(waitTimeout, 100L);
        assertThat(session.sessionValue(waitTimeout)).isEqualTo(100L);
        assertThat(variables.globalValue(waitTimeout)).isNotEqualTo(100L);
        SessionContext fresh = new SessionContext(2, new UserIdentity("root", "127.0.0.1"), variables, null);
        assertThat(fresh.sessionValue(waitTimeout)).isEqualTo(variables.globalValue(waitTimeout));
    }

    @Test
    void timeZoneDefaultsToTheMachineZoneAndFollowsTheSession() {
        SystemVariables variables = new SystemVariables(ZoneId.of("Europe/Paris"));
        SessionContext session = new SessionContext(1, new UserIdentity("root", "127.0.0.1"), variables, null);
        assertThat(session.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        session.setSessionValue(variables.definitionOrThrow("time_zone"), "+08:00");
        assertThat(session.timeZone()).isEqualTo(ZoneId.of("+08:00"));
    }

    @Test
    void sqlModeTakesDorisModeNamesAndNumbersOnly() {
        ClusterSession root = cluster.session();
        root.execute("SET sql_mode = 'strict_trans_tables, only_full_group_by,,'");
        assertThat(root.rows("SELECT @@sql_mode")).containsExactly(List.of("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES"));
        root.execute("SET sql_mode = CONCAT(@@sql_mode, ',ANSI')");
        assertThat(root.rows("SELECT @@sql_mode")).containsExactly(List.of("PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,"
                + "ONLY_FULL_GROUP_BY,ANSI,STRICT_TRANS_TABLES,REAL_AS_FLOAT"));
        root.execute("SET sql_mode = '32'");
        assertThat(root.rows("SELECT @@sql_mode")).containsExactly(List.of("ONLY_FULL_GROUP_BY"));
        root.execute("SET sql_mode = ''");
        assertThat(root.rows("SELECT @@sql_mode")).containsExactly(List.of(""));
        for (String bad : List.of("STRICT_TRANS_TABLES,NO_SUCH_MODE", "1099511627776")) {
            TesseraException refused = catchThrowableOfType(TesseraException.class,
                    () -> root.execute("SET sql_mode = '" + bad + "'"));
            assertThat(refused.code().mysqlCode()).isEqualTo(1231);
            String key = bad.contains(",") ? bad.substring(bad.indexOf(',') + 1) : bad;
            assertThat(refused.getMessage()).isEqualTo("Variable 'sql_mode' can't be set to the value of '" + key + "'");
        }
        assertThat(root.rows("SELECT @@sql_mode")).containsExactly(List.of(""));
    }

    @Test
    void unknownVariablesAreRefusedWithMysqlsCode() {
        SystemVariables variables = new SystemVariables(ZoneId.of("UTC"));
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> variables.definitionOrThrow("no_such_thing"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_SYSTEM_VARIABLE);
        assertThat(unknown.code().mysqlCode()).isEqualTo(1193);
        assertThat(unknown.getMessage()).isEqualTo("Unknown system variable 'no_such_thing'");
        assertThat(variables.definition("no_such_thing")).isEmpty();
    }

    @Test
    void nowFollowsTheSessionTimeZoneAndTheFrontendClock() {
        ClusterSession session = cluster.session();
        assertThat(session.rows("SELECT NOW(), @@time_zone, @@system_time_zone"))
                .containsExactly(List.of("2025-01-01 08:00:00", "Asia/Shanghai", "Asia/Shanghai"));
        session.execute("SET time_zone = 'UTC'");
        assertThat(session.rows("SELECT NOW(), @@time_zone, @@global.time_zone"))
                .containsExactly(List.of("2025-01-01 00:00:00", "UTC", "Asia/Shanghai"));
        assertThat(cluster.session().rows("SELECT NOW()")).containsExactly(List.of("2025-01-01 08:00:00"));
    }

    @Test
    void setGlobalReachesNewSessionsOnly() {
        // MySQL and Doris copy the global values when a session connects.
        ClusterSession own = cluster.session();
        own.execute("SET time_zone = '-03:00'");
        ClusterSession untouched = cluster.session();
        ClusterSession setter = cluster.session();
        try {
            setter.execute("SET GLOBAL time_zone = '+01:00', GLOBAL wait_timeout = 100");
            assertThat(setter.rows("SHOW GLOBAL VARIABLES LIKE 'time_zone'"))
                    .containsExactly(List.of("time_zone", "+01:00", "Asia/Shanghai", "1"));
            assertThat(cluster.session().rows("SELECT @@time_zone, @@wait_timeout, NOW()"))
                    .containsExactly(List.of("+01:00", "100", "2025-01-01 01:00:00"));
            assertThat(own.rows("SELECT @@time_zone, @@global.time_zone")).containsExactly(List.of("-03:00", "+01:00"));
            for (ClusterSession old : List.of(untouched, setter)) {
                assertThat(old.rows("SELECT @@time_zone, @@session.time_zone, @@global.time_zone, @@wait_timeout, "
                        + "@@global.wait_timeout, NOW()")).containsExactly(List.of("Asia/Shanghai", "Asia/Shanghai",
                        "+01:00", "28800", "100", "2025-01-01 08:00:00"));
                assertThat(old.rows("SHOW VARIABLES LIKE 'wait_timeout'"))
                        .containsExactly(List.of("wait_timeout", "28800", "28800", "0"));
                assertThat(old.rows("SHOW GLOBAL VARIABLES LIKE 'wait_timeout'"))
                        .containsExactly(List.of("wait_timeout", "100", "28800", "1"));
            }
        } finally {
            setter.execute("SET GLOBAL time_zone = 'Asia/Shanghai', GLOBAL wait_timeout = 28800");
        }
    }

    @Test
    void aSessionKeepsTheGlobalValuesItConnectedWith() {
        SystemVariables variables = new SystemVariables(ZoneId.of("Europe/Paris"));
        SystemVariable waitTimeout = variables.definitionOrThrow("wait_timeout");
        SystemVariable results = variables.definitionOrThrow("character_set_results");
        SessionContext before = new SessionContext(1, new UserIdentity("root", "127.0.0.1"), variables, null);
        variables.replay(SetGlobalVariableRecord.newBuilder().setName("wait_timeout").setValue("100").build());
        variables.replay(SetGlobalVariableRecord.newBuilder().setName("character_set_results").setNullValue(true)
                .build());
        SessionContext after = new SessionContext(2, new UserIdentity("root", "127.0.0.1"), variables, null);

        assertThat(before.sessionValue(waitTimeout)).isEqualTo(28_800L);
        assertThat(before.sessionValue(results)).isEqualTo("utf8mb4");
        assertThat(after.sessionValue(waitTimeout)).isEqualTo(100L);
        assertThat(after.sessionValue(results)).isNull();
        assertThat(variables.globalValue(waitTimeout)).isEqualTo(100L);
    }

    @Test
    void timeZoneTakesWhatDorisTakesInItsStandardForm() {
        ClusterSession session = cluster.session();
        List<List<String>> accepted = List.of(
                List.of("Asia/Shanghai", "Asia/Shanghai", "2025-01-01 08:00:00"),
                List.of("America/New_York", "America/New_York", "2024-12-31 19:00:00"),
                List.of("+08:00", "+08:00", "2025-01-01 08:00:00"),
                List.of("8:00", "+08:00", "2025-01-01 08:00:00"),
                List.of("-5:30", "-05:30", "2024-12-31 18:30:00"),
                List.of("-12:00", "-12:00", "2024-12-31 12:00:00"),
                List.of("+14:00", "+14:00", "2025-01-01 14:00:00"),
                List.of("UTC", "UTC", "2025-01-01 00:00:00"),
                List.of("GMT", "GMT", "2025-01-01 00:00:00"),
                List.of("UTC+8:00", "UTC+08:00", "2025-01-01 08:00:00"),
                List.of("CST", "CST", "2025-01-01 08:00:00"),
                List.of("EST", "EST", "2024-12-31 19:00:00"),
                List.of("system", "SYSTEM", "2025-01-01 08:00:00"));
        for (List<String> zone : accepted) {
            session.execute("SET time_zone = '" + zone.get(0) + "'");
            assertThat(session.rows("SELECT @@time_zone, NOW()")).as(zone.get(0))
                    .containsExactly(List.of(zone.get(1), zone.get(2)));
        }
        session.execute("SET time_zone = 'UTC'");
        List<List<String>> refused = List.of(List.of("Mars/Base", "Mars/Base"), List.of("+25:00", "+25:00"),
                List.of("-12:30", "-12:30"), List.of("+14:01", "+14:01"), List.of("+5:60", "+05:60"),
                List.of("utc", "utc"), List.of("asia/shanghai", "asia/shanghai"), List.of("", ""),
                List.of("GMT+25:00", "GMT+25:00"));
        for (List<String> zone : refused) {
            for (String scope : List.of("", "GLOBAL ")) {
                String sql = "SET " + scope + "time_zone = '" + zone.get(0) + "'";
                TesseraException error = catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
                assertThat(error).as(sql).isNotNull();
                assertThat(error.code()).as(sql).isEqualTo(ErrorCode.UNKNOWN_TIME_ZONE);
                assertThat(error.code().mysqlCode()).isEqualTo(1298);
                assertThat(error.clientMessage()).as(sql).isEqualTo(
                        "errCode = 2, detailMessage = Unknown or incorrect time zone: '" + zone.get(1) + "'");
            }
        }
        assertThat(session.rows("SELECT @@time_zone, @@global.time_zone"))
                .containsExactly(List.of("UTC", "Asia/Shanghai"));
    }

    @Test
    void aJournaledTimeZoneThisVersionRefusesKeepsTheDefault() {
        SystemVariables variables = new SystemVariables(ZoneId.of("Europe/Paris"));
        SystemVariable timeZone = variables.definitionOrThrow("time_zone");
        variables.replay(SetGlobalVariableRecord.newBuilder().setName("time_zone").setValue("Mars/Base").build());
        assertThat(variables.globalValue(timeZone)).isEqualTo("Europe/Paris");
        variables.replay(SetGlobalVariableRecord.newBuilder().setName("time_zone").setValue("+08:00").build());
        assertThat(variables.globalValue(timeZone)).isEqualTo("+08:00");
    }

    @Test
    void readOnlyVariablesCannotBeSetInEitherScope() {
        ClusterSession session = cluster.session();
        for (String sql : List.of("SET system_time_zone = 'UTC'", "SET GLOBAL version_comment = 'x'")) {
            TesseraException refused = catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
            assertThat(refused.code().mysqlCode()).as(sql).isEqualTo(1105);
            assertThat(refused.getMessage()).as(sql).endsWith("is a read only variable");
        }
    }

    @Test
    void theFrontendClockMovesOnlyWhenAdvanced() {
        // A cluster of its own: the class's cluster keeps its clock at the start for the tests above.
        try (InProcessCluster own = InProcessCluster.start(0)) {
            ClusterSession session = own.session();
            session.execute("SET time_zone = 'UTC'");
            assertThat(session.rows("SELECT NOW()")).containsExactly(List.of("2025-01-01 00:00:00"));
            assertThat(session.rows("SELECT NOW()")).containsExactly(List.of("2025-01-01 00:00:00"));
            own.clock().advance(90, TimeUnit.MINUTES);
            assertThat(session.rows("SELECT NOW()")).containsExactly(List.of("2025-01-01 01:30:00"));
        }
    }
}
