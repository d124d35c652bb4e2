package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SET and SHOW VARIABLES, USE and information_schema.SCHEMATA through the FE's whole statement
 * path (the unit-level SessionStatementsTest drives the executors directly).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionStatementsInClusterTest {
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void setChangesOnlyTheSessionAndShowVariablesMarksIt() {
        ClusterSession session = cluster.session();
        ClusterSession other = cluster.session();
        assertThat(session.execute("SET wait_timeout = 100")).isEqualTo(OkResult.EMPTY);

        assertThat(session.rows("SHOW VARIABLES LIKE 'wait_timeout'"))
                .containsExactly(List.of("wait_timeout", "100", "28800", "1"));
        assertThat(session.rows("SHOW GLOBAL VARIABLES LIKE 'wait_timeout'"))
                .containsExactly(List.of("wait_timeout", "28800", "28800", "0"));
        assertThat(other.rows("SHOW SESSION VARIABLES WHERE Variable_name = 'wait_timeout'"))
                .containsExactly(List.of("wait_timeout", "28800", "28800", "0"));
        assertThat(session.rows("SELECT @@wait_timeout, @@session.wait_timeout, @@global.wait_timeout"))
                .containsExactly(List.of("100", "100", "28800"));
    }

    @Test
    void refusesReadOnlyUnknownAndMistypedVariables() {
        ClusterSession session = cluster.session();
        TesseraException readOnly = catchThrowableOfType(TesseraException.class,
                () -> session.execute("SET version = 'x'"));
        assertThat(readOnly.code().mysqlCode()).isEqualTo(1105);
        assertThat(readOnly.getMessage()).isEqualTo("Variable 'version' is a read only variable");
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> session.execute("SET GLOBAL nope = 1"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_SYSTEM_VARIABLE);
        assertThat(unknown.getMessage()).isEqualTo("Unknown system variable 'nope'");
        assertThat(catchThrowableOfType(TesseraException.class,
                () -> session.execute("SET SESSION wait_timeout = 'abc'")).getMessage())
                .isEqualTo("Incorrect argument type to variable 'wait_timeout'");
    }

    @Test
    void useSwitchesTheDatabaseAndNamesAMissingOne() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE used");
        assertThat(session.execute("USE used")).isEqualTo(OkResult.EMPTY);
        assertThat(session.rows("SELECT DATABASE()")).containsExactly(List.of("used"));
        TesseraException missing = catchThrowableOfType(TesseraException.class, () -> session.execute("USE nodb"));
        assertThat(missing.code()).isEqualTo(ErrorCode.BAD_DATABASE);
        assertThat(missing.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown database 'nodb'");
        assertThat(session.rows("SELECT DATABASE()")).containsExactly(List.of("used"));
    }

    @Test
    void schemataListsCreatedDatabases() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE listed");
        assertThat(session.rows("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME"))
                .contains(List.of("information_schema"), List.of("listed"), List.of("mysql"));
        assertThat(session.rows("SELECT * FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'listed'"))
                .containsExactly(Arrays.asList("internal", "listed", "utf8mb4", "utf8mb4_0900_bin", null, "NO"));
        session.execute("DROP DATABASE listed");
        assertThat(session.rows("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'listed'"))
                .isEmpty();
    }
}
