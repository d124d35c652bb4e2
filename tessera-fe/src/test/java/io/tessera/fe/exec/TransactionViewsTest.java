package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.column;
import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SHOW TRANSACTION and SHOW PROC '/transactions' over INSERTs of an in-process cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionViewsTest {
    private InProcessCluster cluster;
    private ClusterSession session;
    private String dbId;
    private String txnId;
    private String tableId;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        session = cluster.session();
        session.execute("CREATE DATABASE txns");
        session.execute("USE txns");
        session.execute("CREATE TABLE t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"1\")");
        String info = session.update("INSERT INTO t WITH LABEL first_load VALUES (1, 2)").info();
        txnId = info.replaceAll(".*'txnId':'(\\d+)'.*", "$1");
        session.execute("INSERT INTO t WITH LABEL second_load VALUES (3, 4)");
        dbId = maps(session.query("SHOW PROC '/dbs'")).stream().filter(row -> row.get("DbName").equals("txns"))
                .findFirst().orElseThrow().get("DbId");
        tableId = maps(session.query("SHOW PROC '/dbs/" + dbId + "'")).get(0).get("TableId");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private String refusal(String sql) {
        try {
            session.execute(sql);
        } catch (TesseraException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused: " + sql);
    }

    @Test
    void showTransactionFindsAnInsertByIdLabelAndStatus() {
        Map<String, String> byId = maps(session.query("SHOW TRANSACTION WHERE id = " + txnId)).get(0);
        assertThat(byId.keySet()).containsExactly("TransactionId", "Label", "Coordinator", "TransactionStatus",
                "LoadJobSourceType", "PrepareTime", "PreCommitTime", "CommitTime", "PublishTime", "FinishTime",
                "Reason", "ErrorReplicasCount", "ListenerId", "TimeoutMs", "ErrMsg");
        assertThat(byId).containsEntry("Label", "first_load").containsEntry("TransactionStatus", "VISIBLE")
                .containsEntry("Coordinator", "FE: " + cluster.frontendHost())
                .containsEntry("LoadJobSourceType", "INSERT_STREAMING").containsEntry("Reason", "")
                .containsEntry("ErrorReplicasCount", "0").containsEntry("ListenerId", "-1")
                .containsEntry("TimeoutMs", "14400000").containsEntry("PreCommitTime", null);
        assertThat(byId.get("PrepareTime")).isNotNull();
        assertThat(byId.get("FinishTime")).isNotNull();
        assertThat(column(session.query("SHOW TRANSACTION FROM txns WHERE label = 'first_load'"), "TransactionId"))
                .containsExactly(txnId);
        assertThat(column(session.query("SHOW TRANSACTION WHERE label LIKE '%_load'"), "Label"))
                .containsExactly("second_load", "first_load");
        assertThat(column(session.query("SHOW TRANSACTION WHERE status = 'VISIBLE'"), "Label")).hasSize(2);
        assertThat(session.rows("SHOW TRANSACTION WHERE status = 'prepare'")).isEmpty();
    }

    @Test
    void showTransactionRefusesWithDorisTexts() {
        assertThat(refusal("SHOW TRANSACTION")).endsWith("Missing transaction id");
        assertThat(refusal("SHOW TRANSACTION WHERE id > 1")).endsWith(TransactionsExecutor.WHERE_SHAPE);
        assertThat(refusal("SHOW TRANSACTION WHERE status = 'unknown'"))
                .endsWith("status should be prepare/precommitted/committed/visible/aborted");
        assertThat(refusal("SHOW TRANSACTION WHERE id = 1")).endsWith("transaction with id 1 does not exist");
        assertThat(refusal("SHOW TRANSACTION WHERE label = 'nope'"))
                .endsWith("transaction with label nope does not exist");
        assertThat(refusal("SHOW TRANSACTION FROM nodb WHERE id = 1")).endsWith("Unknown database 'nodb'");
        try (ClusterSession noDatabase = cluster.session("root", "127.0.0.1")) {
            TesseraException refused = org.assertj.core.api.Assertions.catchThrowableOfType(TesseraException.class,
                    () -> noDatabase.execute("SHOW TRANSACTION WHERE id = 1"));
            assertThat(refused.getMessage()).endsWith("No database selected");
        }
    }

    @Test
    void transactionsProcWalksDatabasesStatesAndTables() {
        List<Map<String, String>> databases = maps(session.query("SHOW PROC '/transactions'"));
        assertThat(databases.get(databases.size() - 1)).containsEntry("DbId", "0").containsEntry("DbName", "Total")
                .containsEntry("RunningTransactionNum", "0");
        assertThat(databases).anySatisfy(row -> assertThat(row).containsEntry("DbId", dbId));
        assertThat(session.rows("SHOW PROC '/transactions/" + dbId + "'")).containsExactly(List.of("running", "0"),
                List.of("finished", "2"));
        assertThat(column(session.query("SHOW PROC '/transactions/" + dbId + "/finished'"), "Label"))
                .containsExactly("second_load", "first_load");
        assertThat(session.rows("SHOW PROC '/transactions/" + dbId + "/running'")).isEmpty();
        List<List<String>> tables = session.rows("SHOW PROC '/transactions/" + dbId + "/finished/" + txnId + "'");
        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).get(0)).isEqualTo(tableId);
        assertThat(session.rows("SHOW PROC '/transactions/" + dbId + "/finished/" + txnId + "/" + tableId + "'"))
                .hasSize(1).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("2"));
        assertThat(session.rows("SHOW PROC '/transactions/999999'")).isEmpty();
        assertThat(refusal("SHOW PROC '/transactions/" + dbId + "/done'")).endsWith("State is invalid");
        assertThat(refusal("SHOW PROC '/transactions/999999/running'"))
                .endsWith("databaseTransactionMgr[999999] does not exist");
        assertThat(refusal("SHOW PROC '/transactions/x'")).endsWith("Invalid db id format: x");
        assertThat(refusal("SHOW PROC '/transactions/" + dbId + "/finished/5'"))
                .endsWith("Transaction[5] does not exist.");
    }
}
