package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cli.ClusterLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clients people connect to Doris with, each driven as its users drive it against one real
 * cluster: Python's PyMySQL, mysqlclient, SQLAlchemy (inspect, Core, text) and pandas; Node's
 * mysql2 ({@code query} and {@code execute}); MySQL Connector/J and MariaDB Connector/J (batch
 * insert, server-side prepared statements, read-only); and the {@code mariadb} CLI. The Python
 * and Node programs live in {@code src/test/clients} and print one line per operation, which this
 * class checks. {@code bin/tessera test} installs them: Debian's python3-pymysql,
 * python3-mysqldb, python3-sqlalchemy and python3-pandas, and mysql2 from the npm registry.
 * The matrix of what works is in {@code docs/clients.md}.
 */
class ClientMatrixTest {
    private static final String DATABASE = "clients";
    private static final Path CLIENTS = Path.of("src", "test", "clients");
    /** Debian's interpreter, which sees Debian's python3-* packages (a pyenv python3 on PATH does not). */
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";
    private static final long CLIENT_TIMEOUT_SECONDS = 180;

    private static ClusterFixture fixture;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.CLIENT_MATRIX_PREFIX, 1);
        host = fixture.layout().frontendHost();
        fixture.client().execute("CREATE DATABASE " + DATABASE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A table of four orders, two of them in Oslo, on the cluster's one backend. */
    private static void createOrders(String table) throws SQLException {
        fixture.client().execute("CREATE TABLE " + DATABASE + "." + table
                + " (id BIGINT, city VARCHAR(20), amount DECIMAL(10,2), placed DATE) DUPLICATE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 3 PROPERTIES ('replication_num' = '1')");
        fixture.client().execute("INSERT INTO " + DATABASE + "." + table + " VALUES (1, 'Oslo', 10.50, '2026-01-02'), "
                + "(2, 'Rome', 20.00, '2026-02-03'), (3, 'Oslo', 7.25, '2026-03-04')");
    }

    /** One printed line of a client program: whether the operation worked, and its value or error. */
    record Outcome(boolean ok, String detail) {
    }

    /** Runs a client program to its end and returns its lines by operation name. */
    private static Map<String, Outcome> runClient(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(fixture.dir(), "client-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("did not finish within " + CLIENT_TIMEOUT_SECONDS + " s: " + command + "\n"
                    + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String line : printed.split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3 && (parts[1].equals("OK") || parts[1].equals("FAIL"))) {
                outcomes.put(parts[0], new Outcome(parts[1].equals("OK"), parts[2]));
            }
        }
        assertThat(process.exitValue()).as("exit code of %s; it printed:%n%s", command, printed).isZero();
        assertThat(outcomes).as("what %s printed:%n%s", command, printed).isNotEmpty();
        return outcomes;
    }

    private static List<String> failures(Map<String, Outcome> outcomes) {
        List<String> failed = new ArrayList<>();
        outcomes.forEach((operation, outcome) -> {
            if (!outcome.ok()) {
                failed.add(operation + ": " + outcome.detail());
            }
        });
        return failed;
    }

    private static String value(Map<String, Outcome> outcomes, String operation) {
        assertThat(outcomes).containsKey(operation);
        return outcomes.get(operation).detail();
    }

    @Test
    void pythonClientsConnectIntrospectQueryAndCommit() throws Exception {
        assertThat(Path.of(DEBIAN_PYTHON)).as("bin/tessera test installs Debian's python3 client packages").exists();
        createOrders("py_orders");
        Map<String, Outcome> outcomes = runClient(List.of(DEBIAN_PYTHON,
                CLIENTS.resolve("python/python_clients.py").toString(), host,
                Integer.toString(ClusterLayout.QUERY_PORT), DATABASE, "py_orders"));

        assertThat(failures(outcomes)).as("operations that failed").isEmpty();
        for (String client : List.of("pymysql", "mysqlclient")) {
            assertThat(value(outcomes, client + ".select")).isEqualTo("[[1, \"Oslo\", \"10.50\", \"2026-01-02\"], "
                    + "[2, \"Rome\", \"20.00\", \"2026-02-03\"], [3, \"Oslo\", \"7.25\", \"2026-03-04\"]]");
            assertThat(value(outcomes, client + ".bound_parameters")).isEqualTo("[[1], [3]]");
            assertThat(value(outcomes, client + ".description")).isEqualTo("[\"id\", \"city\"]");
        }
        // The two DB-API clients each committed one row of id 200 in a BEGIN ... COMMIT.
        assertThat(value(outcomes, "pymysql.begin_insert_commit")).isEqualTo("[[1]]");
        assertThat(value(outcomes, "mysqlclient.begin_insert_commit")).isEqualTo("[[2]]");
        for (String driver : List.of("pymysql", "mysqldb")) {
            String prefix = "sqlalchemy_" + driver;
            assertThat(value(outcomes, prefix + ".schemas")).isEqualTo("true");
            assertThat(value(outcomes, prefix + ".tables")).isEqualTo("[\"py_orders\"]");
            assertThat(value(outcomes, prefix + ".has_table")).isEqualTo("[true, false]");
            assertThat(value(outcomes, prefix + ".columns")).isEqualTo("[[\"id\", \"BIGINT\", true], "
                    + "[\"city\", \"VARCHAR(20)\", true], [\"amount\", \"DECIMAL(10, 2)\", true], [\"placed\", \"DATE\", true]]");
            // Doris's DDL has no PRIMARY KEY or INDEX clause that SQLAlchemy's MySQL dialect reads, as against Doris.
            assertThat(value(outcomes, prefix + ".primary_key")).isEqualTo("[]");
            assertThat(value(outcomes, prefix + ".indexes")).isEqualTo("[]");
            assertThat(value(outcomes, prefix + ".core_select")).isEqualTo("[[1, \"10.50\"], [3, \"7.25\"]]");
            assertThat(value(outcomes, prefix + ".engine_begin_commit")).isEqualTo("true");
        }
        assertThat(value(outcomes, "pandas.read_sql")).isEqualTo("[{\"city\": \"Oslo\", \"n\": 2}, {\"city\": \"Rome\", \"n\": 1}]");
    }

    @Test
    void nodeMysql2QueriesExecutesAndCommits() throws Exception {
        assertThat(CLIENTS.resolve("node/node_modules/mysql2"))
                .as("bin/tessera test installs mysql2 with npm ci in %s", CLIENTS.resolve("node")).exists();
        createOrders("node_orders");
        Map<String, Outcome> outcomes = runClient(List.of("node", CLIENTS.resolve("node/mysql2_client.js").toString(),
                host, Integer.toString(ClusterLayout.QUERY_PORT), DATABASE, "node_orders"));

        assertThat(failures(outcomes)).as("operations that failed").isEmpty();
        assertThat(value(outcomes, "query")).isEqualTo("[[1,\"Oslo\",\"10.50\"],[2,\"Rome\",\"20.00\"],[3,\"Oslo\",\"7.25\"]]");
        assertThat(value(outcomes, "query_placeholders")).isEqualTo("[1,3]");
        assertThat(value(outcomes, "execute")).isEqualTo("[[3,\"Oslo\"]]");
        assertThat(value(outcomes, "execute_again")).isEqualTo("3");
        // MySQL's type codes: LONGLONG 8, VAR_STRING 253, NEWDECIMAL 246, DATE 10.
        assertThat(value(outcomes, "field_types")).isEqualTo("[[\"id\",8],[\"city\",253],[\"amount\",246],[\"placed\",10]]");
        assertThat(value(outcomes, "transaction_commit")).isEqualTo("1");
        assertThat(value(outcomes, "transaction_rollback")).isEqualTo("0");
        assertThat(value(outcomes, "unknown_table_error")).isNotEqualTo("\"no error\"");
    }

    private static Connection connect(String driver, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:" + driver + "://" + host + ":" + ClusterLayout.QUERY_PORT + "/"
                + DATABASE + "?user=root&password=" + options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void jdbcBatchInsertServerPreparedStatementsAndReadOnly(String driver) throws Exception {
        String table = "jdbc_" + driver;
        createOrders(table);
        try (Connection connection = connect(driver, "&useServerPrepStmts=true&rewriteBatchedStatements=false")) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
                for (int id = 10; id < 15; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "Batch");
                    insert.setBigDecimal(3, new java.math.BigDecimal("1.25"));
                    insert.setDate(4, java.sql.Date.valueOf("2026-08-09"));
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1, 1, 1);
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*), sum(amount) FROM " + table + " WHERE city = ? AND placed >= ?")) {
                select.setString(1, "Batch");
                select.setDate(2, java.sql.Date.valueOf("2026-01-01"));
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isEqualTo(5);
                    assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("6.25");
                }
                select.setString(1, "Oslo");
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isEqualTo(2);
                }
            }
            connection.setReadOnly(true);
            assertThat(connection.isReadOnly()).isTrue();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(8);
            }
            connection.setReadOnly(false);
        }
    }

    @Test
    void mariadbCliStatusShowsTheServer() throws Exception {
        MariadbCli.Output status = new MariadbCli(host, ClusterLayout.QUERY_PORT).root("status", DATABASE);
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("Current database:\t" + DATABASE)
                .containsPattern("Server version:\\s+5\\.7\\.99 Tessera version ")
                .containsPattern("Uptime:\\s+\\d+ (sec|min)")
                .contains("TCP port:\t\t" + ClusterLayout.QUERY_PORT);
    }
}
