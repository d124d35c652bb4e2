package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ErrorCode;
import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowVariablesStatement;
import io.tessera.fe.sql.ast.UseStatement;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What clients send on connect, through the real parser and the session executors. */
class SessionStatementsTest {
    private final SqlParser parser = new SqlParser();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final DatabaseDirectory directory = new DatabaseDirectory(() -> io.tessera.fe.catalog.CatalogSnapshot.EMPTY);
    private final SystemVariables variables = new SystemVariables(ZoneId.of("UTC"));
    private final IdGenerator ids = new IdGenerator();
    private final MetadataWriter writer = new MetadataWriter(ids, new LocalJournal(
            new ReplayDispatcher(java.util.List.of(ids, new BackendRegistry(), new Catalog(), variables))));
    private final SessionStatementExecutor sessionStatements = new SessionStatementExecutor(directory, writer, clock);
    private final SelectExecutor selects = new SelectExecutor(directory, clock);
    private final SessionContext session = new SessionContext(7, new UserIdentity("root", "127.0.0.1"), variables, null);

    @org.junit.jupiter.api.AfterEach
    void closeWriter() {
        writer.close();
    }

    private ResultSet select(String sql) {
        return selects.execute((SelectStatement) parser.parse(sql), session);
    }

    private void set(String sql) {
        sessionStatements.set((SetStatement) parser.parse(sql), session);
    }

    @Test
    void answersConnectorJsConnectQueryByAlias() {
        ResultSet result = select("/* mysql-connector-j-9.5.0 */SELECT  @@session.auto_increment_increment AS "
                + "auto_increment_increment, @@character_set_client AS character_set_client, @@license AS license, "
                + "@@max_allowed_packet AS max_allowed_packet, @@tx_isolation AS transaction_isolation, "
                + "@@performance_schema AS performance_schema, @@time_zone AS time_zone");
        assertThat(result.columns()).extracting(c -> c.name()).containsExactly("auto_increment_increment",
                "character_set_client", "license", "max_allowed_packet", "transaction_isolation",
                "performance_schema", "time_zone");
        assertThat(result.columns().get(0).type()).isEqualTo(ColumnType.BIGINT);
        assertThat(result.rows()).containsExactly(List.of("1", "utf8mb4", "Apache License, Version 2.0",
                "67108864", "REPEATABLE-READ", "0", "UTC"));
    }

    @Test
    void namesUnaliasedColumnsAfterTheirText() {
        ResultSet result = select("select @@version_comment limit 1");
        assertThat(result.columns().get(0).name()).isEqualTo("@@version_comment");
        assertThat(result.rows().get(0).get(0)).startsWith("Tessera version ");
        assertThat(select("SELECT DATABASE(), VERSION(), CONNECTION_ID(), 1 + 1, NOW()").rows())
                .containsExactly(java.util.Arrays.asList(null, "5.7.99", "7", "2", "2023-11-14 22:13:20"));
    }

    @Test
    void setsVariablesLikeMariadbConnectorJ() {
        set("set autocommit=1, sql_mode=CONCAT(@@sql_mode,',STRICT_TRANS_TABLES'),session_track_system_variables "
                + "= CONCAT(@@global.session_track_system_variables,',tx_isolation'),NAMES utf8mb4");
        assertThat(select("SELECT @@sql_mode, @@session_track_system_variables, @@autocommit, @@character_set_results")
                .rows()).containsExactly(List.of("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES", ",tx_isolation", "1",
                "utf8mb4"));
        set("SET character_set_results = NULL, autocommit = OFF");
        assertThat(select("SELECT @@character_set_results, @@autocommit").rows())
                .containsExactly(java.util.Arrays.asList(null, "0"));
        set("SET @x = 5");
        assertThat(select("SELECT @x * 2, @unset").rows()).containsExactly(java.util.Arrays.asList("10", null));
    }

