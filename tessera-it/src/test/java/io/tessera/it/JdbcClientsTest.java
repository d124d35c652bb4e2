package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MySQL Connector/J and MariaDB Connector/J, both at default settings, against a real FE process:
 * they connect (running their own connect-time statements), list catalogs, read variables and
 * SHOW BACKENDS, and get Doris's refusal as error 1105.
 */
class JdbcClientsTest {
    private static FrontendProcess frontend;

    @BeforeAll
    static void start() throws Exception {
        frontend = FrontendProcess.start(TestAddresses.JDBC_CLIENTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (frontend != null) {
            frontend.close();
        }
    }

    private static Connection connect(String driver) throws SQLException {
        return DriverManager.getConnection("jdbc:" + driver + "://" + frontend.host() + ":" + frontend.port()
                + "/?user=root&password=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void connectsAndAnswersConnectTimeQueries(String driver) throws Exception {
        try (Connection connection = connect(driver); Statement statement = connection.createStatement()) {
            assertThat(connection.isValid(5)).isTrue();
            assertThat(single(statement, "SELECT @@version_comment LIMIT 1")).startsWith("Tessera version ");
            assertThat(single(statement, "SELECT VERSION()")).isEqualTo("5.7.99");
            assertThat(single(statement, "SELECT 1")).isEqualTo("1");
            assertThat(single(statement, "SELECT DATABASE()")).isNull();
            assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("5.7.99");

            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString(1));
                }
            }
            assertThat(catalogs).containsExactly("information_schema", "mysql");

            statement.execute("USE information_schema");
            assertThat(single(statement, "SELECT DATABASE()")).isEqualTo("information_schema");
            try (ResultSet rs = statement.executeQuery("SHOW VARIABLES LIKE 'auto_increment%'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("Variable_name")).isEqualTo("auto_increment_increment");
                assertThat(rs.getString("Value")).isEqualTo("1");
            }
            statement.execute("SET sql_mode = 'ONLY_FULL_GROUP_BY', sql_mode = CONCAT(@@sql_mode, ',NO_ENGINE_SUBSTITUTION')");
            assertThat(single(statement, "SELECT @@session.sql_mode"))
                    .isEqualTo("ONLY_FULL_GROUP_BY,NO_ENGINE_SUBSTITUTION");
            assertThat(single(statement, "SELECT @@global.sql_mode")).isEqualTo("ONLY_FULL_GROUP_BY");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void getsTheSeedRefusalAsError1105(String driver) throws Exception {
        try (Connection connection = connect(driver); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("ALTER SYSTEM DROP BACKEND \"127.0.0.1:9050\";"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1105);
                        assertThat(e.getSQLState()).isEqualTo("HY000");
                        assertThat(e.getMessage()).endsWith("errCode = 2, detailMessage = It is highly NOT "
                                + "RECOMMENDED to use DROP BACKEND stmt.It is not safe to directly drop a backend. "
                                + "All data on this backend will be discarded permanently. If you insist, use DROPP "
                                + "instead of DROP");
                    });
            // The connection is still usable after an error.
            assertThat(single(statement, "SELECT 1")).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void managesBackendsAndReadsShowBackendsByName(String driver) throws Exception {
        String host = "mysql".equals(driver) ? "127.0.0.11" : "127.0.0.12";
        try (Connection connection = connect(driver); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("ALTER SYSTEM ADD BACKEND '" + host + ":9050'")).isZero();
            try (ResultSet rs = statement.executeQuery("SHOW BACKENDS")) {
                ResultSetMetaData meta = rs.getMetaData();
                assertThat(meta.getColumnCount()).isEqualTo(29);
                assertThat(meta.getColumnLabel(1)).isEqualTo("BackendId");
                assertThat(meta.getColumnLabel(29)).isEqualTo("RunningTasks");
                boolean found = false;
                while (rs.next()) {
                    if (rs.getString("Host").equals(host)) {
                        found = true;
                        assertThat(rs.getString("Alive")).isEqualTo("false");
                        assertThat(rs.getString("LastHeartbeat")).isNull();
                        assertThat(rs.getString("AvailCapacity")).isEqualTo("1.000 B");
                    }
                }
                assertThat(found).isTrue();
            }
            statement.execute("ALTER SYSTEM DROPP BACKEND '" + host + ":9050'");
            assertThatThrownBy(() -> statement.execute("ALTER SYSTEM DROPP BACKEND '" + host + ":9050'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                            .endsWith("errCode = 2, detailMessage = backend does not exists[" + host + ":9050]"));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            String value = rs.getString(1);
            assertThat(rs.next()).isFalse();
            return value;
        }
    }
}
