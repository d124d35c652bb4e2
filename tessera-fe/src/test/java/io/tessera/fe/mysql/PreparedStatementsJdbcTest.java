package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.fe.testing.InProcessCluster;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side prepared statements and multi-statement queries through MySQL Connector/J
 * ({@code useServerPrepStmts=true}) and MariaDB Connector/J ({@code useServerPrepStmts=true}),
 * against the statement executors of an in-process cluster: values read through the binary
 * protocol equal those read through the text protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreparedStatementsJdbcTest {
    private static final int MAX_PREPARED = 16;

    private InProcessCluster cluster;
    private MysqlServer server;

    @BeforeAll
    void start() {
        cluster = InProcessCluster.start(1);
        cluster.execute("CREATE DATABASE ps");
        cluster.execute("CREATE TABLE ps.typed (k INT NOT NULL, ti TINYINT, si SMALLINT, b BIGINT, f FLOAT, "
                + "d DOUBLE, amount DECIMAL(10, 2), name VARCHAR(32), day DATE, at DATETIME) "
                + "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
        cluster.execute("INSERT INTO ps.typed VALUES (1, -5, 300, 9000000000, 1.5, 2.25, 12.34, 'one', "
                + "'2024-01-02', '2024-01-02 03:04:05'), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), cluster.sessions(), 16 * 1024 * 1024,
                new PreparedStatementLimits(MAX_PREPARED, 16 * 1024 * 1024));
        server.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private Connection connect(String driver, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:" + driver + "://127.0.0.1:" + server.port() + "/ps?user=root&password="
                + "&connectTimeout=10000&socketTimeout=60000&useServerPrepStmts=true&" + options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void preparedSelectReadsEveryTypeAsTheTextProtocolDoes(String driver) throws SQLException {
        try (Connection connection = connect(driver, "cachePrepStmts=true")) {
            List<List<String>> text = rows(connection.createStatement().executeQuery(
                    "SELECT * FROM typed WHERE k >= 1 AND name = 'one' OR k = 2 ORDER BY k"));
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM typed WHERE k >= ? AND name = ? OR k = ? ORDER BY k")) {
                assertThat(statement.getClass().getSimpleName()).as("server-side").contains("ServerPreparedStatement");
                statement.setInt(1, 1);
                statement.setString(2, "one");
                statement.setLong(3, 2L);
                try (ResultSet rows = statement.executeQuery()) {
                    ResultSetMetaData meta = rows.getMetaData();
                    assertThat(meta.getColumnCount()).isEqualTo(10);
                    assertThat(meta.getColumnType(2)).isIn(Types.TINYINT, Types.BIT, Types.BOOLEAN);
                    assertThat(meta.getColumnType(4)).isEqualTo(Types.BIGINT);
                    assertThat(meta.getColumnType(7)).isEqualTo(Types.DECIMAL);
                    assertThat(meta.getColumnType(9)).isEqualTo(Types.DATE);
                    assertThat(meta.getColumnType(10)).isEqualTo(Types.TIMESTAMP);
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt("k")).isEqualTo(1);
                    assertThat(rows.getInt("ti")).isEqualTo(-5);
                    assertThat(rows.getInt("si")).isEqualTo(300);
                    assertThat(rows.getLong("b")).isEqualTo(9_000_000_000L);
                    assertThat(rows.getFloat("f")).isEqualTo(1.5f);
                    assertThat(rows.getDouble("d")).isEqualTo(2.25);
                    assertThat(rows.getBigDecimal("amount")).isEqualByComparingTo("12.34");
                    assertThat(rows.getString("name")).isEqualTo("one");
                    assertThat(rows.getDate("day")).isEqualTo(Date.valueOf("2024-01-02"));
                    assertThat(rows.getTimestamp("at")).isEqualTo(java.sql.Timestamp.valueOf("2024-01-02 03:04:05"));
                    assertThat(rows.next()).isTrue();
                    for (int column = 2; column <= 10; column++) {
                        assertThat(rows.getObject(column)).as("column %d", column).isNull();
                    }
                    assertThat(rows.next()).isFalse();
                }
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows(rows)).isEqualTo(text);
                }
                // Re-executed with new parameters, among them a NULL, a decimal and a date.
                statement.setInt(1, 1);
                statement.setNull(2, Types.VARCHAR);
                statement.setLong(3, 1L);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows(rows)).hasSize(1).allMatch(row -> row.get(0).equals("1"));
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT k FROM typed WHERE amount = ? AND day = ? AND at = ?")) {
                statement.setBigDecimal(1, new BigDecimal("12.34"));
                statement.setDate(2, Date.valueOf("2024-01-02"));
                statement.setTimestamp(3, java.sql.Timestamp.valueOf("2024-01-02 03:04:05"));
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows(rows)).containsExactly(List.of("1"));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void preparedInsertInBatchesWithLongData(String driver) throws SQLException {
        String table = "batch_" + driver;
        cluster.execute("CREATE TABLE ps." + table + " (k INT NOT NULL, name VARCHAR(64), amount DECIMAL(10, 2)) "
                + "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
        try (Connection connection = connect(driver, "cachePrepStmts=true")) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table + " (k, name, amount) VALUES (?, ?, ?)")) {
                for (int k = 1; k <= 3; k++) {
                    insert.setInt(1, k);
                    insert.setString(2, "row " + k);
                    insert.setBigDecimal(3, new BigDecimal(k + ".50"));
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                assertThat(counts).hasSize(3);
                insert.setInt(1, 4);
                insert.setBinaryStream(2, new ByteArrayInputStream("long data, it's".getBytes(StandardCharsets.UTF_8)));
                insert.setNull(3, Types.DECIMAL);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT k, name, amount FROM " + table + " ORDER BY k")) {
                assertThat(rows(rows)).containsExactly(List.of("1", "row 1", "1.50"), List.of("2", "row 2", "2.50"),
                        List.of("3", "row 3", "3.50"), java.util.Arrays.asList("4", "long data, it's", null));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void anInjectionThroughAParameterStaysALiteral(String driver) throws SQLException {
        try (Connection connection = connect(driver, "");
                PreparedStatement statement = connection.prepareStatement("SELECT k FROM typed WHERE name = ?")) {
            for (String attack : List.of("' OR '1'='1", "x' OR 1=1 -- ", "\\' OR 1=1 #", "one'; DROP TABLE typed; --")) {
                statement.setString(1, attack);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).as(attack).isFalse();
                }
            }
            statement.setString(1, "one");
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows(rows)).containsExactly(List.of("1"));
            }
        }
    }

    /** Connector/J, told not to fall back to client-side statements, reports the limit as MySQL's error. */
    @org.junit.jupiter.api.Test
    void eachConnectionHoldsABoundedNumberOfStatements() throws SQLException {
        try (Connection connection = connect("mysql", "cachePrepStmts=false&emulateUnsupportedPstmts=false")) {
            List<PreparedStatement> open = new ArrayList<>();
            SQLException refused = null;
            for (int i = 0; i <= MAX_PREPARED && refused == null; i++) {
                try {
                    open.add(connection.prepareStatement("SELECT k + " + i + " FROM typed WHERE k = ?"));
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat(open).hasSize(MAX_PREPARED);
            assertThat((Object) refused).isNotNull();
            assertThat(refused.getErrorCode()).isEqualTo(1461);
            assertThat(refused.getMessage()).contains(
                    "Can't create more than max_prepared_stmt_count statements (current value: " + MAX_PREPARED + ")");
            open.get(0).close();
            try (PreparedStatement again = connection.prepareStatement("SELECT k FROM typed WHERE k = ?")) {
                again.setInt(1, 1);
                try (ResultSet rows = again.executeQuery()) {
                    assertThat(rows(rows)).containsExactly(List.of("1"));
                }
            }
            for (PreparedStatement statement : open) {
                statement.close();
            }
        }
    }

    /** MariaDB Connector/J falls back to a client-side statement past the limit; every statement still works. */
    @org.junit.jupiter.api.Test
    void pastTheLimitMariadbFallsBackAndKeepsWorking() throws SQLException {
        try (Connection connection = connect("mariadb", "cachePrepStmts=false")) {
            List<PreparedStatement> open = new ArrayList<>();
            for (int i = 0; i <= MAX_PREPARED + 2; i++) {
                PreparedStatement statement = connection.prepareStatement("SELECT k + " + i + " FROM typed WHERE k = ?");
                open.add(statement);
                statement.setInt(1, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows(rows)).containsExactly(List.of(String.valueOf(1 + i)));
                }
            }
            for (PreparedStatement statement : open) {
                statement.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void multiStatementQueriesReturnOneResultEachAndStopAtAnError(String driver) throws SQLException {
        try (Connection connection = connect(driver, "allowMultiQueries=true");
                Statement statement = connection.createStatement()) {
            assertThat(statement.execute("SELECT 1; SELECT 'a;b' AS `x;y`; /* ; */ SELECT k FROM typed WHERE k = 1"))
                    .isTrue();
            assertThat(rows(statement.getResultSet())).containsExactly(List.of("1"));
            assertThat(statement.getMoreResults()).isTrue();
            assertThat(rows(statement.getResultSet())).containsExactly(List.of("a;b"));
            assertThat(statement.getMoreResults()).isTrue();
            assertThat(rows(statement.getResultSet())).containsExactly(List.of("1"));
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(-1);

            SQLException error = catchThrowableOfType(SQLException.class, () -> {
                statement.execute("SELECT 1; SELECT * FROM no_such_table; SELECT 3");
                while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                    // drain until the error
                }
            });
            assertThat((Object) error).isNotNull();
            assertThat(error.getMessage()).contains("no_such_table");
            try (ResultSet rows = statement.executeQuery("SELECT 7")) {
                assertThat(rows(rows)).containsExactly(List.of("7"));
            }

            String table = "multi_" + driver;
            statement.execute("CREATE TABLE " + table + " (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
                    + "BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
            assertThat(statement.execute("INSERT INTO " + table + " VALUES (1), (2); SELECT count(*) FROM " + table))
                    .isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(2);
            assertThat(statement.getMoreResults()).isTrue();
            assertThat(rows(statement.getResultSet())).containsExactly(List.of("2"));
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(-1);
        }
    }

    private static List<List<String>> rows(ResultSet rows) throws SQLException {
        List<List<String>> all = new ArrayList<>();
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            List<String> row = new ArrayList<>();
            for (int column = 1; column <= columns; column++) {
                row.add(rows.getString(column));
            }
            all.add(row);
        }
        rows.close();
        return all;
    }
}
