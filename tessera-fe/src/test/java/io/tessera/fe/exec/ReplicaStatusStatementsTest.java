package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ADMIN SET REPLICA STATUS: Doris's checks, the journaled mark, and the repair it leads to. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaStatusStatementsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("CREATE DATABASE marks");
        session.execute("USE marks");
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

    private static String set(String tabletId, String backendId, String status) {
        return "ADMIN SET REPLICA STATUS PROPERTIES (\"tablet_id\" = \"" + tabletId + "\", \"backend_id\" = \""
                + backendId + "\", \"status\" = \"" + status + "\")";
    }

    @Test
    void refusesWithDorisTexts() {
        assertThat(refusal(set("x", "1", "bad"))).endsWith("Invalid tablet id format: x");
        assertThat(refusal(set("1", "y", "bad"))).endsWith("Invalid backend id format: y");
        assertThat(refusal(set("1", "1", "dead"))).endsWith("Do not support setting replica status as dead");
        assertThat(refusal("ADMIN SET REPLICA STATUS PROPERTIES (\"tablet\" = \"1\")"))
                .endsWith("Unknown property: tablet");
        assertThat(refusal("ADMIN SET REPLICA STATUS PROPERTIES (\"tablet_id\" = \"1\")"))
                .endsWith("Should add following properties: TABLET_ID, BACKEND_ID and STATUS");
        assertThat(refusal(set("1", "1", "bad"))).endsWith("set replica status failed, tabletId=1");
    }

    @Test
    void aReplicaMarkedBadIsShownAndRepairedElsewhere() {
        session.execute("CREATE TABLE r (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"2\")");
        session.execute("INSERT INTO r VALUES (1), (2)");
        List<List<String>> replicas = session.rows("SHOW TABLETS FROM r");
        String tabletId = replicas.get(0).get(0);
        String badReplica = replicas.get(0).get(1);
        String badBackend = replicas.get(0).get(2);
        String detail = maps(session.query("SHOW TABLET " + tabletId)).get(0).get("DetailCmd");
        String replicaProc = detail.substring("SHOW PROC '".length(), detail.length() - 2);

        session.execute(set(tabletId, badBackend, "ok"));
        session.execute(set(tabletId, badBackend, "BAD"));
        // The clock moves on at every poll: the scheduler may first see the mark after any one advance.
        await().atMost(WAIT).untilAsserted(() -> {
            cluster.clock().advance(5, TimeUnit.SECONDS);
            List<List<String>> now = session.rows("SHOW TABLETS FROM r");
            assertThat(now).hasSize(2).extracting(row -> row.get(1)).doesNotContain(badReplica);
        });
        assertThat(session.rows("SELECT k FROM r ORDER BY k")).containsExactly(List.of("1"), List.of("2"));
        List<Map<String, String>> rows = maps(session.query("SHOW PROC '" + replicaProc + "'"));
        assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("IsBad", "false"));
    }

    @Test
    void theMarkShowsAsIsBadAndOkClearsIt() {
        // The scheduler would soon replace a marked replica; held still here to read the marks.
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"true\")");
        try {
            marksShowAndClear();
        } finally {
            session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"false\")");
        }
    }

    private void marksShowAndClear() {
        session.execute("CREATE TABLE s (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"3\")");
        List<String> replica = session.rows("SHOW TABLETS FROM s").get(0);
        String detail = maps(session.query("SHOW TABLET " + replica.get(0))).get(0).get("DetailCmd");
        String replicaProc = detail.substring("SHOW PROC '".length(), detail.length() - 2);
        session.execute(set(replica.get(0), replica.get(2), "bad"));
        assertThat(maps(session.query("SHOW PROC '" + replicaProc + "'"))).filteredOn(row -> row.get("ReplicaId")
                .equals(replica.get(1))).singleElement().satisfies(row -> assertThat(row).containsEntry("IsBad",
                        "true"));
        assertThat(session.rows("ADMIN DIAGNOSE TABLET " + replica.get(0))).contains(List.of("ReplicaStatus",
                "Replica on backend " + replica.get(2) + "'s state is NORMAL, and is bad: Yes, and is going to drop: No",
                ""));
        session.execute(set(replica.get(0), replica.get(2), "drop"));
        assertThat(maps(session.query("SHOW PROC '" + replicaProc + "'"))).filteredOn(row -> row.get("ReplicaId")
                .equals(replica.get(1))).singleElement().satisfies(row -> assertThat(row)
                        .containsEntry("IsBad", "true").containsEntry("IsUserDrop", "true"));
        session.execute(set(replica.get(0), replica.get(2), "bad"));
        assertThat(maps(session.query("SHOW PROC '" + replicaProc + "'"))).filteredOn(row -> row.get("ReplicaId")
                .equals(replica.get(1))).singleElement().satisfies(row -> assertThat(row)
                        .containsEntry("IsBad", "true").containsEntry("IsUserDrop", "false"));
        session.execute(set(replica.get(0), replica.get(2), "ok"));
        session.execute(set(replica.get(0), replica.get(2), "Drop"));
        assertThat(session.rows("ADMIN DIAGNOSE TABLET " + replica.get(0))).contains(List.of("ReplicaStatus",
                "Replica on backend " + replica.get(2) + "'s state is NORMAL, and is bad: No, and is going to drop: Yes",
                ""));
        session.execute(set(replica.get(0), replica.get(2), "ok"));
        assertThat(maps(session.query("SHOW PROC '" + replicaProc + "'"))).allSatisfy(row -> assertThat(row)
                .containsEntry("IsBad", "false").containsEntry("IsUserDrop", "false"));
    }

    @Test
    void aReplicaMarkedToDropIsReplacedThenRemoved() {
        session.execute("CREATE TABLE u (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"2\")");
        session.execute("INSERT INTO u VALUES (7)");
        List<String> replica = session.rows("SHOW TABLETS FROM u").get(0);
        session.execute(set(replica.get(0), replica.get(2), "drop"));
        cluster.clock().advance(5, TimeUnit.SECONDS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(session.rows("SHOW TABLETS FROM u")).hasSize(2)
                .extracting(row -> row.get(1)).doesNotContain(replica.get(1)));
        assertThat(session.rows("SELECT k FROM u")).containsExactly(List.of("7"));
    }
}