    @Test
    void refusesUnknownAndReadOnlyVariables() {
        assertThatThrownBy(() -> set("SET no_such_thing = 1"))
                .isInstanceOfSatisfying(TesseraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SYSTEM_VARIABLE);
                    assertThat(e.getMessage()).isEqualTo("Unknown system variable 'no_such_thing'");
                });
        assertThatThrownBy(() -> set("SET version_comment = 'x'"))
                .hasMessage("Variable 'version_comment' is a read only variable");
        assertThatThrownBy(() -> set("SET autocommit = 'maybe'"))
                .hasMessage("Variable 'autocommit' can't be set to the value of 'maybe'");
        assertThatThrownBy(() -> select("SELECT @@nope")).hasMessage("Unknown system variable 'nope'");
    }

    @Test
    void setChecksTypeRangeAndAllowedValues() {
        assertSetError("SET wait_timeout = 1.5", ErrorCode.WRONG_TYPE_FOR_VARIABLE,
                "Incorrect argument type to variable 'wait_timeout'");
        assertSetError("SET wait_timeout = 'abc'", ErrorCode.WRONG_TYPE_FOR_VARIABLE,
                "Incorrect argument type to variable 'wait_timeout'");
        assertSetError("SET wait_timeout = 0", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "Variable 'wait_timeout' can't be set to the value of '0'");
        assertSetError("SET max_allowed_packet = 10", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "Variable 'max_allowed_packet' can't be set to the value of '10'");
        assertSetError("SET sql_select_limit = -1", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "Variable 'sql_select_limit' can't be set to the value of '-1'");
        assertSetError("SET query_timeout = 0", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "query_timeout can not be set to 0, it must be greater than 0");
        assertSetError("SET insert_timeout = -5", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "insert_timeout can not be set to -5, it must be greater than 0");
        assertSetError("SET transaction_isolation = 'chaos'", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "Variable 'transaction_isolation' can't be set to the value of 'chaos'");
        assertSetError("SET autocommit = 2", ErrorCode.WRONG_VALUE_FOR_VARIABLE,
                "Variable 'autocommit' can't be set to the value of '2'");
        assertSetError("SET time_zone = 'Mars/Base'", ErrorCode.UNKNOWN_TIME_ZONE,
                "Unknown or incorrect time zone: 'Mars/Base'");
        assertThat(ErrorCode.WRONG_VALUE_FOR_VARIABLE.mysqlCode()).isEqualTo(1231);
        assertThat(ErrorCode.WRONG_TYPE_FOR_VARIABLE.mysqlCode()).isEqualTo(1232);

        set("SET transaction_isolation = 'read-committed'");
        set("SET query_timeout = 1");
        set("SET wait_timeout = 31536000");
        assertThat(select("SELECT @@transaction_isolation, @@query_timeout, @@wait_timeout").rows())
                .containsExactly(List.of("READ-COMMITTED", "1", "31536000"));
    }

    private void assertSetError(String sql, ErrorCode code, String message) {
        assertThatThrownBy(() -> set(sql)).as(sql)
                .isInstanceOfSatisfying(TesseraException.class, e -> {
                    assertThat(e.code()).as(sql).isEqualTo(code);
                    assertThat(e.getMessage()).as(sql).isEqualTo(message);
                });
    }

    @Test
    void showVariablesFiltersAndMarksChanges() {
        set("SET wait_timeout = 100");
        ResultSet result = sessionStatements.showVariables(
                (ShowVariablesStatement) parser.parse("SHOW VARIABLES LIKE 'WAIT%'"), session);
        assertThat(result.rows()).containsExactly(List.of("wait_timeout", "100", "28800", "1"));
        ResultSet global = sessionStatements.showVariables(
                (ShowVariablesStatement) parser.parse("SHOW GLOBAL VARIABLES WHERE Variable_name = 'wait_timeout'"),
                session);
        assertThat(global.rows()).containsExactly(List.of("wait_timeout", "28800", "28800", "0"));
    }

    @Test
    void setGlobalIsJournaledAndSeenByNewSessions() {
        set("SET GLOBAL wait_timeout = 100, SESSION sql_safe_updates = ON");

        assertThat(variables.globalImage()).extracting(r -> r.getName() + "=" + r.getValue())
                .containsExactly("wait_timeout=100");
        SessionContext next = new SessionContext(8, new UserIdentity("root", "127.0.0.1"), variables, null);
        ResultSet result = sessionStatements.showVariables(
                (ShowVariablesStatement) parser.parse("SHOW VARIABLES LIKE 'wait_timeout'"), next);
        assertThat(result.rows()).containsExactly(List.of("wait_timeout", "100", "28800", "1"));
        assertThatThrownBy(() -> set("SET GLOBAL query_timeout = 5, GLOBAL autocommit = 'maybe'"))
                .hasMessageContaining("autocommit");
        assertThat(variables.globalImage()).extracting(r -> r.getName()).containsExactly("wait_timeout");
        set("SET GLOBAL query_timeout = 5, GLOBAL sql_safe_updates = 1");
        assertThat(variables.globalImage()).extracting(r -> r.getName())
                .containsExactly("query_timeout", "sql_safe_updates", "wait_timeout");
        assertThat(SessionStatementExecutor.needsJournal((SetStatement) parser.parse("SET GLOBAL x = 1"))).isTrue();
        assertThat(SessionStatementExecutor.needsJournal((SetStatement) parser.parse("SET x = 1, @u = 2"))).isFalse();
    }

    @Test
    void useAndInformationSchema() {
        assertThatThrownBy(() -> sessionStatements.use((UseStatement) parser.parse("USE nodb"), session))
                .isInstanceOfSatisfying(TesseraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_DATABASE);
                    assertThat(e.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown database 'nodb'");
                });
        assertThatThrownBy(() -> sessionStatements.showTables((ShowTablesStatement) parser.parse("SHOW TABLES"),
                session)).hasMessage("No database selected");
        sessionStatements.use((UseStatement) parser.parse("USE INFORMATION_SCHEMA"), session);
        assertThat(session.database()).isEqualTo("information_schema");
        assertThat(select("SELECT SCHEMA_NAME TABLE_CAT FROM INFORMATION_SCHEMA.SCHEMATA  ORDER BY SCHEMA_NAME DESC")
                .rows()).containsExactly(List.of("mysql"), List.of("information_schema"));
        assertThat(select("SELECT * FROM schemata WHERE SCHEMA_NAME LIKE 'my%'").rows())
                .containsExactly(java.util.Arrays.asList("internal", "mysql", "utf8mb4", "utf8mb4_0900_bin", null,
                        "NO"));
        assertThat(sessionStatements.fieldList("SCHEMATA", session)).extracting(c -> c.name())
                .contains("SCHEMA_NAME");
        assertThatThrownBy(() -> select("SELECT * FROM nope")).hasMessage("Unknown table 'nope'");
    }
}
