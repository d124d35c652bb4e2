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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SHOW DECOMMISSION BLOCKERS and the Blocked and Warning columns of SHOW DECOMMISSION through the
 * real wiring: with the scheduler disabled each replica of the drain is "scheduler disabled"; with
 * every destination over the storage watermarks it is "not enough space", the drain stalls and says so, and it finishes once room returns; a dead
 * backend's replicas are "source dead", the replicated ones until the repair delay passes, the sole
 * ones until it returns.
 */
class DecommissionBlockersTest {
    /** 1 PiB: no backend keeps that much free, so none has room. */
    private static final String NO_ROOM = "1125899906842624";
    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeEach
    void startCluster() {
        cluster = InProcessCluster.start(4);
        session = cluster.session();
        DrainTables.createLoaded(session, "blocked");
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void fullDestinationsBlockTheDrainUntilRoomReturns() {
        Map<String, Integer> before = DrainTables.tabletNums(session);
        String leaving = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int replicas = before.get(leaving);
        // The drain's end below accepts a backend gone from SHOW BACKENDS (dropped once empty):
        // it held replicas, so that end cannot be reached without moving them.
        assertThat(replicas).as("replicas on backend " + leaving + " before the drain").isPositive();
        session.execute("ADMIN SET FRONTEND CONFIG (\"decommission_stall_warning_second\" = \"60\")");
        // Admitted while there is room (admission refuses a drain its receivers cannot hold), then
        // the disks "fill" before the scheduler may move anything.
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"true\")");
        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + leaving + "\"");
        assertThat(maps(session.query("SHOW DECOMMISSION BLOCKERS"))).hasSize(replicas)
                .allSatisfy(row -> assertThat(row).containsEntry("Reason", "scheduler disabled"));
        session.execute("ADMIN SET FRONTEND CONFIG (\"storage_min_left_capacity_bytes\" = \"" + NO_ROOM + "\")");
        session.execute("ADMIN SET FRONTEND CONFIG (\"disable_tablet_scheduler\" = \"false\")");

        String jobId = only(maps(session.query("SHOW DECOMMISSION"))).get("JobId");
        List<Map<String, String>> blockers = maps(session.query("SHOW DECOMMISSION BLOCKERS"));
        assertThat(blockers).hasSize(replicas);
        assertThat(blockers.get(0).keySet()).containsExactly("JobId", "BackendId", "TabletId", "ReplicaId",
                "Database", "Table", "Partition", "Reason", "Detail");
        assertThat(blockers).allSatisfy(row -> {
            assertThat(row).containsEntry("JobId", jobId).containsEntry("BackendId", leaving)
                    .containsEntry("Database", "blocked").containsEntry("Table", "t")
                    .containsEntry("Partition", "t").containsEntry("Reason", "not enough space");
            assertThat(row.get("Detail")).contains("are over the storage watermarks");
        });
        // Detail quotes the disks' live usage, which moves between two reads: compare the rest.
        assertThat(withoutDetail(maps(session.query("SHOW DECOMMISSION BLOCKERS FOR " + jobId))))
                .isEqualTo(withoutDetail(blockers));
        assertThat(only(maps(session.query("SHOW DECOMMISSION")))).containsEntry("Blocked",
                Integer.toString(replicas));

        await("the drain is said to stall").atMost(Duration.ofSeconds(30)).until(() -> {
            cluster.clock().advance(20, TimeUnit.SECONDS);
            return only(maps(session.query("SHOW DECOMMISSION"))).get("Warning") != null;
        });
        assertThat(only(maps(session.query("SHOW DECOMMISSION"))).get("Warning")).startsWith("no progress for ")
                .contains("decommission_stall_warning_second = 60")
                .endsWith("SHOW DECOMMISSION BLOCKERS FOR " + jobId + " says why");
        assertThat(maps(session.query("SHOW DECOMMISSION BLOCKERS"))).as("the specific reason stays")
                .allSatisfy(row -> assertThat(row).containsEntry("Reason", "not enough space"));

        session.execute("ADMIN SET FRONTEND CONFIG (\"storage_min_left_capacity_bytes\" = \"2147483648\")");
        await("drained once room returns").atMost(Duration.ofSeconds(60))
                .until(() -> DrainTables.tabletNums(session).getOrDefault(leaving, 0) == 0);
        await("no blockers left").atMost(Duration.ofSeconds(30))
                .until(() -> maps(session.query("SHOW DECOMMISSION BLOCKERS")).isEmpty());
    }

    @Test
    void aDeadBackendsReplicasAreSourceDeadUntilRepairedOrBack() {
        DrainTables.createSingle(session);
        String dead = maps(session.query("SHOW BACKENDS")).get(0).get("BackendId");
        long sole = DrainTables.singleReplicasOn(session, dead);
        int replicas = DrainTables.tabletNums(session).get(dead);
        assertThat(sole).as("placement put a single-replica tablet on backend " + dead).isPositive();
        DrainTables.stopAndAwaitDead(cluster, session, 0, dead);

        session.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + dead + "\"");

        List<Map<String, String>> blockers = maps(session.query("SHOW DECOMMISSION BLOCKERS"));
        assertThat(blockers).hasSize(replicas).allSatisfy(row -> assertThat(row).containsEntry("Reason", "source dead"));
        assertThat(blockers.stream().filter(row -> row.get("Table").equals("single")))
                .hasSize((int) sole).allSatisfy(row -> assertThat(row.get("Detail"))
                        .isEqualTo("the only complete replicas are on dead backend(s) " + dead
                                + "; it moves when one comes back"));
        assertThat(blockers.stream().filter(row -> row.get("Table").equals("t")))
                .allSatisfy(row -> assertThat(row.get("Detail")).startsWith("backend(s) " + dead
                        + " holding a replica are dead: the tablet is repaired from the others once"));

        await("the replicated tablets repaired after the repair delay").atMost(Duration.ofSeconds(60)).until(() -> {
            cluster.clock().advance(200, TimeUnit.SECONDS);
            return DrainTables.tabletNums(session).get(dead) == sole;
        });
        assertThat(maps(session.query("SHOW DECOMMISSION BLOCKERS"))).hasSize((int) sole)
                .allSatisfy(row -> assertThat(row).containsEntry("Table", "single")
                        .containsEntry("Reason", "source dead"));
    }

    @Test
    void anUnknownJobIsAnErrorAndEveryFormNeedsNode() {
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> session.query("SHOW DECOMMISSION BLOCKERS FOR 424242"));
        assertThat(unknown.getMessage()).isEqualTo("Unknown decommission job 424242");
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_OBJECT);
        assertThat(maps(session.query("SHOW DECOMMISSION BLOCKERS"))).as("no job runs").isEmpty();
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1")) {
            for (String sql : List.of("SHOW DECOMMISSION BLOCKERS", "SHOW DECOMMISSION BLOCKERS FOR 424242")) {
                TesseraException failure = catchThrowableOfType(TesseraException.class, () -> admin.query(sql));
                assertThat(failure.getMessage()).as(sql).isEqualTo(
                        "Access denied; you need (at least one of) the (NODE) privilege(s) for this operation");
                assertThat(failure.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
            }
        }
    }

    private static List<Map<String, String>> withoutDetail(List<Map<String, String>> rows) {
        return rows.stream().map(row -> {
            Map<String, String> copy = new java.util.LinkedHashMap<>(row);
            copy.remove("Detail");
            return copy;
        }).toList();
    }

    private static Map<String, String> only(List<Map<String, String>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
