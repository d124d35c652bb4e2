package io.tessera.fe.replication;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SHOW DECOMMISSION [ALL] through the real wiring: a draining job is listed with its replicas
 * left going down, and once its backend is drained and dropped it is listed only with ALL,
 * removed, every replica moved. Both need NODE.
 */
class ShowDecommissionTest {
    private static final String NODE_DENIED =
            "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation";
    private static InProcessCluster cluster;
    private static ClusterSession session;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        DrainTables.createLoaded(session, "showdecom");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aDrainIsWatchedWhileItRunsAndFoundAfterwards() {
        await("balance settles").atMost(Duration.ofSeconds(30))
                .until(() -> DrainTables.spread(DrainTables.tabletNums(session)) <= 2);
        Map<String, Integer> before = DrainTables.tabletNums(session);
        String leaving = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String total = Integer.toString(before.get(leaving));
        assertThat(jobs("SHOW DECOMMISSION ALL")).isEmpty();

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving + "\"");
        Map<String, String> started = only(jobs("SHOW DECOMMISSION"));
        assertThat(started.keySet()).containsExactly("JobId", "BackendId", "Host", "HeartbeatPort", "State",
                "StartedAt", "StartedBy", "FinishedAt", "ReplicasTotal", "ReplicasMoved", "ReplicasLeft", "BytesTotal",
                "BytesMoved", "BytesLeft", "RateBytesPerSec", "EtaSeconds", "Blocked", "Warning");
        assertThat(started).containsEntry("BackendId", leaving).containsEntry("State", "DRAINING")
                .containsEntry("ReplicasTotal", total).containsEntry("FinishedAt", null)
                .containsEntry("Blocked", "0").containsEntry("Warning", null);
        assertThat(started.get("StartedAt")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(started.get("StartedBy")).contains("root");

        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        await("replicas left going down").atMost(Duration.ofSeconds(60)).until(() -> {
            seen.set(only(jobs("SHOW DECOMMISSION")));
            return Long.parseLong(seen.get().get("ReplicasLeft")) < Long.parseLong(total);
        });
        assertThat(seen.get()).containsEntry("State", "DRAINING");
        assertThat(Long.parseLong(seen.get().get("ReplicasMoved")) + Long.parseLong(seen.get().get("ReplicasLeft")))
                .isEqualTo(Long.parseLong(total));
        await("replicas left reach 0").atMost(Duration.ofSeconds(60))
                .until(() -> only(jobs("SHOW DECOMMISSION")).get("ReplicasLeft").equals("0"));

        await("backend " + leaving + " dropped").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(5, TimeUnit.SECONDS);
            return !DrainTables.tabletNums(session).containsKey(leaving);
        });
        assertThat(jobs("SHOW DECOMMISSION")).as("no job runs any more").isEmpty();
        Map<String, String> ended = only(jobs("SHOW DECOMMISSION ALL"));
        assertThat(ended).containsEntry("JobId", started.get("JobId")).containsEntry("State", "REMOVED")
                .containsEntry("Host", started.get("Host")).containsEntry("ReplicasTotal", total)
                .containsEntry("ReplicasMoved", total).containsEntry("ReplicasLeft", "0")
                .containsEntry("EtaSeconds", null).containsEntry("Warning", null);
        assertThat(ended.get("FinishedAt")).isNotNull();
        if (ended.get("BytesTotal") == null) {
            assertThat(ended.get("BytesMoved")).as("unknown at the start: unknown moved").isNull();
        } else {
            assertThat(ended.get("BytesMoved")).isEqualTo(ended.get("BytesTotal"));
            assertThat(ended.get("BytesLeft")).isEqualTo("0");
        }
    }

    @Test
    void bothStatementsNeedNode() {
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1")) {
            for (String sql : List.of("SHOW DECOMMISSION", "SHOW DECOMMISSION ALL")) {
                TesseraException failure = catchThrowableOfType(TesseraException.class, () -> admin.execute(sql));
                assertThat(failure).as(sql).isNotNull();
                assertThat(failure.getMessage()).as(sql).isEqualTo(NODE_DENIED);
                assertThat(failure.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
            }
        }
    }

    private static List<Map<String, String>> jobs(String sql) {
        return maps(session.query(sql));
    }

    private static Map<String, String> only(List<Map<String, String>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
