package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cli.ClusterLayout;
import io.tessera.it.RawMysqlConnection.Error;
import io.tessera.it.RawMysqlConnection.Reply;
import io.tessera.it.RawMysqlConnection.Rows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed, absurd and hostile statements against a real FE (with one BE, so that a real table
 * exists): each gets an error or a valid result, the connection stays usable, and no message a
 * client sees carries a Java class name, a stack frame or a bare {@code null}. A missing table or
 * database is answered with one code and one text whatever the statement.
 */
class MalformedStatementsTest {
    private static final Pattern JAVA_CLASS = Pattern.compile("[A-Za-z]+(Exception|Error)\\b");
    private static final Pattern PACKAGE = Pattern.compile("\\bjava\\.|\\bjavax\\.|io\\.tessera\\.|org\\.antlr|com\\.google");
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$]+(\\.[\\w$<>]+)+\\(");
    private static final Pattern BARE_NULL = Pattern.compile("\\bnull\\b");
    /** Control characters other than the newline Doris puts before a syntax error. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f]");
    private static final String UNKNOWN_TABLE = "1051 (42S02): errCode = 2, detailMessage = Unknown table 'nope'";
    private static final String UNKNOWN_DATABASE = "1049 (42000): errCode = 2, detailMessage = Unknown database 'nodb'";

    private static ClusterFixture fixture;
    private static RawMysqlConnection connection;

    @BeforeAll
    static void start() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.MALFORMED_STATEMENTS_PREFIX, 1);
        connection = RawMysqlConnection.open(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT);
        for (String setup : List.of("CREATE DATABASE demo", "USE demo",
                "CREATE TABLE t (k INT NOT NULL, v VARCHAR(8), d DATE, n DECIMAL(5, 2)) DUPLICATE KEY(k) "
                        + "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num' = '1')",
                "INSERT INTO t VALUES (1, 'a', '2024-01-01', 1.5)")) {
            assertThat(connection.query(setup)).as(setup).isNotInstanceOf(Error.class);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aMissingTableOrDatabaseIsAnsweredTheSameByEveryStatement() throws Exception {
        for (String sql : List.of("SELECT * FROM nope", "SELECT k FROM nope WHERE k = 1", "DESC nope",
                "SHOW CREATE TABLE nope", "DROP TABLE nope", "INSERT INTO nope VALUES (1)",
                "INSERT INTO nope SELECT 1", "SHOW PARTITIONS FROM nope", "SHOW TABLETS FROM nope",
                "ALTER TABLE nope ADD PARTITION p VALUES LESS THAN ('1')", "SELECT * FROM demo.nope",
                "SELECT nope.* FROM t", "SELECT * FROM information_schema.nope")) {
            assertThat(connection.query(sql)).as(sql).hasToString(UNKNOWN_TABLE);
        }
        for (String sql : List.of("SELECT * FROM nodb.t", "DESC nodb.t", "SHOW CREATE TABLE nodb.t",
                "DROP TABLE nodb.t", "INSERT INTO nodb.t VALUES (1)", "SHOW PARTITIONS FROM nodb.t",
                "SHOW TABLETS FROM nodb.t", "USE nodb")) {
            assertThat(connection.query(sql)).as(sql).hasToString(UNKNOWN_DATABASE);
        }
    }

    @Test
    void malformedStatementsGetCleanErrorsAndLeaveTheConnectionUsable() throws Exception {
        List<byte[]> statements = new ArrayList<>();
        for (String sql : List.of(
                "SELECT * FROM",
                "SELECT",
                "SELECT 'unterminated",
                "SELECT \"unterminated",
                "SELECT `unterminated",
                "SELECT ((((1)",
                "SELECT 1))",
                "SELECT 1 +",
                "/* an unterminated comment",
                "",
                ";",
                "   ",
                "SELECT 1; SELECT 2",
                "SELECT 1/0",
                "SELECT 1 % 0",
                "SELECT 99999999999999999999999999999999999999999",
                "SELECT 9223372036854775807 + 1",
                "SELECT -9223372036854775808 - 1",
                "SELECT 1e999999",
                "SELECT 0x",
                "SELECT 'a\\",
                "SELECT 1 LIMIT 99999999999999999999",
                "SELECT * FROM t LIMIT 99999999999999999999",
                "SELECT * FROM t ORDER BY 99999999999999999999",
                "SELECT CAST('abc' AS INT)",
                "SELECT abs()",
                "SELECT nosuchfunction(1)",
                "SELECT @@nosuch",
                "SELECT k FROM t WHERE k = 99999999999999999999",
                "SELECT k FROM t WHERE d = '2024-13-45'",
                "SELECT sum(v) FROM t",
                "CREATE TABLE t (",
                "CREATE TABLE x (k INT) DISTRIBUTED BY HASH(k) BUCKETS 99999999999999999999",
                "CREATE TABLE x (k INT) DISTRIBUTED BY HASH(k) BUCKETS -1",
                "CREATE TABLE x (k DECIMAL(99999999999999999999, 2)) DISTRIBUTED BY HASH(k) BUCKETS 1",
                "CREATE TABLE x (k VARCHAR(99999999999999999999)) DISTRIBUTED BY HASH(k) BUCKETS 1",
                "CREATE TABLE x (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num' = 'abc')",
                "CREATE TABLE x (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                        + "PROPERTIES ('replication_num' = '99999999999999999999')",
                "CREATE TABLE x (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                        + "PROPERTIES ('replication_allocation' = 'tag.location.default')",
                "CREATE TABLE x (k INT) PARTITION BY RANGE(k) (PARTITION p VALUES LESS THAN ('abc')) "
                        + "DISTRIBUTED BY HASH(k) BUCKETS 1",
                "CREATE TABLE x (k INT DEFAULT 'abc') DISTRIBUTED BY HASH(k) BUCKETS 1",
                "CREATE DATABASE",
                "CREATE DATABASE `a.b`",
                "DROP DATABASE nodb",
                "INSERT INTO t VALUES (1,",
                "INSERT INTO t VALUES ('abc', 'a', '2024-01-01', 1)",
                "INSERT INTO t VALUES (99999999999999999999, 'a', '2024-01-01', 1)",
                "INSERT INTO t VALUES (1, 'a', 'not a date', 1)",
                "INSERT INTO t VALUES (1, 'a', '2024-02-30', 1)",
                "INSERT INTO t VALUES (1, 'a', '2024-01-01', 99999999999999999999)",
                "INSERT INTO t VALUES (1, 'a', '2024-01-01', 'abc')",
                "INSERT INTO t VALUES (NULL, 'a', '2024-01-01', 1)",
                "INSERT INTO t (k, k) VALUES (1, 1)",
                "INSERT INTO t WITH LABEL `` VALUES (1, 'a', '2024-01-01', 1)",
                "ALTER SYSTEM ADD BACKEND \"\"",
                "ALTER SYSTEM ADD BACKEND \"127.0.0.1:abc\"",
                "ALTER SYSTEM ADD BACKEND \"127.0.0.1:99999999999999999999\"",
                "ALTER SYSTEM ADD BACKEND \":\"",
                "ALTER SYSTEM DROPP BACKEND \"abc\"",
                "ALTER SYSTEM DROPP BACKEND \"99999999999999999999\"",
                "ALTER SYSTEM DECOMMISSION BACKEND \"\"",
                "ALTER SYSTEM MODIFY BACKEND \"127.0.0.1:9050\" SET (\"tag.location\")",
                "ALTER SYSTEM MODIFY BACKEND \"127.0.0.1:9050\" SET (\"tag.location\" = \"\")",
                "SHOW PROC '/nonexistent'",
                "SHOW PROC ''",
                "SHOW PROC '/backends/abc'",
                "SHOW PROC '/dbs/99999999999999999999'",
                "SHOW PROC '/dbs/abc'",
                "SHOW PROC '/cluster_health/tablet_health/abc'",
                "ADMIN SET FRONTEND CONFIG (\"x\")",
                "ADMIN SET FRONTEND CONFIG (\"x\" = \"1\")",
                "ADMIN SHOW FRONTEND CONFIG LIKE",
                "SET @@nosuch = 1",
                "SET time_zone = 'Mars/Olympus'",
                "SET sql_select_limit = 'abc'",
                "SET sql_select_limit = 99999999999999999999",
                "SET NAMES",
                "SHOW TABLETS FROM t WHERE Version = 'abc'",
                "SHOW TABLETS FROM t PARTITION (nope)",
                "SHOW PARTITIONS FROM t WHERE",
                "SHOW BACKENDS WHERE",
                "KILL 99999999999999999999",
                "ALTER TABLE t ADD PARTITION p VALUES LESS THAN ('1')",
                "ALTER TABLE t DROP PARTITION nope",
                "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000),
                "SELECT '" + "x".repeat(100_000) + "'")) {
            statements.add(sql.getBytes(StandardCharsets.UTF_8));
        }
        statements.add(new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0});
        statements.add(new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', 0, '\''});
        statements.add(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80});
        statements.add(new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xc3, (byte) 0x28, '\''});
        statements.add(new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xe2, (byte) 0x82});
        statements.add(new byte[] {0});

        List<String> internal = new ArrayList<>();
        for (byte[] sql : statements) {
            String shown = new String(sql, StandardCharsets.UTF_8);
            String label = shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
            Reply reply = connection.query(sql);
            if (reply instanceof Error error) {
                assertThat(error.message()).as(label).isNotBlank()
                        .doesNotContainPattern(JAVA_CLASS).doesNotContainPattern(PACKAGE)
                        .doesNotContainPattern(STACK_FRAME).doesNotContainPattern(BARE_NULL)
                        .doesNotContainPattern(CONTROL);
                assertThat(error.sqlState()).as(label).hasSize(5);
                if (error.message().contains("Internal error")) {
                    internal.add(label + " -> " + error);
                }
            }
            Reply probe = connection.query("SELECT 1");
            assertThat(probe).as("SELECT 1 after " + label).isEqualTo(new Rows(List.of(List.of("1"))));
        }
        assertThat(statements).hasSizeGreaterThanOrEqualTo(40);
        String log = Files.readString(fixture.layout().frontend(Map.of()).logFile());
        for (String fault : internal) {
            // Every internal error the client saw left its stack trace in the FE log.
            assertThat(log).as(fault).contains("internal error in query").contains("\tat ");
        }
        assertThat(internal).as("statements that hit a fault of ours").isEmpty();
    }
}
