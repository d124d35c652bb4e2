package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reconciling tablet reports: known, unknown (grace period, running loads), missing. */
class ReportReconcilerTest {
    private static final long BE = 10001;
    private static final long OTHER_BE = 10002;
    private static final long GRACE_MS = 60_000;

    private final ManualClock clock = new ManualClock(1_764_150_930_000L);
    private final ReportReconciler reconciler = new ReportReconciler(clock, GRACE_MS);
    private final Catalog catalog = new Catalog();

    /** Table 11 with tablets 30 (replicas 300 on BE, 301 on OTHER_BE) and 31 (replica 310 on BE). */
    private ReplicaIndex tableOnBackends() {
        TableDefinition table = TableDefinition.newBuilder().setTableId(11).setName("t")
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(20).setName("t").setVisibleVersion(2)
                        .addTablets(TabletDefinition.newBuilder().setTabletId(30)
                                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(300).setBackendId(BE))
                                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(301).setBackendId(OTHER_BE)))
                        .addTablets(TabletDefinition.newBuilder().setTabletId(31)
                                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(310).setBackendId(BE))))
                .build();
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(table).build());
        return ReplicaIndex.of(catalog.snapshot());
    }

    private static ReplicaReport replica(long tableId, long tabletId, long replicaId) {
        return ReplicaReport.newBuilder().setTableId(tableId).setTabletId(tabletId).setReplicaId(replicaId)
                .setVersion(2).build();
    }

    private Reconciliation reconcile(ReplicaIndex index, WorkInFlight inFlight, ReplicaReport... replicas) {
        return reconciler.reconcile(BE, List.of(replicas), index, inFlight);
    }

    private void advanceSeconds(long seconds) {
        clock.advance(seconds, TimeUnit.SECONDS);
    }

    @Test
    void knownReplicasNeedNothing() {
        ReplicaIndex index = tableOnBackends();
        for (int round = 0; round < 3; round++) {
            Reconciliation result = reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), replica(11, 31, 310));
            assertThat(result).isEqualTo(new Reconciliation(BE, List.of(), Set.of(), 0, 0));
            advanceSeconds(61);
        }
    }

    @Test
    void anUnknownReplicaIsTrashedOnlyAfterTheGracePeriodOfContinuousReports() {
        ReplicaIndex index = tableOnBackends();
        ReplicaReport stale = replica(99, 90, 900);

        assertThat(reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), stale).unknownWaiting()).isEqualTo(1);
        advanceSeconds(59);
        Reconciliation before = reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), stale);
        assertThat(before.toTrash()).isEmpty();
        assertThat(before.unknownWaiting()).isEqualTo(1);
        advanceSeconds(1);

        Reconciliation after = reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), stale);

        assertThat(after.toTrash()).containsExactly(new Reconciliation.TrashOrder(BE, 90, 900, 99, 60_000));
        assertThat(after.unknownWaiting()).isZero();
    }

    @Test
    void aReplicaWhoseIdPredatesThisFrontendIsTrashedAtItsFirstIdleReport() {
        ReportReconciler restarted = new ReportReconciler(clock, GRACE_MS, 1_000);
        ReplicaIndex index = tableOnBackends();
        ReplicaReport forgotten = replica(11, 30, 900);
        ReplicaReport ours = replica(11, 30, 1_000);

        Reconciliation first = restarted.reconcile(BE, List.of(replica(11, 30, 300), forgotten, ours), index,
                WorkInFlight.NONE);

        assertThat(first.toTrash()).as("a clone the previous FE never recorded: no work of this FE can record it")
                .containsExactly(new Reconciliation.TrashOrder(BE, 30, 900, 11, 0));
        assertThat(first.unknownWaiting()).as("an id of this FE waits out the grace").isEqualTo(1);
        Reconciliation busy = restarted.reconcile(BE, List.of(forgotten), index,
                new WorkInFlight(Set.of(), Set.of(30L)));
        assertThat(busy.toTrash()).as("still never while a clone or load of this FE touches its tablet").isEmpty();
    }

    @Test
    void aReportWithoutTheReplicaRestartsItsGracePeriod() {
        ReplicaIndex index = tableOnBackends();
        ReplicaReport stale = replica(99, 90, 900);
        reconcile(index, WorkInFlight.NONE, stale);
        advanceSeconds(50);
        reconcile(index, WorkInFlight.NONE);
        advanceSeconds(50);
        assertThat(reconcile(index, WorkInFlight.NONE, stale).toTrash()).isEmpty();
        advanceSeconds(60);
        assertThat(reconcile(index, WorkInFlight.NONE, stale).toTrash()).hasSize(1);
    }

    @Test
    void aReplicaOfAnotherBackendOrTabletIsUnknownHere() {
        ReplicaIndex index = tableOnBackends();
        // Replica 301 belongs to OTHER_BE; replica 300 belongs to tablet 30, not 31.
        reconcile(index, WorkInFlight.NONE, replica(11, 30, 301), replica(11, 31, 300));
        advanceSeconds(60);
        assertThat(reconcile(index, WorkInFlight.NONE, replica(11, 30, 301), replica(11, 31, 300)).toTrash())
                .extracting(Reconciliation.TrashOrder::replicaId).containsExactlyInAnyOrder(301L, 300L);
    }

    @Test
    void aRunningLoadOrCloneKeepsAnUnknownReplicaAndRestartsItsGracePeriod() {
        ReplicaIndex index = tableOnBackends();
        ReplicaReport stale = replica(99, 90, 900);
        ReplicaReport writing = stale.toBuilder().setPendingRowsetCount(1).build();
        reconcile(index, WorkInFlight.NONE, stale);
        advanceSeconds(120);

        Reconciliation pending = reconcile(index, WorkInFlight.NONE, writing);
        Reconciliation loading = reconcile(index, new WorkInFlight(Set.of(99L), Set.of()), stale);
        Reconciliation cloning = reconcile(index, new WorkInFlight(Set.of(), Set.of(90L)), stale);

        for (Reconciliation result : List.of(pending, loading, cloning)) {
            assertThat(result.toTrash()).isEmpty();
            assertThat(result.unknownBusy()).isEqualTo(1);
        }
        advanceSeconds(59);
        assertThat(reconcile(index, WorkInFlight.NONE, stale).toTrash()).isEmpty();
        advanceSeconds(1);
        assertThat(reconcile(index, WorkInFlight.NONE, stale).toTrash()).hasSize(1);
    }

    @Test
    void aJustCreatedTableIsCoveredWhenTheCatalogCatchesUpWithinTheGracePeriod() {
        ReplicaIndex before = ReplicaIndex.of(catalog.snapshot());
        reconcile(before, WorkInFlight.NONE, replica(11, 30, 300), replica(11, 31, 310));
        advanceSeconds(5);
        ReplicaIndex after = tableOnBackends();

        Reconciliation result = reconcile(after, WorkInFlight.NONE, replica(11, 30, 300), replica(11, 31, 310));

        assertThat(result.toTrash()).isEmpty();
        assertThat(result.unknownWaiting()).isZero();
    }

    @Test
    void aReplicaIsMissingOnlyWhenTheCatalogPlacedItThereAtThePreviousReportToo() {
        ReplicaIndex index = tableOnBackends();

        Reconciliation first = reconcile(index, WorkInFlight.NONE, replica(11, 30, 300));
        Reconciliation second = reconcile(index, WorkInFlight.NONE, replica(11, 30, 300));
        Reconciliation back = reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), replica(11, 31, 310));

        assertThat(first.missing()).isEmpty();
        assertThat(second.missing()).containsExactly(310L);
        assertThat(back.missing()).isEmpty();
        assertThat(reconciler.reconcile(OTHER_BE, List.of(), index, WorkInFlight.NONE).missing()).isEmpty();
        assertThat(reconciler.reconcile(OTHER_BE, List.of(), index, WorkInFlight.NONE).missing())
                .containsExactly(301L);
    }

    @Test
    void aBadReplicaIsKnownNotUnknown() {
        ReplicaIndex index = tableOnBackends();
        ReplicaReport bad = replica(11, 30, 300).toBuilder().setBad(true).setBadReason("crc").build();
        reconcile(index, WorkInFlight.NONE, bad, replica(11, 31, 310));
        advanceSeconds(120);
        assertThat(reconcile(index, WorkInFlight.NONE, bad, replica(11, 31, 310)))
                .isEqualTo(new Reconciliation(BE, List.of(), Set.of(), 0, 0));
    }

    @Test
    void aForgottenBackendStartsOver() {
        ReplicaIndex index = tableOnBackends();
        reconcile(index, WorkInFlight.NONE, replica(99, 90, 900));
        advanceSeconds(60);
        reconciler.retainBackends(Set.of(OTHER_BE));
        assertThat(reconcile(index, WorkInFlight.NONE, replica(99, 90, 900)).toTrash()).isEmpty();
    }

    @Test
    void anUnknownReplicaKeepsItsGraceThroughDeltasThatDoNotListIt() {
        ReplicaIndex index = tableOnBackends();
        ReplicaReport stale = replica(99, 90, 900);
        reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), replica(11, 31, 310), stale);
        advanceSeconds(30);
        Reconciliation waiting = reconciler.reconcileChanges(BE, List.of(replica(11, 30, 300)), List.of(), index,
                WorkInFlight.NONE);
        assertThat(waiting.unknownWaiting()).isEqualTo(1);
        assertThat(waiting.toTrash()).isEmpty();
        advanceSeconds(30);

        Reconciliation after = reconciler.reconcileChanges(BE, List.of(), List.of(), index, WorkInFlight.NONE);

        assertThat(after.toTrash()).containsExactly(new Reconciliation.TrashOrder(BE, 90, 900, 99, 60_000));
    }

    @Test
    void aDeltaFindsARemovedPlacedReplicaMissingAndForgetsAnUnknownOneRemoved() {
        ReplicaIndex index = tableOnBackends();
        reconcile(index, WorkInFlight.NONE, replica(11, 30, 300), replica(11, 31, 310), replica(99, 90, 900));

        Reconciliation result = reconciler.reconcileChanges(BE, List.of(), List.of(
                new BackendReport.Removed(310, 31, 11), new BackendReport.Removed(900, 90, 99)), index,
                WorkInFlight.NONE);

        assertThat(result).isEqualTo(new Reconciliation(BE, List.of(), Set.of(310L), 0, 0));
        assertThat(reconciler.reconcileChanges(BE, List.of(replica(11, 31, 310)), List.of(), index,
                WorkInFlight.NONE).missing()).isEmpty();
    }

    @Test
    void aDeltaForgetsAMissingReplicaTheCatalogNoLongerPlacesThere() {
        ReplicaIndex index = tableOnBackends();
        reconcile(index, WorkInFlight.NONE, replica(11, 30, 300));
        assertThat(reconcile(index, WorkInFlight.NONE, replica(11, 30, 300)).missing()).containsExactly(310L);
        Catalog moved = new Catalog();
        moved.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        moved.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(TableDefinition.newBuilder()
                .setTableId(11).setName("t")
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(20).setName("t").setVisibleVersion(2)
                        .addTablets(TabletDefinition.newBuilder().setTabletId(30)
                                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(300).setBackendId(BE)))
                        .addTablets(TabletDefinition.newBuilder().setTabletId(31)
                                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(310)
                                        .setBackendId(OTHER_BE)))))
                .build());

        Reconciliation result = reconciler.reconcileChanges(BE, List.of(), List.of(),
                ReplicaIndex.of(moved.snapshot()), WorkInFlight.NONE);

        assertThat(result.missing()).as("310 is placed on the other backend now").isEmpty();
        assertThat(reconciler.reconcileChanges(BE, List.of(), List.of(), index, WorkInFlight.NONE).missing())
                .as("not missing again until a report lacks it while placed").isEmpty();
    }
}
