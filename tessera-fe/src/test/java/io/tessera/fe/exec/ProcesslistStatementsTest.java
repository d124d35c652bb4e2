package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.LiveConnection;
import io.tessera.fe.session.RunningStatement;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SHOW [FULL] PROCESSLIST, SHOW PROC '/current_queries', KILL and SLEEP through the FE's sessions:
 * Doris's columns and texts, who sees and kills whose connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcesslistStatementsTest {
    private static final String LONG_TEXT = "x".repeat(120);
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        cluster.execute("CREATE USER 'alice'@'%' IDENTIFIED BY 'pw'");
        cluster.execute("CREATE USER 'bob'@'%' IDENTIFIED BY 'pw'");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private static int id(ClusterSession session) {
        return Integer.parseInt(session.rows("SELECT CONNECTION_ID()").get(0).get(0));
    }

    private static List<String> row(ResultSet rows, int connectionId) {
        return rows.rows().stream().filter(row -> row.get(1).equals(Integer.toString(connectionId))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for connection " + connectionId + " in " + rows.rows()));
    }

    @Test
    void adminSeesEveryConnectionOthersOnlyTheirOwn() {
        ClusterSession root = cluster.session();
        ClusterSession alice = cluster.session("alice", "10.0.0.5");
        ClusterSession bob = cluster.session("bob", "10.0.0.6");
        int aliceId = id(alice);
        alice.rows("SELECT '" + LONG_TEXT + "'");

        ResultSet all = root.query("SHOW PROCESSLIST");
        assertThat(all.columns()).extracting(Column::name).containsExactly("CurrentConnected", "Id", "User", "Host",
                "LoginTime", "Catalog", "Db", "Command", "Time", "State", "QueryId", "TraceId", "Info", "FE",
                "CloudCluster");
        List<String> aliceRow = row(all, aliceId);
        assertThat(aliceRow.get(0)).isEqualTo("No");
        assertThat(aliceRow.subList(2, 4)).containsExactly("alice", "10.0.0.5");
        assertThat(aliceRow.get(4)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(aliceRow.subList(5, 8)).containsExactly("internal", "", "Sleep");
        assertThat(aliceRow.get(9)).isEqualTo("EOF");
        assertThat(aliceRow.get(10)).matches("[0-9a-f]{16}-[0-9a-f]{16}");
        assertThat(aliceRow.get(11)).isEmpty();
        assertThat(aliceRow.get(12)).hasSize(ProcesslistExecutor.INFO_CHARS).startsWith("SELECT 'xxx");
        assertThat(aliceRow.get(13)).isEqualTo(cluster.frontendHost());
        assertThat(aliceRow.get(14)).isEqualTo("NULL");
        List<String> own = row(all, id(root));
        assertThat(own.get(0)).isEqualTo("Yes");
        assertThat(own.get(7)).isEqualTo("Query");
        assertThat(own.get(12)).isEqualTo("SHOW PROCESSLIST");
        assertThat(row(root.query("SHOW FULL PROCESSLIST"), aliceId).get(12)).isEqualTo("SELECT '" + LONG_TEXT + "'");

        assertThat(alice.query("SHOW PROCESSLIST").rows()).extracting(r -> r.get(2)).containsOnly("alice");
        assertThat(root.rows("SELECT User, Info FROM information_schema.processlist WHERE Id = " + aliceId))
                .containsExactly(List.of("alice", "SHOW PROCESSLIST"));
        assertThat(alice.rows("SELECT User FROM information_schema.processlist")).extracting(r -> r.get(0))
                .containsOnly("alice");
        assertThat(bob.query("SHOW FULL PROCESSLIST").rows()).extracting(r -> r.get(2)).containsOnly("bob");
    }

    @Test
    void anErrorIsShownAsInfoWithStateErr() {
        ClusterSession alice = cluster.session("alice", "10.0.0.5");
        int aliceId = id(alice);
        TesseraException error = catchThrowableOfType(TesseraException.class, () -> alice.execute("SELEC 1"));
        List<String> row = row(cluster.session().query("SHOW PROCESSLIST"), aliceId);
        assertThat(row.get(9)).isEqualTo("ERR");
        assertThat(row.get(12)).isEqualTo(error.clientMessage());
    }

    @Test
    void killAnswersDorisTextsForUnknownIdsAndOtherUsersConnections() {
        ClusterSession root = cluster.session();
        ClusterSession alice = cluster.session("alice", "10.0.0.5");
        ClusterSession aliceAgain = cluster.session("alice", "10.0.0.7");
        ClusterSession bob = cluster.session("bob", "10.0.0.6");
        int rootId = id(root);

        TesseraException unknown = catchThrowableOfType(TesseraException.class, () -> alice.execute("KILL 987654"));
        assertThat(unknown.code().mysqlCode()).isEqualTo(1094);
        assertThat(unknown.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown thread id: 987654");

        TesseraException denied = catchThrowableOfType(TesseraException.class,
                () -> alice.execute("KILL QUERY " + rootId));
        assertThat(denied.code().mysqlCode()).isEqualTo(1095);
        assertThat(denied.getMessage()).isEqualTo("You are not owner of thread or query: " + rootId);
        catchThrowableOfType(TesseraException.class, () -> bob.execute("KILL " + id(aliceAgain)));

        TesseraException noQuery = catchThrowableOfType(TesseraException.class,
                () -> root.execute("KILL QUERY 'feedfeedfeedfeed-0000000000000001'"));
        assertThat(noQuery.code().mysqlCode()).isEqualTo(1097);
        assertThat(noQuery.getMessage()).isEqualTo("Unknown query id: feedfeedfeedfeed-0000000000000001");

        // The same user may kill their other connections; ADMIN may kill anyone's.
        assertThat(alice.execute("KILL QUERY " + id(aliceAgain))).isNotNull();
        assertThat(root.execute("KILL QUERY " + id(bob))).isNotNull();
    }

    @Test
    void killQueryCancelsTheRunningStatementWithDorisText() {
        ClusterSession root = cluster.session();
        ClusterSession alice = cluster.session("alice", "10.0.0.5");
        LiveConnection target = cluster.connections().find(id(alice)).orElseThrow();
        // A statement of alice's, as if it were still running.
        RunningStatement running = target.begin(LiveConnection.Command.QUERY, "SELECT sleep(30)");

        ResultSet queries = root.query("SHOW PROC '/current_queries'");
        assertThat(queries.columns()).extracting(Column::name).containsExactly("QueryId", "ConnectionId", "Catalog",
                "Database", "User", "ScanBytes", "ProcessRows", "ExecTime");
        assertThat(queries.rows()).contains(List.of(running.queryId(), Integer.toString(target.connectionId()),
                "internal", "", "alice", "N/A", "N/A", "0"));
        assertThat(root.rows("SHOW PROC '/current_queries/" + running.queryId() + "'"))
                .containsExactly(List.of("SELECT sleep(30)"));

        root.execute("KILL QUERY '" + running.queryId() + "'");
        TesseraException cancelled = running.cancellation().reason();
        assertThat(cancelled.code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
        assertThat(cancelled.clientMessage())
                .isEqualTo("errCode = 2, detailMessage = cancel query by user from 127.0.0.1");
        target.end(running, "ERR", cancelled.clientMessage());
    }

    @Test
    void sleepWaitsOnTheClockAndAnswersOne() {
        ClusterSession session = cluster.session();
        long before = cluster.clock().monotonicNanos();
        assertThat(session.rows("SELECT sleep(1)")).containsExactly(List.of("1"));
        assertThat(cluster.clock().monotonicNanos() - before).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(session.rows("SELECT sleep(NULL)")).containsExactly(java.util.Arrays.asList((String) null));
    }
}
