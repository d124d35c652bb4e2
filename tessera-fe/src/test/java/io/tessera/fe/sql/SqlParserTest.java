package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.AddBackendStatement;
import io.tessera.fe.sql.ast.BetweenExpression;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.CancelDecommissionBackendStatement;
import io.tessera.fe.sql.ast.PauseDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ResumeDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.DropBackendStatement;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.InListExpression;
import io.tessera.fe.sql.ast.IsNullExpression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.ModifyBackendStatement;
import io.tessera.fe.sql.ast.NegateExpression;
import io.tessera.fe.sql.ast.NotExpression;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.SetNames;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.SetSystemVariable;
import io.tessera.fe.sql.ast.SetUserVariable;
import io.tessera.fe.sql.ast.ShowBackendsStatement;
import io.tessera.fe.sql.ast.ShowDatabasesStatement;
import io.tessera.fe.sql.ast.ShowProcStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowVariablesStatement;
import io.tessera.fe.sql.ast.ShowWarningsStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.SystemVariableRef;
import io.tessera.fe.sql.ast.TableRef;
import io.tessera.fe.sql.ast.UseStatement;
import io.tessera.fe.sql.ast.UserVariableRef;
import io.tessera.fe.sql.ast.VariableScope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlParserTest {
    private static final String MYSQL_CONNECTOR_J_CONNECT_QUERY =
            "/* mysql-connector-j-9.5.0 (Revision: a7b3c94f50efbddb9f0dd69b3e0d1aaa25305cd6) */SELECT "
            + " @@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS "
            + "character_set_client, @@character_set_connection AS character_set_connection, "
            + "@@character_set_results AS character_set_results, @@character_set_server AS character_set_server, "
            + "@@collation_server AS collation_server, @@collation_connection AS collation_connection, "
            + "@@init_connect AS init_connect, @@interactive_timeout AS interactive_timeout, @@license AS license, "
            + "@@lower_case_table_names AS lower_case_table_names, @@max_allowed_packet AS max_allowed_packet, "
            + "@@net_write_timeout AS net_write_timeout, @@performance_schema AS performance_schema, "
            + "@@query_cache_size AS query_cache_size, @@query_cache_type AS query_cache_type, "
            + "@@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, @@time_zone AS time_zone, "
            + "@@tx_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout";

    private static final String MARIADB_CONNECTOR_J_SET =
            "set autocommit=1,sql_mode=CONCAT(@@sql_mode,',STRICT_TRANS_TABLES'),"
            + "session_track_system_variables = CONCAT(@@global.session_track_system_variables,"
            + "',tx_isolation,auto_increment_increment'),NAMES utf8mb4";

    private final SqlParser parser = new SqlParser();

    // ----------------------------------------------------------------------------------------
    // Helpers.
    // ----------------------------------------------------------------------------------------

    private Statement parse(String sql) {
        return parser.parse(sql);
    }

    private SelectStatement select(String sql) {
        return (SelectStatement) parse(sql);
    }

    /** The expression of {@code SELECT <text>}. */
    private Expression expression(String text) {
        SelectStatement select = select("SELECT " + text);
        assertThat(select.items()).hasSize(1);
        return select.items().get(0).expression();
    }

    private static Literal literal(Object value) {
        return new Literal(value);
    }

    private static ColumnRef column(String name) {
        return new ColumnRef(null, name);
    }

    private static BinaryOperation binary(BinaryOperator operator, Expression left, Expression right) {
        return new BinaryOperation(operator, left, right);
    }

    private static FunctionCall function(String name, Expression... arguments) {
        return new FunctionCall(name, List.of(arguments), false, false);
    }

    private static SystemVariableRef systemVariable(VariableScope scope, String name) {
        return new SystemVariableRef(scope, name);
    }

    private static SelectStatement selectOnly(SelectItem... items) {
        return new SelectStatement(List.of(items), null, null, List.of(), List.of(), null, null);
    }

    private static SelectItem item(Expression expression, String alias, String text) {
        return new SelectItem(expression, alias, text, null);
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            result.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return result;
    }

    private void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> parse(sql))
                .isInstanceOf(TesseraException.class)
                .hasMessageMatching("(?s)\n.*\\(line \\d+, pos \\d+\\)");
    }

    // ----------------------------------------------------------------------------------------
    // ALTER SYSTEM ... BACKEND, CANCEL DECOMMISSION.
    // ----------------------------------------------------------------------------------------

    @Nested
    class Backends {
        @Test
        void dropBackendSeedExamples() {
            assertThat(parse("ALTER SYSTEM DROP BACKEND \"127.0.0.1:9050\";"))
                    .isEqualTo(new DropBackendStatement(List.of("127.0.0.1:9050"), false));
            assertThat(parse("ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\", \"127.0.0.2:9050\";"))
                    .isEqualTo(new DropBackendStatement(List.of("127.0.0.1:9050", "127.0.0.2:9050"), true));
            assertThat(parse("ALTER SYSTEM DROPP BACKEND \"10002\";"))
                    .isEqualTo(new DropBackendStatement(List.of("10002"), true));
        }

        @Test
        void emptyBackendListIsASyntaxError() {
            assertSyntaxError("ALTER SYSTEM DROP BACKEND");
            assertSyntaxError("ALTER SYSTEM DROPP BACKEND ;");
            assertSyntaxError("ALTER SYSTEM ADD BACKEND PROPERTIES (\"a\" = \"b\")");
            assertSyntaxError("ALTER SYSTEM DECOMMISSION BACKEND");
            assertSyntaxError("CANCEL DECOMMISSION BACKEND");
            assertSyntaxError("ALTER SYSTEM MODIFY BACKEND SET (\"a\" = \"b\")");
            assertSyntaxError("ALTER SYSTEM DROP BACKEND \"a\",");
        }

        @Test
        void identifiersKeptExactlyAsWritten() {
            assertThat(parse("ALTER SYSTEM ADD BACKEND \"  h : 9050 \", 'Host:1'"))
                    .isEqualTo(new AddBackendStatement(List.of("  h : 9050 ", "Host:1"), Map.of()));
        }

        @Test
        void addBackendWithProperties() {
            AddBackendStatement statement = (AddBackendStatement) parse(
                    "alter system add backend 'h1:9050' PROPERTIES (\"tag.location\" = \"a\", 'z' = 'last', "
                    + "\"b\" = \"1\", \"z\" = \"again\")");
            assertThat(statement.identifiers()).containsExactly("h1:9050");
            assertThat(statement.properties()).containsExactly(
                    Map.entry("tag.location", "a"), Map.entry("z", "again"), Map.entry("b", "1"));
            assertSyntaxError("ALTER SYSTEM ADD BACKEND 'h:1' PROPERTIES ()");
            assertSyntaxError("ALTER SYSTEM ADD BACKEND 'h:1' PROPERTIES ('a')");
        }

        @Test
        void decommissionAndCancel() {
            assertThat(parse("ALTER SYSTEM DECOMMISSION BACKEND \"h:1\", '10003'"))
                    .isEqualTo(new DecommissionBackendStatement(List.of("h:1", "10003")));
            assertThat(parse("cancel decommission backend 'h:1'"))
                    .isEqualTo(new CancelDecommissionBackendStatement(List.of("h:1")));
        }

        @Test
        void pauseAndResumeDecommission() {
            assertThat(parse("ALTER SYSTEM PAUSE DECOMMISSION BACKEND \"h:1\", '10003'"))
                    .isEqualTo(new PauseDecommissionBackendStatement(List.of("h:1", "10003")));
            assertThat(parse("alter system resume decommission backend 'h:1';"))
                    .isEqualTo(new ResumeDecommissionBackendStatement(List.of("h:1")));
            assertThat(parse("Alter System Pause Decommission Backend '10003'"))
                    .isEqualTo(new PauseDecommissionBackendStatement(List.of("10003")));
            assertSyntaxError("ALTER SYSTEM PAUSE DECOMMISSION BACKEND");
            assertSyntaxError("ALTER SYSTEM RESUME BACKEND 'h:1'");
            assertSyntaxError("PAUSE DECOMMISSION BACKEND 'h:1'");
        }

        @Test
        void pauseAndResumeStayUsableAsIdentifiers() {
            SelectStatement statement = select("SELECT pause, resume FROM pause.resume");
            assertThat(statement.items()).extracting(SelectItem::expression)
                    .containsExactly(column("pause"), column("resume"));
            assertThat(statement.from()).isEqualTo(new TableRef("pause", "resume", null));
        }

        @Test
        void modifyBackend() {
            assertThat(parse("ALTER SYSTEM MODIFY BACKEND \"h:1\", \"h:2\" SET (\"tag.location\" = \"g\", 'k' = 'v')"))
                    .isEqualTo(new ModifyBackendStatement(List.of("h:1", "h:2"), map("tag.location", "g", "k", "v")));
            assertSyntaxError("ALTER SYSTEM MODIFY BACKEND \"h:1\" SET ()");
            assertSyntaxError("ALTER SYSTEM MODIFY BACKEND \"h:1\"");
        }

        @Test
        void dropIsNotDropp() {
            assertSyntaxError("ALTER SYSTEM DROPPP BACKEND 'a'");
            assertThat(((DropBackendStatement) parse("alter SYSTEM dRoPp backend 'a'")).force()).isTrue();
        }
    }

    // ----------------------------------------------------------------------------------------
    // SHOW and USE.
    // ----------------------------------------------------------------------------------------

    @Nested
    class ShowAndUse {
        @Test
        void showBackendsAndProc() {
            assertThat(parse("SHOW BACKENDS")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("show proc '/backends'")).isEqualTo(new ShowProcStatement("/backends"));
            assertThat(parse("SHOW PROC \"/\"")).isEqualTo(new ShowProcStatement("/"));
            assertSyntaxError("SHOW PROC");
        }

        @Test
        void showVariables() {
            assertThat(parse("SHOW VARIABLES")).isEqualTo(new ShowVariablesStatement(null, null, null));
            assertThat(parse("show global variables like 'time%'"))
                    .isEqualTo(new ShowVariablesStatement(VariableScope.GLOBAL, "time%", null));
            assertThat(parse("SHOW SESSION VARIABLES LIKE \"x\""))
                    .isEqualTo(new ShowVariablesStatement(VariableScope.SESSION, "x", null));
            assertThat(parse("SHOW LOCAL VARIABLES"))
                    .isEqualTo(new ShowVariablesStatement(VariableScope.SESSION, null, null));
            assertThat(parse("SHOW VARIABLES WHERE Variable_name in ('system_time_zone','time_zone')"))
                    .isEqualTo(new ShowVariablesStatement(null, null, new InListExpression(column("Variable_name"),
                            List.of(literal("system_time_zone"), literal("time_zone")), false)));
            assertSyntaxError("SHOW VARIABLES LIKE 'a' WHERE 1");
        }

        @Test
        void showDatabases() {
            assertThat(parse("SHOW DATABASES")).isEqualTo(new ShowDatabasesStatement(null));
            assertThat(parse("show schemas")).isEqualTo(new ShowDatabasesStatement(null));
            assertThat(parse("SHOW DATABASES LIKE 'd%'")).isEqualTo(new ShowDatabasesStatement("d%"));
            assertThat(parse("SHOW SCHEMAS LIKE \"d%\"")).isEqualTo(new ShowDatabasesStatement("d%"));
        }

        @Test
        void showTables() {
            assertThat(parse("SHOW TABLES")).isEqualTo(new ShowTablesStatement(false, null, null));
            assertThat(parse("SHOW FULL TABLES")).isEqualTo(new ShowTablesStatement(true, null, null));
            assertThat(parse("show tables from db1")).isEqualTo(new ShowTablesStatement(false, "db1", null));
            assertThat(parse("SHOW FULL TABLES IN `My Db` LIKE 't%'"))
                    .isEqualTo(new ShowTablesStatement(true, "My Db", "t%"));
            assertThat(parse("SHOW TABLES LIKE 't'")).isEqualTo(new ShowTablesStatement(false, null, "t"));
        }

        @Test
        void showWarningsAndErrors() {
            assertThat(parse("SHOW WARNINGS")).isEqualTo(new ShowWarningsStatement(false));
            assertThat(parse("show errors;")).isEqualTo(new ShowWarningsStatement(true));
        }

        @Test
        void use() {
            assertThat(parse("USE db1")).isEqualTo(new UseStatement(null, "db1"));
            assertThat(parse("use internal.Db1;")).isEqualTo(new UseStatement("internal", "Db1"));
            assertThat(parse("USE `weird db`.`x`")).isEqualTo(new UseStatement("weird db", "x"));
            assertThat(parse("USE tables")).isEqualTo(new UseStatement(null, "tables"));
            assertSyntaxError("USE");
            assertSyntaxError("USE a.b.c");
        }
    }

    // ----------------------------------------------------------------------------------------
    // SET.
    // ----------------------------------------------------------------------------------------

    @Nested
    class SetStatements {
        private SetStatement set(String sql) {
            return (SetStatement) parse(sql);
        }

        @Test
        void mariaDbConnectorSet() {
            assertThat(set(MARIADB_CONNECTOR_J_SET)).isEqualTo(new SetStatement(List.of(
                    new SetSystemVariable(null, "autocommit", literal(1L)),
                    new SetSystemVariable(null, "sql_mode", function("concat",
                            systemVariable(null, "sql_mode"), literal(",STRICT_TRANS_TABLES"))),
                    new SetSystemVariable(null, "session_track_system_variables", function("concat",
                            systemVariable(VariableScope.GLOBAL, "session_track_system_variables"),
                            literal(",tx_isolation,auto_increment_increment"))),
                    new SetNames("utf8mb4", null))));
        }

        @Test
        void briefExample() {
            SetStatement statement = set("set autocommit=1, sql_mode=CONCAT(@@sql_mode,',STRICT_TRANS_TABLES'),"
                    + "session_track_system_variables = CONCAT(@@global.session_track_system_variables,"
                    + "',tx_isolation'),NAMES utf8mb4");
            assertThat(statement.items()).hasSize(4);
            assertThat(statement.items().get(3)).isEqualTo(new SetNames("utf8mb4", null));
        }

        @Test
        void scopesAndNames() {
            assertThat(set("SET GLOBAL Wait_Timeout = 10, SESSION a = 1, LOCAL b = 2, c := 3").items()).containsExactly(
                    new SetSystemVariable(VariableScope.GLOBAL, "wait_timeout", literal(10L)),
                    new SetSystemVariable(VariableScope.SESSION, "a", literal(1L)),
                    new SetSystemVariable(VariableScope.SESSION, "b", literal(2L)),
                    new SetSystemVariable(null, "c", literal(3L)));
            assertThat(set("SET @@X = 1, @@global.Y = 2, @@session.z = 3, @@LOCAL.w = 4").items()).containsExactly(
                    new SetSystemVariable(null, "x", literal(1L)),
                    new SetSystemVariable(VariableScope.GLOBAL, "y", literal(2L)),
                    new SetSystemVariable(VariableScope.SESSION, "z", literal(3L)),
                    new SetSystemVariable(VariableScope.SESSION, "w", literal(4L)));
        }

        @Test
        void defaultNullAndExpressions() {
            assertThat(set("SET character_set_results = NULL").items())
                    .containsExactly(new SetSystemVariable(null, "character_set_results", Literal.NULL));
            assertThat(set("SET sql_mode = DEFAULT, @@global.x = default").items()).containsExactly(
                    new SetSystemVariable(null, "sql_mode", new DefaultValue()),
                    new SetSystemVariable(VariableScope.GLOBAL, "x", new DefaultValue()));
            assertThat(set("SET time_zone = '+08:00', autocommit = ON, x = -1").items()).containsExactly(
                    new SetSystemVariable(null, "time_zone", literal("+08:00")),
                    new SetSystemVariable(null, "autocommit", column("ON")),
                    new SetSystemVariable(null, "x", literal(-1L)));
        }

        @Test
        void userVariables() {
            assertThat(set("SET @MyVar = 1, @b := 'x', @'quoted name' = @@version, @`bq` = @MyVar").items())
                    .containsExactly(
                            new SetUserVariable("myvar", literal(1L)),
                            new SetUserVariable("b", literal("x")),
                            new SetUserVariable("quoted name", systemVariable(null, "version")),
                            new SetUserVariable("bq", new UserVariableRef("myvar")));
        }

        @Test
        void namesAndCharacterSet() {
            assertThat(set("SET NAMES utf8mb4 COLLATE utf8mb4_general_ci").items())
                    .containsExactly(new SetNames("utf8mb4", "utf8mb4_general_ci"));
            assertThat(set("set names 'utf8' collate \"utf8_bin\"").items()).containsExactly(new SetNames("utf8", "utf8_bin"));
            assertThat(set("SET NAMES DEFAULT").items()).containsExactly(new SetNames(null, null));
            assertThat(set("SET CHARACTER SET latin1, CHARSET 'utf8mb4', CHARSET DEFAULT").items()).containsExactly(
                    new SetNames("latin1", null), new SetNames("utf8mb4", null), new SetNames(null, null));
            assertSyntaxError("SET NAMES");
        }

        @Test
        void keywordsAsVariableNames() {
            assertThat(set("SET names = 1, global = 2, session session = 3, tables = 4").items()).containsExactly(
                    new SetSystemVariable(null, "names", literal(1L)),
                    new SetSystemVariable(null, "global", literal(2L)),
                    new SetSystemVariable(VariableScope.SESSION, "session", literal(3L)),
                    new SetSystemVariable(null, "tables", literal(4L)));
        }

        @Test
        void malformed() {
            assertSyntaxError("SET");
            assertSyntaxError("SET a");
            assertSyntaxError("SET a = ");
            assertSyntaxError("SET a = 1,");
            assertSyntaxError("SET @a = DEFAULT");
        }
    }

    // ----------------------------------------------------------------------------------------
    // SELECT.
    // ----------------------------------------------------------------------------------------

    @Nested
    class SelectStatements {
        @Test
        void simpleSelects() {
            assertThat(select("SELECT 1")).isEqualTo(selectOnly(item(literal(1L), null, "1")));
            assertThat(select("select @@version_comment limit 1")).isEqualTo(new SelectStatement(
                    List.of(item(systemVariable(null, "version_comment"), null, "@@version_comment")),
                    null, null, List.of(), List.of(), 1L, null));
            assertThat(select("SELECT DATABASE()")).isEqualTo(selectOnly(item(function("database"), null, "DATABASE()")));
            assertThat(select("SELECT VERSION()")).isEqualTo(selectOnly(item(function("version"), null, "VERSION()")));
            assertThat(select("SELECT CONNECTION_ID()"))
                    .isEqualTo(selectOnly(item(function("connection_id"), null, "CONNECTION_ID()")));
            assertThat(select("SELECT CURRENT_USER()"))
                    .isEqualTo(selectOnly(item(function("current_user"), null, "CURRENT_USER()")));
            assertThat(select("SELECT CURRENT_USER")).isEqualTo(selectOnly(item(function("current_user"), null, "CURRENT_USER")));
            assertThat(select("SELECT NOW()")).isEqualTo(selectOnly(item(function("now"), null, "NOW()")));
            assertThat(expression("current_timestamp")).isEqualTo(function("current_timestamp"));
            assertThat(expression("CURRENT_DATE")).isEqualTo(function("current_date"));
            assertThat(expression("CURRENT_TIMESTAMP(3)")).isEqualTo(function("current_timestamp", literal(3L)));
        }

        @Test
        void aliasWithoutAs() {
            assertThat(select("SELECT SCHEMA_NAME TABLE_CAT FROM INFORMATION_SCHEMA.SCHEMATA  ORDER BY SCHEMA_NAME"))
                    .isEqualTo(new SelectStatement(
                            List.of(item(column("SCHEMA_NAME"), "TABLE_CAT", "SCHEMA_NAME")),
                            new TableRef("INFORMATION_SCHEMA", "SCHEMATA", null), null, List.of(),
                            List.of(new OrderItem(column("SCHEMA_NAME"), false)), null, null));
        }

        @Test
        void aliases() {
            assertThat(select("SELECT 1 AS one, 2 two, 3 'three', 4 AS \"four\", 5 AS `fi ve`, 6 status, 7 AS names").items())
                    .extracting(SelectItem::alias)
                    .containsExactly("one", "two", "three", "four", "fi ve", "status", "names");
        }

        @Test
        void mysqlConnectorConnectQuery() {
            SelectStatement statement = select(MYSQL_CONNECTOR_J_CONNECT_QUERY);
            assertThat(statement.items()).hasSize(21);
            assertThat(statement.items().get(0)).isEqualTo(item(
                    systemVariable(VariableScope.SESSION, "auto_increment_increment"),
                    "auto_increment_increment", "@@session.auto_increment_increment"));
            assertThat(statement.items().get(9)).isEqualTo(item(systemVariable(null, "license"), "license", "@@license"));
            assertThat(statement.items().get(13)).isEqualTo(
                    item(systemVariable(null, "performance_schema"), "performance_schema", "@@performance_schema"));
            assertThat(statement.items().get(18)).isEqualTo(item(systemVariable(null, "time_zone"), "time_zone", "@@time_zone"));
            assertThat(statement.items().get(19)).isEqualTo(
                    item(systemVariable(null, "tx_isolation"), "transaction_isolation", "@@tx_isolation"));
            assertThat(statement.from()).isNull();
            assertThat(statement.limit()).isNull();
        }

        @Test
        void mariaDbConnectorQueries() {
            assertThat(select("SELECT @@time_zone, @@system_time_zone")).isEqualTo(selectOnly(
                    item(systemVariable(null, "time_zone"), null, "@@time_zone"),
                    item(systemVariable(null, "system_time_zone"), null, "@@system_time_zone")));
            assertThat(select("SELECT @@auto_increment_increment"))
                    .isEqualTo(selectOnly(item(systemVariable(null, "auto_increment_increment"), null,
                            "@@auto_increment_increment")));
            assertThat(parse("set time_zone='+00:00',@@session.transaction_isolation='READ-COMMITTED',"
                    + "@@session.transaction_read_only=1")).isEqualTo(new SetStatement(List.of(
                    new SetSystemVariable(null, "time_zone", literal("+00:00")),
                    new SetSystemVariable(VariableScope.SESSION, "transaction_isolation", literal("READ-COMMITTED")),
                    new SetSystemVariable(VariableScope.SESSION, "transaction_read_only", literal(1L)))));
        }

        @Test
        void stars() {
            assertThat(select("SELECT * FROM t").items()).containsExactly(new SelectItem(null, null, "*", null));
            assertThat(select("SELECT t.*, `u`.* FROM t").items()).containsExactly(
                    new SelectItem(null, null, "t.*", "t"), new SelectItem(null, null, "`u`.*", "u"));
            assertThat(select("SELECT COUNT(*) FROM t").items())
                    .containsExactly(item(new FunctionCall("count", List.of(), false, true), null, "COUNT(*)"));
        }

        @Test
        void fullClauses() {
            SelectStatement statement = select("SELECT a, COUNT(DISTINCT b) AS n FROM db.t x WHERE a > 1 "
                    + "GROUP BY a, c ORDER BY n DESC, a ASC, c LIMIT 5, 10");
            assertThat(statement).isEqualTo(new SelectStatement(
                    List.of(item(column("a"), null, "a"),
                            item(new FunctionCall("count", List.of(column("b")), true, false), "n", "COUNT(DISTINCT b)")),
                    new TableRef("db", "t", "x"),
                    binary(BinaryOperator.GREATER_THAN, column("a"), literal(1L)),
                    List.of(column("a"), column("c")),
                    List.of(new OrderItem(column("n"), true), new OrderItem(column("a"), false),
                            new OrderItem(column("c"), false)),
                    10L, 5L));
        }

        @Test
        void limitForms() {
            assertThat(select("SELECT 1 LIMIT 3").limit()).isEqualTo(3L);
            assertThat(select("SELECT 1 LIMIT 3").offset()).isNull();
            SelectStatement commaForm = select("SELECT 1 LIMIT 7, 3");
            assertThat(List.of(commaForm.limit(), commaForm.offset())).containsExactly(3L, 7L);
            SelectStatement offsetForm = select("SELECT 1 LIMIT 3 OFFSET 7");
            assertThat(List.of(offsetForm.limit(), offsetForm.offset())).containsExactly(3L, 7L);
            assertSyntaxError("SELECT 1 LIMIT");
            assertSyntaxError("SELECT 1 LIMIT -1");
            assertThatThrownBy(() -> parse("SELECT 1 LIMIT 99999999999999999999"))
                    .isInstanceOf(TesseraException.class).hasMessageContaining("LIMIT");
        }

        @Test
        void tableReferences() {
            assertThat(select("SELECT a FROM t").from()).isEqualTo(new TableRef(null, "t", null));
            assertThat(select("SELECT a FROM t AS u").from()).isEqualTo(new TableRef(null, "t", "u"));
            assertThat(select("SELECT a FROM `d b`.`t`").from()).isEqualTo(new TableRef("d b", "t", null));
            assertThat(select("SELECT a FROM tables backends").from()).isEqualTo(new TableRef(null, "tables", "backends"));
        }

        @Test
        void selectItemTextIsTheExactSource() {
            SelectStatement statement = select("SELECT  a +  1 AS x, /*c*/ CONCAT( 'a' , \"b\" ) y, `q`.`r`, -2");
            assertThat(statement.items()).extracting(SelectItem::text)
                    .containsExactly("a +  1", "CONCAT( 'a' , \"b\" )", "`q`.`r`", "-2");
        }

        @Test
        void keywordsUsableAsIdentifiers() {
            SelectStatement statement = select("SELECT status, tables, names, variables, system, proc, backends, "
                    + "full, global, session, offset FROM system.proc");
            assertThat(statement.items()).extracting(SelectItem::expression).containsExactly(
                    column("status"), column("tables"), column("names"), column("variables"), column("system"),
                    column("proc"), column("backends"), column("full"), column("global"), column("session"),
                    column("offset"));
            assertThat(statement.from()).isEqualTo(new TableRef("system", "proc", null));
        }

        @Test
        void malformed() {
            assertSyntaxError("SELECT");
            assertSyntaxError("SELECT 1,");
            assertSyntaxError("SELECT 1 FROM");
            assertSyntaxError("SELECT * FROM t WHERE");
            assertSyntaxError("SELECT a FROM t ORDER a");
            assertSyntaxError("SELECT 1 2");
            assertSyntaxError("SELECT (1");
            assertSyntaxError("SELECT 1 FROM a.b.c");
        }
    }

    // ----------------------------------------------------------------------------------------
    // Expressions.
    // ----------------------------------------------------------------------------------------

    @Nested
    class Expressions {
        @Test
        void arithmeticPrecedence() {
            assertThat(expression("1 + 2 * 3 - 4 / 5 % 6")).isEqualTo(binary(BinaryOperator.SUBTRACT,
                    binary(BinaryOperator.ADD, literal(1L), binary(BinaryOperator.MULTIPLY, literal(2L), literal(3L))),
                    binary(BinaryOperator.MODULO, binary(BinaryOperator.DIVIDE, literal(4L), literal(5L)), literal(6L))));
            assertThat(expression("(1 + 2) * 3")).isEqualTo(binary(BinaryOperator.MULTIPLY,
                    binary(BinaryOperator.ADD, literal(1L), literal(2L)), literal(3L)));
            assertThat(expression("-a * 2")).isEqualTo(binary(BinaryOperator.MULTIPLY,
                    new NegateExpression(column("a")), literal(2L)));
            assertThat(expression("- 5")).isEqualTo(literal(-5L));
            assertThat(expression("-(5)")).isEqualTo(new NegateExpression(literal(5L)));
            assertThat(expression("+5")).isEqualTo(literal(5L));
            assertThat(expression("1--1")).isEqualTo(binary(BinaryOperator.SUBTRACT, literal(1L), literal(-1L)));
        }

        @Test
        void booleanPrecedence() {
            Expression a = column("a");
            Expression b = column("b");
            Expression c = column("c");
            assertThat(expression("a OR b AND c")).isEqualTo(
                    binary(BinaryOperator.OR, a, binary(BinaryOperator.AND, b, c)));
            assertThat(expression("a || b && c")).isEqualTo(
                    binary(BinaryOperator.OR, a, binary(BinaryOperator.AND, b, c)));
            assertThat(expression("NOT a = b AND c")).isEqualTo(binary(BinaryOperator.AND,
                    new NotExpression(binary(BinaryOperator.EQUAL, a, b)), c));
            assertThat(expression("!a = b")).isEqualTo(binary(BinaryOperator.EQUAL, new NotExpression(a), b));
            assertThat(expression("a + 1 > b * 2")).isEqualTo(binary(BinaryOperator.GREATER_THAN,
                    binary(BinaryOperator.ADD, a, literal(1L)), binary(BinaryOperator.MULTIPLY, b, literal(2L))));
        }

        @Test
        void comparisons() {
            Map<String, BinaryOperator> operators = new LinkedHashMap<>();
            operators.put("=", BinaryOperator.EQUAL);
            operators.put("<>", BinaryOperator.NOT_EQUAL);
            operators.put("!=", BinaryOperator.NOT_EQUAL);
            operators.put("<", BinaryOperator.LESS_THAN);
            operators.put("<=", BinaryOperator.LESS_THAN_OR_EQUAL);
            operators.put(">", BinaryOperator.GREATER_THAN);
            operators.put(">=", BinaryOperator.GREATER_THAN_OR_EQUAL);
            operators.put("<=>", BinaryOperator.NULL_SAFE_EQUAL);
            operators.forEach((symbol, operator) -> assertThat(expression("a " + symbol + " 1"))
                    .as(symbol).isEqualTo(binary(operator, column("a"), literal(1L))));
        }

        @Test
        void predicates() {
            assertThat(expression("a IS NULL")).isEqualTo(new IsNullExpression(column("a"), false));
            assertThat(expression("a is not null")).isEqualTo(new IsNullExpression(column("a"), true));
            assertThat(expression("a IN (1, 'x')"))
                    .isEqualTo(new InListExpression(column("a"), List.of(literal(1L), literal("x")), false));
            assertThat(expression("a NOT IN (1)")).isEqualTo(new InListExpression(column("a"), List.of(literal(1L)), true));
            assertThat(expression("a BETWEEN 1 AND 2 AND b")).isEqualTo(binary(BinaryOperator.AND,
                    new BetweenExpression(column("a"), literal(1L), literal(2L), false), column("b")));
            assertThat(expression("a NOT BETWEEN 1 + 1 AND 3"))
                    .isEqualTo(new BetweenExpression(column("a"),
                            binary(BinaryOperator.ADD, literal(1L), literal(1L)), literal(3L), true));
            assertThat(expression("a LIKE 'x%'")).isEqualTo(new LikeExpression(column("a"), literal("x%"), false));
            assertThat(expression("a NOT LIKE \"x\\_\"")).isEqualTo(new LikeExpression(column("a"), literal("x\\_"), true));
            assertSyntaxError("SELECT a IN ()");
        }

        @Test
        void numbers() {
            assertThat(expression("42")).isEqualTo(literal(42L));
            assertThat(expression("9223372036854775807")).isEqualTo(literal(Long.MAX_VALUE));
            assertThat(expression("9223372036854775808")).isEqualTo(literal(new BigDecimal("9223372036854775808")));
            assertThat(expression("-9223372036854775808")).isEqualTo(literal(Long.MIN_VALUE));
            assertThat(expression("1.5")).isEqualTo(literal(new BigDecimal("1.5")));
            assertThat(expression(".5")).isEqualTo(literal(new BigDecimal(".5")));
            assertThat(expression("1e3")).isEqualTo(literal(new BigDecimal("1e3")));
            assertThat(expression("2.5E-3")).isEqualTo(literal(new BigDecimal("2.5E-3")));
            assertThat(expression("-1.25")).isEqualTo(literal(new BigDecimal("-1.25")));
        }

        @Test
        void otherConstants() {
            assertThat(expression("NULL")).isEqualTo(Literal.NULL);
            assertThat(expression("true")).isEqualTo(literal(true));
            assertThat(expression("FALSE")).isEqualTo(literal(false));
        }

        @Test
        void strings() {
            assertThat(expression("'abc'")).isEqualTo(literal("abc"));
            assertThat(expression("\"abc\"")).isEqualTo(literal("abc"));
            assertThat(expression("'it''s'")).isEqualTo(literal("it's"));
            assertThat(expression("\"say \"\"hi\"\"\"")).isEqualTo(literal("say \"hi\""));
            assertThat(expression("'a\\nb\\tc\\\\d\\'e\\\"f\\0\\Zg\\%\\q'"))
                    .isEqualTo(literal("a\nb\tc\\d'e\"f\0\u001Ag\\%q"));
            assertThat(expression("'a' \"b\"  'c'")).isEqualTo(literal("abc"));
            assertThat(expression("''")).isEqualTo(literal(""));
            assertThat(expression("'日本'")).isEqualTo(literal("日本"));
        }

        @Test
        void variables() {
            assertThat(expression("@@Version")).isEqualTo(systemVariable(null, "version"));
            assertThat(expression("@@GLOBAL.x")).isEqualTo(systemVariable(VariableScope.GLOBAL, "x"));
            assertThat(expression("@@session.x")).isEqualTo(systemVariable(VariableScope.SESSION, "x"));
            assertThat(expression("@@local.x")).isEqualTo(systemVariable(VariableScope.SESSION, "x"));
            assertThat(expression("@@global")).isEqualTo(systemVariable(null, "global"));
            assertThat(expression("@User_Var")).isEqualTo(new UserVariableRef("user_var"));
            assertThat(expression("@'a b'")).isEqualTo(new UserVariableRef("a b"));
        }

        @Test
        void columnsAndFunctions() {
            assertThat(expression("t.a")).isEqualTo(new ColumnRef("t", "a"));
            assertThat(expression("`a b`")).isEqualTo(column("a b"));
            assertThat(expression("`t`.`a`")).isEqualTo(new ColumnRef("t", "a"));
            assertThat(expression("Col")).isEqualTo(column("Col"));
            assertThat(expression("CONCAT(a, 'x', 1)"))
                    .isEqualTo(function("concat", column("a"), literal("x"), literal(1L)));
            assertThat(expression("Sum(DISTINCT a + 1)")).isEqualTo(new FunctionCall("sum",
                    List.of(binary(BinaryOperator.ADD, column("a"), literal(1L))), true, false));
            assertThat(expression("count(*)")).isEqualTo(new FunctionCall("count", List.of(), false, true));
            assertThat(expression("charset('a')")).isEqualTo(function("charset", literal("a")));
        }
    }

    // ----------------------------------------------------------------------------------------
    // Lexical matters.
    // ----------------------------------------------------------------------------------------

    @Nested
    class Lexical {
        @Test
        void caseInsensitiveKeywords() {
            assertThat(parse("sHoW bAcKeNdS")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("Alter System Drop Backend 'x'")).isEqualTo(new DropBackendStatement(List.of("x"), false));
            assertThat(select("select 1 As A FrOm T wHeRe a iS nOt NuLl")).isEqualTo(new SelectStatement(
                    List.of(item(literal(1L), "A", "1")), new TableRef(null, "T", null),
                    new IsNullExpression(column("a"), true), List.of(), List.of(), null, null));
        }

        @Test
        void trailingSemicolon() {
            assertThat(parse("SHOW BACKENDS;")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("SHOW BACKENDS ;  \n\t")).isEqualTo(new ShowBackendsStatement());
            assertSyntaxError("SHOW BACKENDS;;");
            assertSyntaxError("SHOW BACKENDS; SHOW BACKENDS");
        }

        @Test
        void comments() {
            assertThat(parse("/* a */ SHOW /* b */ BACKENDS /* c */")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("-- leading\nSHOW BACKENDS -- trailing")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("# hash\nSHOW BACKENDS # more")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("SHOW BACKENDS --")).isEqualTo(new ShowBackendsStatement());
            assertThat(parse("/*!40101 SET x = 1 */ SHOW BACKENDS")).isEqualTo(new ShowBackendsStatement());
            assertThat(select("SELECT 1 /* multi\nline */ + 2").items().get(0).expression())
                    .isEqualTo(binary(BinaryOperator.ADD, literal(1L), literal(2L)));
        }

        @Test
        void bothQuoteStylesEverywhere() {
            assertThat(parse("SHOW PROC \"/a\"")).isEqualTo(parse("SHOW PROC '/a'"));
            assertThat(parse("SHOW DATABASES LIKE \"a\"")).isEqualTo(parse("SHOW DATABASES LIKE 'a'"));
            assertThat(parse("ALTER SYSTEM ADD BACKEND \"h:1\" PROPERTIES (\"k\" = \"v\")"))
                    .isEqualTo(parse("ALTER SYSTEM ADD BACKEND 'h:1' PROPERTIES ('k' = 'v')"));
            assertThat(parse("SET NAMES \"utf8\"")).isEqualTo(parse("SET NAMES 'utf8'"));
        }

        @Test
        void emptyStatements() {
            for (String empty : new String[] {"", "   ", ";", " ; ", "/* only a comment */", "-- x", "# y\n"}) {
                assertThatThrownBy(() -> parse(empty)).as(empty)
                        .isInstanceOf(TesseraException.class).hasMessage("Empty statement");
            }
            assertThatThrownBy(() -> parse(null)).isInstanceOf(TesseraException.class);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Errors and robustness.
    // ----------------------------------------------------------------------------------------

    @Nested
    class Errors {
        @Test
        void syntaxErrorCarriesLineAndPosition() {
            assertThatThrownBy(() -> parse("ALTER SYSTEM DROPP BACKEN \"10002\""))
                    .isInstanceOf(TesseraException.class)
                    .hasMessageStartingWith("\nmismatched input 'BACKEN' expecting")
                    .hasMessageEndingWith("(line 1, pos 19)");
            assertThatThrownBy(() -> parse("SELECT 1\nFROM t\nWHERE ,"))
                    .isInstanceOf(TesseraException.class)
                    .hasMessageEndingWith("(line 3, pos 6)");
            TesseraException error = (TesseraException) org.assertj.core.api.Assertions
                    .catchThrowable(() -> parse("SHOW NOTHING"));
            assertThat(error.clientMessage()).startsWith("errCode = 2, detailMessage = \n").endsWith("(line 1, pos 5)");
        }

        @Test
        void lexicalErrors() {
            assertThatThrownBy(() -> parse("SELECT 'unterminated"))
                    .isInstanceOf(TesseraException.class)
                    .hasMessageStartingWith("\ntoken recognition error")
                    .hasMessageEndingWith("(line 1, pos 7)");
            assertSyntaxError("SELECT 1 ^ 2");
            assertSyntaxError("SELECT `unterminated");
            assertSyntaxError("SELECT 1 /* unterminated");
            assertThatThrownBy(() -> parse("SELECT 1\u0000"))
                    .isInstanceOf(TesseraException.class)
                    .hasMessage("\ntoken recognition error at: '\\x00'(line 1, pos 8)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u0000\u0001\u0002", "SELECT \u0001", "\uD800", "@", "@@", "SELECT @",
            "SHOW", "ALTER", "ALTER SYSTEM", "SET @@", "SELECT a.", "SELECT .", "SELECT 1 FROM t AS",
            ")))", "'", "\"", "`", "SELECT 1; SELECT 2", "DROP TABLE", "SELECT * FROM t LIMIT 1 OFFSET"})
        void garbageOnlyThrowsTesseraException(String sql) {
            assertThatThrownBy(() -> parse(sql)).isInstanceOf(TesseraException.class);
        }

        @Test
        void randomInputOnlyThrowsTesseraException() {
            Random random = new Random(42);
            String alphabet = "SELECT FROM WHERE ( ) , ; ' \" ` @ @@ . * + - / = < > ! 1 2.5 a b SET NAMES \n";
            for (int i = 0; i < 3000; i++) {
                StringBuilder sql = new StringBuilder();
                int length = random.nextInt(40);
                for (int j = 0; j < length; j++) {
                    sql.append(random.nextBoolean()
                            ? (char) random.nextInt(i % 2 == 0 ? 128 : 0x10000)
                            : alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = sql.toString();
                assertThatCode(() -> {
                    try {
                        parse(text);
                    } catch (TesseraException expected) {
                        // fine: only TesseraException may escape
                    }
                }).as(text).doesNotThrowAnyException();
            }
        }

        @Test
        void veryLongInput() {
            // A chain parses in a loop but builds a tree as deep as it is long, which the recursive
            // passes after the parser (and the evaluator) would overflow on: refused up front.
            assertThat(parse("SELECT 1" + " + 1".repeat(900))).isInstanceOf(SelectStatement.class);
            assertThatThrownBy(() -> parse("SELECT 1" + " + 1".repeat(50_000)))
                    .isInstanceOf(TesseraException.class)
                    .hasMessage("\nThe statement is too deeply nested to parse");

            String longString = "SELECT '" + "x".repeat(1_000_000) + "'";
            assertThat(expression(longString.substring("SELECT ".length()))).isEqualTo(literal("x".repeat(1_000_000)));

            StringBuilder longList = new StringBuilder("ALTER SYSTEM DROP BACKEND 'h:0'");
            for (int i = 1; i < 10_000; i++) {
                longList.append(", 'h:").append(i).append('\'');
            }
            assertThat(((DropBackendStatement) parse(longList.toString())).identifiers()).hasSize(10_000);

            assertThatThrownBy(() -> parse("SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000)))
                    .isInstanceOf(TesseraException.class);
            assertThatThrownBy(() -> parse("SELECT " + "NOT ".repeat(100_000) + "1"))
                    .isInstanceOf(TesseraException.class);
            assertThatThrownBy(() -> parse("SELECT " + "x ".repeat(200_000)))
                    .isInstanceOf(TesseraException.class);
            assertThat(parse("SELECT " + "(".repeat(50) + "1" + ")".repeat(50))).isInstanceOf(SelectStatement.class);
            // The parser still works after refusing a statement.
            assertThat(parse("SHOW BACKENDS")).isEqualTo(new ShowBackendsStatement());
        }
    }

    // ----------------------------------------------------------------------------------------
    // Warm-up and threading.
    // ----------------------------------------------------------------------------------------

    @Test
    void everyWarmUpStatementParses() {
        for (String sql : SqlParser.WARM_UP_STATEMENTS) {
            assertThatCode(() -> parse(sql)).as(sql).doesNotThrowAnyException();
        }
        assertThatCode(parser::warmUp).doesNotThrowAnyException();
    }

    @Test
    void concurrentParsesAgree() throws Exception {
        List<String> statements = new ArrayList<>(SqlParser.WARM_UP_STATEMENTS);
        statements.add(MYSQL_CONNECTOR_J_CONNECT_QUERY);
        statements.add(MARIADB_CONNECTOR_J_SET);
        List<Statement> expected = new ArrayList<>();
        for (String sql : statements) {
            expected.add(parse(sql));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Statement>>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    List<Statement> parsed = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        parsed.clear();
                        for (String sql : statements) {
                            parsed.add(parser.parse(sql));
                        }
                    }
                    return parsed;
                }));
            }
            for (Future<List<Statement>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
