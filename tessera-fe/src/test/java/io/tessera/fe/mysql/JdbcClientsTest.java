package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server against the real MySQL and MariaDB JDBC drivers. */
class JdbcClientsTest {
    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private MysqlServer server;

    @BeforeEach
    void startServer() {
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), sessions, 64 * 1024 * 1024);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Connection connect(String driver, String user, String password) throws SQLException {
        String url = "jdbc:" + driver + "://127.0.0.1:" + server.port() + "/?user=" + user + "&password=" + password
                + "&connectTimeout=10000&socketTimeout=30000";
        return DriverManager.getConnection(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void runsQueriesAndReadsNulls(String driver) throws SQLException {
        try (Connection connection = connect(driver, "root", "");
                Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(1);
                assertThat(rows.getMetaData().getColumnLabel(1)).isEqualTo("1");
                assertThat(rows.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.BIGINT);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1L);
                assertThat(rows.next()).isFalse();
            }
            try (java.sql.ResultSet rows = statement.executeQuery("select null_cell")) {
                List<String> cells = new ArrayList<>();
                while (rows.next()) {
                    cells.add(rows.getString("null_cell"));
                }
                assertThat(cells).containsExactly("a", null);
            }
            assertThat(statement.executeUpdate("insert")).isEqualTo(3);
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThat(sessions.violations).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.closes.get() == sessions.opened.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aWarningCountMakesTheDriverAskForTheWarnings(String driver) throws SQLException {
        try (Connection connection = connect(driver, "root", "");
                Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
            assertThat((Object) statement.getWarnings()).as("no count, no warnings").isNull();
            try (java.sql.ResultSet rows = statement.executeQuery("select warned")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.next()).isFalse();
            }
            java.sql.SQLWarning warning = statement.getWarnings();
            assertThat((Object) warning).isNotNull();
            assertThat(warning.getMessage()).isEqualTo("first");
            assertThat(warning.getNextWarning().getMessage()).isEqualTo("second");
        }
        assertThat(sessions.statements.stream().map(sql -> sql.toLowerCase(java.util.Locale.ROOT)).toList())
                .containsSubsequence("select warned", "show warnings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void reportsErrorsWithCodeStateAndMessage(String driver) throws SQLException {
        try (Connection connection = connect(driver, "root", "");
                Statement statement = connection.createStatement()) {
            SQLException failed = catchThrowableOfType(SQLException.class, () -> statement.execute("fail"));
            assertThat(failed.getErrorCode()).as(failed.toString()).isEqualTo(1105);
            assertThat(failed.getSQLState()).isEqualTo("HY000");
            assertThat(failed.getMessage()).endsWith("errCode = 2, detailMessage = fail on purpose");

            SQLException boom = catchThrowableOfType(SQLException.class, () -> statement.execute("boom"));
            assertThat(boom.getErrorCode()).isEqualTo(1105);
            assertThat(boom.getMessage())
                    .endsWith("errCode = 2, detailMessage = Internal error while executing the statement; "
                    + "see the FE log (fe.log) for details");

            try (java.sql.ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void logsInWithPassword(String driver) throws SQLException {
        try (Connection connection = connect(driver, "op", "secret");
                Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("select 1")) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(sessions.opened).extracting(ConnectionInfo::user).contains("op");
        assertThat(sessions.opened).extracting(ConnectionInfo::remoteHost).contains("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void refusesWrongPassword(String driver) {
        SQLException refused = catchThrowableOfType(SQLException.class, () -> connect(driver, "op", "wrong"));
        assertThat(refused.getErrorCode()).isEqualTo(1045);
        assertThat(refused.getSQLState()).isEqualTo("28000");
        assertThat(refused.getMessage())
                .contains("Access denied for user 'op'@'127.0.0.1' (using password: YES)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void refusesMissingDatabase(String driver) {
        String url = "jdbc:" + driver + "://127.0.0.1:" + server.port() + "/missing?user=root&password=";
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Unknown database 'missing'")
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1049));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void passesTheDatabaseOfTheUrl(String driver) throws SQLException {
        String url = "jdbc:" + driver + "://127.0.0.1:" + server.port() + "/demo?user=root&password=";
        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThat(sessions.opened).extracting(ConnectionInfo::database).contains("demo");
    }

    /** Connector/J's changeUser sends COM_CHANGE_USER: the new user gets a fresh session, a wrong password 1045. */
    @org.junit.jupiter.api.Test
    void connectorJChangesTheUser() throws SQLException {
        try (Connection connection = connect("mysql", "root", "")) {
            com.mysql.cj.jdbc.JdbcConnection mysql = connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class);
            mysql.changeUser("op", "secret");
            assertThat(connection.isValid(5)).isTrue();
            assertThat(sessions.opened).extracting(ConnectionInfo::user).containsExactly("root", "op");
            await().atMost(Duration.ofSeconds(10)).until(() -> sessions.closes.get() == 1);
            try (Statement statement = connection.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
            SQLException refused = catchThrowableOfType(SQLException.class, () -> mysql.changeUser("op", "wrong"));
            assertThat(refused.getErrorCode()).isEqualTo(1045);
            assertThat(refused.getMessage()).contains("Access denied for user 'op'@'127.0.0.1' (using password: YES)");
        }
    }
}
