package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.frontend.ReplicaReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One backend's report in sorted primitive arrays: every field found again, bad reasons, duplicates. */
class BackendReportTest {
    private static ReplicaReport replica(long replicaId) {
        return ReplicaReport.newBuilder().setTabletId(replicaId / 10).setReplicaId(replicaId).setVersion(replicaId + 1)
                .setRowsetCount((int) (replicaId % 7)).setDataSizeBytes(replicaId * 100).setRowCount(replicaId * 3)
                .build();
    }

    @Test
    void everyReplicaOfAnUnsortedReportIsFoundWithItsFields() {
        List<ReplicaReport> replicas = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            replicas.add(replica(1_000 + random.nextInt(1_000_000)));
        }

        BackendReport report = BackendReport.of(10001, replicas, 77);

        for (ReplicaReport replica : replicas) {
            long id = replica.getReplicaId();
            assertThat(report.replica(id)).contains(new ReplicaStats(10001, id / 10, id, id + 1, (int) (id % 7),
                    id * 100, id * 3, false, "", 77));
            assertThat(report.holds(id)).isTrue();
            assertThat(report.bad(id)).isFalse();
        }
        assertThat(report.replica(999)).isEmpty();
        assertThat(report.holds(999)).isFalse();
    }

    @Test
    void badReplicasKeepTheirReasonAndALaterDuplicateWins() {
        BackendReport report = BackendReport.of(10001, List.of(
                replica(30).toBuilder().setBad(true).setBadReason("meta.pb is missing").build(),
                replica(20).toBuilder().setBad(true).build(),
                replica(40).toBuilder().setBad(true).setBadReason("checksum").build(),
                replica(40).toBuilder().setRowCount(5).build()), 1);

        assertThat(report.replicaCount()).isEqualTo(3);
        assertThat(report.bad(30)).isTrue();
        assertThat(report.replica(30).orElseThrow().badReason()).isEqualTo("meta.pb is missing");
        assertThat(report.bad(20)).isTrue();
        assertThat(report.replica(20).orElseThrow().badReason()).isEmpty();
        assertThat(report.bad(40)).isFalse();
        assertThat(report.replica(40).orElseThrow().rowCount()).isEqualTo(5);
    }

    @Test
    void anEmptyReportHoldsNothing() {
        BackendReport report = BackendReport.of(10001, List.of(), 1);

        assertThat(report.replicaCount()).isZero();
        assertThat(report.replica(1)).isEmpty();
    }

    @Test
    void aMergeReplacesTheListedTabletsAndSaysWhichReplicasWentAway() {
        BackendReport report = BackendReport.of(10001, List.of(replica(10), replica(20),
                replica(30).toBuilder().setBad(true).setBadReason("checksum").build(), replica(40)), 1);

        // Tablet 1 (replica 10) changed, tablet 2 (replica 20) removed, tablet 3 held as replica 31 now.
        BackendReport.Merged merged = report.merge(List.of(replica(10).toBuilder().setVersion(99).build(),
                replica(31), replica(50)), List.of(2L), 7);

        assertThat(merged.removed()).containsExactly(new BackendReport.Removed(20, 2, 0),
                new BackendReport.Removed(30, 3, 0));
        BackendReport after = merged.report();
        assertThat(after.replicaCount()).isEqualTo(4);
        assertThat(after.replica(10).orElseThrow().version()).isEqualTo(99);
        assertThat(after.replica(10).orElseThrow().reportTimeMs()).isEqualTo(7);
        assertThat(after.holds(20)).isFalse();
        assertThat(after.holds(30)).isFalse();
        assertThat(after.bad(30)).isFalse();
        assertThat(after.holds(31)).isTrue();
        assertThat(after.holds(40)).isTrue();
        assertThat(after.holds(50)).isTrue();
        assertThat(after.sameReplicas(BackendReport.of(10001, List.of(replica(10).toBuilder().setVersion(99).build(),
                replica(31), replica(40), replica(50)), 8))).isTrue();
    }
}
