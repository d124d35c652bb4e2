package io.tessera.fe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.mysql.ConnectionInfo;
import io.tessera.fe.mysql.SessionHandler;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SQL side of a connection as the FE builds it ({@link FrontendSessionFactory},
 * {@link FrontendSession}): login databases, parse errors, COM_INIT_DB and COM_FIELD_LIST, and
 * statements reaching the executor that owns them, with and without the wire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontendSessionTest {
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        ClusterSession setup = cluster.session();
        setup.execute("CREATE DATABASE shop");
        setup.execute("CREATE TABLE shop.items (id BIGINT NOT NULL, name VARCHAR(32)) DUPLICATE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
        setup.execute("INSERT INTO shop.items VALUES (1, 'pen'), (2, 'ink')");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void answersAParseErrorWithAFailedFutureInDorisShape() {
        SessionHandler handler = cluster.sessions().open(new ConnectionInfo(1, "root", "127.0.0.1", null));
        CompletableFuture<?> answer = handler.handleQuery("SELEC 1");
        assertThat(answer).isCompletedExceptionally();

        TesseraException syntax = catchThrowableOfType(TesseraException.class,
                () -> cluster.session().execute("SELEC 1"));
        assertThat(syntax.code().mysqlCode()).isEqualTo(1105);
        assertThat(syntax.code().sqlState()).isEqualTo("HY000");
        assertThat(syntax.clientMessage()).startsWith("errCode = 2, detailMessage = \nmismatched input 'SELEC'");
        assertThat(syntax.getMessage()).contains("(line 1, pos 0)");
    }

    @Test
    void opensInTheLoginsDatabaseOrRefusesAMissingOne() {
        ClusterSession inShop = cluster.session("root", "127.0.0.1", "shop");
        assertThat(inShop.rows("SELECT DATABASE()")).containsExactly(List.of("shop"));
        assertThat(inShop.rows("SELECT name FROM items ORDER BY id")).containsExactly(List.of("pen"), List.of("ink"));

        TesseraException missing = catchThrowableOfType(TesseraException.class,
                () -> cluster.session("root", "127.0.0.1", "missing"));
        assertThat(missing.code()).isEqualTo(ErrorCode.BAD_DATABASE);
        assertThat(missing.getMessage()).isEqualTo("Unknown database 'missing'");
    }

    @Test
    void initDbSwitchesTheDatabaseAndFieldListNamesTheColumns() {
        ClusterSession session = cluster.session();
        assertThat(session.initDb("shop")).isEqualTo(OkResult.EMPTY);
        assertThat(session.rows("SELECT DATABASE()")).containsExactly(List.of("shop"));
        TesseraException missing = catchThrowableOfType(TesseraException.class, () -> session.initDb("nodb"));
        assertThat(missing.code()).isEqualTo(ErrorCode.BAD_DATABASE);
        assertThat(session.rows("SELECT DATABASE()")).containsExactly(List.of("shop"));

        // COM_FIELD_LIST (the mysql CLI's auto-rehash) answers a user table's columns as MySQL does:
        // named after the database and table, with the types a SELECT of them is sent with.
        assertThat(session.fieldList("items")).containsExactly(
                new Column("id", ColumnType.BIGINT, ColumnType.BIGINT.defaultLength(), 0, "shop", "items"),
                new Column("name", ColumnType.VARCHAR, 32, 0, "shop", "items"));
        TesseraException unknown = catchThrowableOfType(TesseraException.class, () -> session.fieldList("nope"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(unknown.getMessage()).isEqualTo("Unknown table 'nope'");
        session.initDb("information_schema");
        assertThat(session.fieldList("SCHEMATA")).extracting(Column::name).containsExactly("CATALOG_NAME",
                "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME", "DEFAULT_COLLATION_NAME", "SQL_PATH",
                "DEFAULT_ENCRYPTION");
    }

    @Test
    void routesConstantSelectsTableReadsAndShowStatements() {
        ClusterSession session = cluster.session();
        assertThat(session.rows("SELECT 1 + 1, 'x'")).containsExactly(List.of("2", "x"));
        assertThat(session.rows("SELECT count(*) FROM shop.items")).containsExactly(List.of("2"));
        assertThat(session.rows("SHOW WARNINGS")).isEmpty();
        assertThat(session.rows("SHOW BACKENDS")).hasSize(1);
        assertThat(session.rows("SELECT CURRENT_USER()")).containsExactly(List.of("root@127.0.0.1"));
    }

    @Test
    void givesEverySessionItsOwnConnectionId() {
        String first = cluster.session().rows("SELECT CONNECTION_ID()").get(0).get(0);
        String second = cluster.session().rows("SELECT CONNECTION_ID()").get(0).get(0);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void servesTheSameStatementsOverTheMysqlPort() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl() + "shop?user=root&password=");
                Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet rows = statement.executeQuery("SELECT id, name FROM items ORDER BY id")) {
                assertThat(rows.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.BIGINT);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1L);
                assertThat(rows.getString(2)).isEqualTo("pen");
            }
            SQLException syntax = catchThrowableOfType(SQLException.class, () -> statement.execute("SELEC 1"));
            assertThat(syntax.getErrorCode()).isEqualTo(1105);
            assertThat(syntax.getSQLState()).isEqualTo("HY000");
            assertThat(syntax.getMessage()).startsWith("errCode = 2, detailMessage = \nmismatched input 'SELEC'");
            statement.execute("CREATE TABLE wire (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                    + "PROPERTIES (\"replication_num\" = \"1\")");
            assertThat(statement.executeUpdate("INSERT INTO wire VALUES (1), (2), (3)")).isEqualTo(3);
        }
        assertThat(cluster.rows("SELECT count(*) FROM shop.wire")).containsExactly(List.of("3"));
    }
}
