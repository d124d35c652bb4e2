package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.be.storage.tablet.ReplicaStatus;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BEGIN, INSERTs and COMMIT or ROLLBACK as one load transaction, through the BEs of an in-process
 * cluster, with Doris's answers and texts; and the session statements drivers send around them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionStatementsTest {
    private static final String NOT_IN_TRANSACTION =
            "This is in a transaction, only insert, update, delete, commit, rollback is acceptable.";

    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(2);
        cluster.execute("CREATE DATABASE tx");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private ClusterSession session() {
        ClusterSession session = cluster.session();
        session.execute("USE tx");
        return session;
    }

    private void createTable(String name) {
        cluster.execute("CREATE TABLE tx." + name + " (k INT, v VARCHAR(8)) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"2\")");
    }

    private List<List<String>> rowsOf(String table) {
        return cluster.rows("SELECT k, v FROM tx." + table + " ORDER BY k");
    }

    /** Pending (written, not published) rowsets on every replica of every backend. */
    private int pendingRowsets() {
        return cluster.backends().stream().flatMap(backend -> backend.node().tabletStore().replicas().stream())
                .mapToInt(ReplicaStatus::pendingCount).sum();
    }

    @Test
    void rowsOfSeveralInsertsAppearTogetherAtCommit() {
        createTable("together");
        try (ClusterSession writer = session()) {
            OkResult begin = writer.update("BEGIN");
            assertThat(begin.info())
                    .matches("\\{'label':'txn_insert_[0-9a-f]+_[0-9a-f]+', 'status':'PREPARE', 'txnId':''}");
            OkResult first = writer.update("INSERT INTO together VALUES (1, 'a'), (2, 'b')");
            assertThat(first.affectedRows()).isEqualTo(2);
            assertThat(first.info()).endsWith("'status':'PREPARE', 'txnId':''}");
            writer.update("INSERT INTO together (k, v) VALUES (3, 'c')");
            writer.update("insert into together values (4, 'd')");
            assertThat(rowsOf("together")).as("another session sees nothing before COMMIT").isEmpty();
            OkResult commit = writer.update("COMMIT");
            assertThat(commit.info()).matches("\\{'label':'txn_insert_[0-9a-f]+_[0-9a-f]+', 'status':'VISIBLE', "
                    + "'txnId':'\\d+'}");
            assertThat(rowsOf("together")).containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"),
                    List.of("4", "d"));
            assertThat(writer.rows("SELECT count(*) FROM together")).containsExactly(List.of("4"));
        }
    }

    @Test
    void beginWithLabelAndStartTransactionCommitWork() {
        createTable("labelled");
        try (ClusterSession writer = session()) {
            assertThat(writer.update("BEGIN WITH LABEL my_txn").info())
                    .isEqualTo("{'label':'my_txn', 'status':'PREPARE', 'txnId':''}");
            writer.update("INSERT INTO labelled VALUES (1, 'a')");
            assertThat(writer.update("COMMIT WORK").info())
                    .matches("\\{'label':'my_txn', 'status':'VISIBLE', 'txnId':'\\d+'}");
            writer.update("START TRANSACTION WITH LABEL my_txn");
            writer.update("INSERT INTO labelled VALUES (2, 'b')");
            TesseraException used = catchThrowableOfType(() -> writer.update("COMMIT"), TesseraException.class);
            assertThat(used).hasMessageContaining("my_txn");
            assertThat(writer.update("START TRANSACTION").info()).contains("'status':'PREPARE'");
            writer.update("INSERT INTO labelled VALUES (3, 'c')");
            writer.update("COMMIT");
        }
        assertThat(rowsOf("labelled")).containsExactly(List.of("1", "a"), List.of("3", "c"));
    }

    @Test
    void rollbackLoadsNothing() {
        createTable("rolled");
        try (ClusterSession writer = session()) {
            writer.update("BEGIN");
            writer.update("INSERT INTO rolled VALUES (1, 'a')");
            writer.update("INSERT INTO rolled VALUES (2, 'b')");
            assertThat(writer.update("ROLLBACK WORK").info()).isEmpty();
            assertThat(pendingRowsets()).isZero();
            assertThat(writer.rows("SELECT count(*) FROM rolled")).as("no transaction open any more")
                    .containsExactly(List.of("0"));
        }
        assertThat(rowsOf("rolled")).isEmpty();
    }

    @Test
    void aClosedConnectionLoadsNothing() {
        createTable("closed");
        ClusterSession writer = session();
        writer.update("BEGIN WITH LABEL closed_txn");
        writer.update("INSERT INTO closed VALUES (1, 'a')");
        writer.close();
        assertThat(rowsOf("closed")).isEmpty();
        assertThat(pendingRowsets()).as("no backend holds a pending rowset of the dropped transaction").isZero();
        try (ClusterSession again = session()) {
            again.update("BEGIN WITH LABEL closed_txn");
            again.update("INSERT INTO closed VALUES (2, 'b')");
            assertThat(again.update("COMMIT").info()).as("the label was never used").contains("'status':'VISIBLE'");
        }
        assertThat(rowsOf("closed")).containsExactly(List.of("2", "b"));
    }

    @Test
    void commitAndRollbackWithoutBeginAnswerOk() {
        try (ClusterSession session = session()) {
            assertThat(session.update("COMMIT").info()).isEmpty();
            assertThat(session.update("ROLLBACK").info()).isEmpty();
            session.update("BEGIN");
            assertThat(session.update("COMMIT").info()).as("nothing inserted: nothing to load").isEmpty();
        }
    }

    @Test
    void insideATransactionOnlyInsertCommitAndRollbackAreTaken() {
        createTable("guarded");
        try (ClusterSession writer = session()) {
            writer.update("BEGIN WITH LABEL guarded_txn");
            writer.update("INSERT INTO guarded VALUES (1, 'a')");
            for (String sql : List.of("SELECT 1", "SELECT * FROM guarded", "SHOW TABLES",
                    "CREATE TABLE other (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1", "SET autocommit = 1")) {
                assertThat(catchThrowableOfType(() -> writer.execute(sql), TesseraException.class))
                        .as(sql).hasMessage(NOT_IN_TRANSACTION);
            }
            assertThat(writer.update("BEGIN").info()).as("a second BEGIN is ignored").isEmpty();
            writer.update("INSERT INTO guarded VALUES (2, 'b')");
            assertThat(writer.update("COMMIT").info()).contains("'label':'guarded_txn'");
        }
        assertThat(rowsOf("guarded")).hasSize(2);
    }

    @Test
    void aFailingInsertOrASecondTableRollsTheTransactionBack() {
        createTable("failing");
        createTable("second");
        try (ClusterSession writer = session()) {
            writer.update("BEGIN");
            writer.update("INSERT INTO failing VALUES (1, 'a')");
            TesseraException other = catchThrowableOfType(
                    () -> writer.update("INSERT INTO second VALUES (1, 'a')"), TesseraException.class);
            assertThat(other).hasMessage("Only one table can be inserted in one transaction.");
            assertThat(writer.rows("SELECT count(*) FROM failing")).as("rolled back: SELECT runs again")
                    .containsExactly(List.of("0"));

            writer.update("BEGIN");
            writer.update("INSERT INTO failing VALUES (2, 'b')");
            TesseraException bad = catchThrowableOfType(
                    () -> writer.update("INSERT INTO failing VALUES (3, 'too long a value')"), TesseraException.class);
            assertThat(bad).isNotNull();
            assertThat(writer.update("COMMIT").info()).as("nothing left to commit").isEmpty();
        }
        assertThat(rowsOf("failing")).isEmpty();
        assertThat(rowsOf("second")).isEmpty();
    }

    @Test
    void aTransactionOlderThanItsTimeoutIsRolledBack() {
        createTable("slow");
        try (ClusterSession writer = session()) {
            writer.update("SET insert_timeout = 2");
            writer.update("SET query_timeout = 3");
            writer.update("BEGIN WITH LABEL slow_txn");
            writer.update("INSERT INTO slow VALUES (1, 'a')");
            cluster.clock().advance(4, TimeUnit.SECONDS);
            TesseraException late = catchThrowableOfType(() -> writer.update("COMMIT"), TesseraException.class);
            assertThat(late).hasMessageContaining("'slow_txn' timed out")
                    .hasMessageContaining("the limit is 3 seconds");
            assertThat(writer.update("COMMIT").info()).isEmpty();
        }
        assertThat(rowsOf("slow")).isEmpty();
    }

    @Test
    void setTransactionAndTheVariablesDriversReadAreAccepted() {
        try (ClusterSession session = session()) {
            for (String sql : List.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
                    "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SET GLOBAL TRANSACTION READ WRITE",
                    "SET TRANSACTION READ ONLY", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE",
                    "SET autocommit = 0", "SET autocommit = 1", "SET NAMES utf8mb4 COLLATE utf8mb4_general_ci",
                    "SET character_set_results = NULL")) {
                session.update(sql);
            }
            assertThat(session.rows("SELECT @@transaction_isolation, @@tx_isolation, @@transaction_read_only, "
                    + "@@tx_read_only, @@character_set_database, @@collation_database, @@autocommit"))
                    .containsExactly(List.of("REPEATABLE-READ", "REPEATABLE-READ", "0", "0", "utf8mb4",
                            "utf8mb4_0900_bin", "1"));
        }
    }

    @Test
    void setSessionTransactionIsReadBackFromTheVariables() {
        try (ClusterSession session = session()) {
            session.update("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED, READ ONLY");
            assertThat(session.rows("SELECT @@transaction_isolation, @@tx_isolation, @@transaction_read_only, "
                    + "@@tx_read_only")).containsExactly(List.of("READ-UNCOMMITTED", "READ-UNCOMMITTED", "1", "1"));
            session.update("SET TRANSACTION READ WRITE");
            session.update("SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertThat(session.rows("SELECT @@transaction_read_only, @@global.transaction_isolation"))
                    .as("the next-transaction and GLOBAL forms change no variable").containsExactly(List.of("1",
                            "REPEATABLE-READ"));
            session.update("SET SESSION TRANSACTION READ WRITE");
            assertThat(session.rows("SELECT @@transaction_read_only")).containsExactly(List.of("0"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void jdbcAutoCommitFalseIsNoTransactionAsInDoris(String driver) throws SQLException {
        String table = "jdbc_" + driver;
        createTable(table);
        String url = cluster.jdbcUrl().replace("jdbc:mysql:", "jdbc:" + driver + ":") + "tx?user=root&password=";
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 'a')");
            connection.rollback();
            assertThat(rowsOf(table)).as("autocommit=0 opens no transaction in Doris: the INSERT is visible")
                    .containsExactly(List.of("1", "a"));
            statement.executeUpdate("INSERT INTO " + table + " VALUES (2, 'b')");
            connection.commit();
            connection.setAutoCommit(true);

            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (3, 'c')");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (4, 'd')");
            assertThat(rowsOf(table)).hasSize(2);
            statement.execute("COMMIT");
            assertThat(rowsOf(table)).hasSize(4);

            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (5, 'e')");
            statement.execute("ROLLBACK");
            assertThat(rowsOf(table)).hasSize(4);
        }
    }

    /**
     * A transaction BEGIN opened and the driver's own commit() or rollback() closes: MariaDB
     * Connector/J sends COMMIT only when the server's status says a transaction is open, so
     * without SERVER_STATUS_IN_TRANS the rows were silently never loaded.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void theDriversCommitAndRollbackCloseATransactionBeginOpened(String driver) throws SQLException {
        String table = "driver_commit_" + driver;
        createTable(table);
        String url = cluster.jdbcUrl().replace("jdbc:mysql:", "jdbc:" + driver + ":") + "tx?user=root&password=";
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            assertThat(connection.getAutoCommit()).isFalse();
            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 'a')");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (2, 'b')");
            assertThat(rowsOf(table)).isEmpty();
            connection.commit();
            assertThat(rowsOf(table)).as("the driver's commit() sent COMMIT").hasSize(2);

            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (3, 'c')");
            connection.rollback();
            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO " + table + " VALUES (4, 'd')");
            connection.commit();
            assertThat(rowsOf(table)).as("the driver's rollback() sent ROLLBACK, so the next BEGIN opened anew")
                    .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("4", "d"));
            connection.setAutoCommit(true);
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }
}
