package io.tessera.fe.decommission;

import java.util.OptionalLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.fe.meta.IdAllocatorForTests;
import io.tessera.proto.journal.DecommissionJobRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Decommission jobs generated and replayed: started with what the registry will forget, cancelled,
 * paused and resumed, drained and refilled, removed with the tablets the classifier calls lost after the removal, adopted for
 * a backend flagged before jobs existed, and kept whole in a metadata snapshot.
 */
class DecommissionJobControlTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final DecommissionJobs jobs = new DecommissionJobs();
    /** Replica id to its reported size: 11 and 21 on backend 10000 hold 300 bytes, 12 on 10001 holds 100. */
    private final Map<Long, Long> reportedBytes = new HashMap<>(Map.of(11L, 100L, 21L, 200L, 12L, 100L));
    private final DecommissionJobControl control = new DecommissionJobControl(jobs, clock,
            (replicaId, backendId) -> reportedBytes.containsKey(replicaId)
                    ? OptionalLong.of(reportedBytes.get(replicaId)) : OptionalLong.empty());
    private final IdAllocator ids = new IdAllocatorForTests(500).allocator();

    private static Backend backend(long id, boolean decommissioned) {
        return new Backend(id, "127.0.0." + (id - 9999), 9050, Map.of(), decommissioned, false, false);
    }

    private static ClusterView cluster(Backend... backends) {
        Map<Long, Backend> byId = new HashMap<>();
        Map<HostPort, Long> idByHostPort = new HashMap<>();
        for (Backend backend : backends) {
            byId.put(backend.id(), backend);
            idByHostPort.put(backend.hostPort(), backend.id());
        }
        BackendRuntime alive = new BackendRuntime(9060, 8040, -1, -1, 1, 1, true, "", "v", 0, "mix", 1, 0, 1, 300, 0,
                1_000, 10_000, 0.1, 0, false);
        return ClusterView.of(new BackendRegistry.Snapshot(byId, idByHostPort), id -> alive);
    }

    /** Tablet 1: replicas on 10000 and 10001; tablet 2: only on 10000. */
    private static CatalogSnapshot catalog() {
        PartitionDefinition partition = PartitionDefinition.newBuilder().setPartitionId(3).setName("t")
                .setVisibleVersion(1)
                .addTablets(TabletDefinition.newBuilder().setTabletId(1)
                        .addReplicas(replica(11, 10000)).addReplicas(replica(12, 10001)))
                .addTablets(TabletDefinition.newBuilder().setTabletId(2).addReplicas(replica(21, 10000)))
                .build();
        TableDefinition table = TableDefinition.newBuilder().setTableId(4).setName("t").addPartitions(partition).build();
        return new CatalogSnapshot(Map.of("db", new DatabaseEntry(5, "db", 0, Map.of("t", table))),
                Map.of(10000L, 2L, 10001L, 1L), Map.of(), Map.of(), 1);
    }

    private static ReplicaDefinition.Builder replica(long id, long backendId) {
        return ReplicaDefinition.newBuilder().setReplicaId(id).setBackendId(backendId).setVersion(1)
                .setLastFailedVersion(-1);
    }

    private void apply(List<JournalRecord> records) {
        records.forEach(jobs::replay);
    }

    private DecommissionJob only() {
        assertThat(jobs.snapshot().byId()).hasSize(1);
        return jobs.snapshot().byId().values().iterator().next();
    }

    @Test
    void aStartedJobKeepsWhatTheRegistryWillForget() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "'root'@'%'", catalog()));

        DecommissionJob job = only();
        assertThat(job).extracting(DecommissionJob::jobId, DecommissionJob::backendId, DecommissionJob::host,
                        DecommissionJob::heartbeatPort, DecommissionJob::startTimeMs, DecommissionJob::startedBy,
                        DecommissionJob::state, DecommissionJob::replicasAtStart, DecommissionJob::bytesAtStart)
                .containsExactly(500L, 10000L, "127.0.0.1", 9050, 1_000L, "'root'@'%'", JobState.DRAINING, 2L, 300L);
        assertThat(jobs.snapshot().activeFor(10000)).contains(job);
    }

    @Test
    void cancelEndsTheJobAndKeepsItsRecord() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));
        clock.advance(5, TimeUnit.SECONDS);

        apply(control.generateCancels(List.of(10000L), catalog()));

        assertThat(only()).extracting(DecommissionJob::state, DecommissionJob::endTimeMs)
                .containsExactly(JobState.CANCELLED, 6_000L);
        assertThat(jobs.snapshot().activeFor(10000)).isEmpty();
    }

    @Test
    void aDrainedJobRefillsAndIsRemovedWithWhatMoved() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));
        CatalogSnapshot empty = new CatalogSnapshot(Map.of(), Map.of(10001L, 3L), Map.of(), Map.of(), 2);

        apply(control.generateProgress(empty));
        assertThat(only().state()).isEqualTo(JobState.DRAINED);
        apply(control.generateProgress(catalog()));
        assertThat(only().state()).isEqualTo(JobState.DRAINING);
        apply(control.generateProgress(empty));
        assertThat(control.generateProgress(empty)).as("nothing changed").isEmpty();

        apply(control.generateRemovals(List.of(10000L), empty, cluster(backend(10001, false)),
                cluster(backend(10001, false)), UnreadableReplicas.NONE));

        assertThat(only()).extracting(DecommissionJob::state, DecommissionJob::replicasMoved,
                DecommissionJob::lostTabletIds).containsExactly(JobState.REMOVED, 2L, List.of());
        assertThat(only().bytesMoved()).as("an empty backend holds no data: all of the 300 bytes moved")
                .isEqualTo(300L);
    }

    @Test
    void bytesMovedAreUnknownWhenTheBackendsDataIsNotKnownAtTheEnd() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));
        reportedBytes.remove(21L);

        apply(control.generateCancels(List.of(10000L), catalog()));

        assertThat(only().bytesMoved()).as("replica 21 has no reported size: the data now is not known")
                .isEqualTo(-1L);
    }

    @Test
    void bytesAtStartAreUnknownWhenAReplicaHasNoReportedSize() {
        reportedBytes.remove(11L);

        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));

        assertThat(only().bytesAtStart()).isEqualTo(-1L);
    }

    @Test
    void aRecordWrittenBeforeBytesMovedExistedReplaysAsUnknown() {
        jobs.replay(DecommissionJobRecord.newBuilder().setJobId(9).setBackendId(1).setHost("h").setState("REMOVED")
                .setBytesAtStart(100).setReplicasMoved(3).setEndTimeMs(5).build());

        assertThat(only().bytesMoved()).isEqualTo(-1L);
        assertThat(only().unrecoverableTabletIds()).as("a record from before the field").isEmpty();
        assertThat(DecommissionJob.fromRecord(only().toRecord())).isEqualTo(only());
    }

    @Test
    void aDroppOfADrainingBackendRecordsTheTabletsItLoses() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));

        apply(control.generateRemovals(List.of(10000L), catalog(),
                cluster(backend(10000, true), backend(10001, false)), cluster(backend(10001, false)),
                UnreadableReplicas.NONE));

        assertThat(only()).extracting(DecommissionJob::state, DecommissionJob::replicasMoved,
                DecommissionJob::lostTabletIds).containsExactly(JobState.REMOVED, 0L, List.of(2L));
    }

    @Test
    void backendsDroppedTogetherLoseTabletsWithNoReplicaLeftOnARegisteredBackend() {
        ClusterView now = cluster(backend(10000, true), backend(10001, false));

        assertThat(DecommissionJobControl.lossesWith(10000, catalog(), now, cluster(), UnreadableReplicas.NONE))
                .isEqualTo(new DecommissionJobControl.Losses(List.of(1L, 2L), List.of()));
    }

    @Test
    void aTabletLeftWithOnlyIncompleteReplicasIsRecordedUnrecoverableNotLost() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));

        apply(control.generateRemovals(List.of(10000L), catalog(),
                cluster(backend(10000, true), backend(10001, false)), cluster(backend(10001, false)),
                (replicaId, backendId) -> replicaId == 12));

        assertThat(only()).as("tablet 1 keeps a bad replica on 10001: the classifier calls it UNRECOVERABLE")
                .extracting(DecommissionJob::lostTabletIds, DecommissionJob::unrecoverableTabletIds)
                .containsExactly(List.of(2L), List.of(1L));
        assertThat(DecommissionJob.fromRecord(only().toRecord())).isEqualTo(only());
    }

    @Test
    void aBackendFlaggedBeforeJobsExistedIsAdoptedOnce() {
        ClusterView flagged = cluster(backend(10000, true), backend(10001, false));

        apply(control.generateAdoptions(ids, catalog(), flagged));

        assertThat(only()).extracting(DecommissionJob::backendId, DecommissionJob::startedBy, DecommissionJob::state)
                .containsExactly(10000L, "", JobState.DRAINING);
        assertThat(control.generateAdoptions(ids, catalog(), flagged)).isEmpty();
    }

    @Test
    void aSnapshotKeepsEveryJobAndAnUnknownStateIsAnInvariantBreak() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));
        apply(control.generateCancels(List.of(10000L), catalog()));
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));
        DecommissionJobs restored = new DecommissionJobs();

        jobs.capture().forEachRecord(restored::loadSnapshotRecord);

        assertThat(restored.snapshot()).isEqualTo(jobs.snapshot());
        assertThat(restored.snapshot().byId()).hasSize(2);
        assertThatThrownBy(() -> restored.replay(DecommissionJobRecord.newBuilder().setJobId(9).setBackendId(1)
                .setHost("h").setState("DRAINING_FAST").build())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown state 'DRAINING_FAST'");
    }

    @Test
    void aPausedJobStaysPausedWhenDrainedAndResumesDrainingThenDrained() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));
        CatalogSnapshot empty = new CatalogSnapshot(Map.of(), Map.of(10001L, 3L), Map.of(), Map.of(), 2);

        apply(control.generatePauses(List.of(backend(10000, true)), catalog()));
        assertThat(only()).extracting(DecommissionJob::state, DecommissionJob::endTimeMs)
                .containsExactly(JobState.PAUSED, 0L);
        assertThat(jobs.snapshot().activeFor(10000)).as("a paused job still runs").isPresent();
        assertThat(jobs.snapshot().pausedBackendIds()).containsExactly(10000L);
        assertThat(control.generatePauses(List.of(backend(10000, true)), catalog())).as("paused already: no record")
                .isEmpty();
        assertThat(control.generateProgress(empty)).as("an empty paused backend is not drained").isEmpty();

        apply(control.generateResumes(List.of(backend(10000, true)), catalog()));
        assertThat(only().state()).isEqualTo(JobState.DRAINING);
        assertThat(jobs.snapshot().pausedBackendIds()).isEmpty();
        assertThat(control.generateResumes(List.of(backend(10000, true)), catalog())).as("not paused: no record")
                .isEmpty();
        apply(control.generateProgress(empty));
        assertThat(only().state()).isEqualTo(JobState.DRAINED);
        apply(control.generatePauses(List.of(backend(10000, true)), empty));
        assertThat(only().state()).as("a drained job pauses too").isEqualTo(JobState.PAUSED);
    }

    @Test
    void pauseAndResumeRefuseTheWholeListWhenOneBackendIsNotBeingDecommissioned() {
        apply(control.generateStarts(List.of(backend(10000, false)), ids, "u", catalog()));

        assertThatThrownBy(() -> control.generatePauses(List.of(backend(10000, true), backend(10001, false)), catalog()))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Backend 127.0.0.2:9050 is not being decommissioned");
        assertThatThrownBy(() -> control.generateResumes(List.of(backend(10001, false)), catalog()))
                .hasMessage("Backend 127.0.0.2:9050 is not being decommissioned");
        apply(control.generateCancels(List.of(10000L), catalog()));
        assertThatThrownBy(() -> control.generatePauses(List.of(backend(10000, false)), catalog()))
                .as("a cancelled job is not running").hasMessage("Backend 127.0.0.1:9050 is not being decommissioned");
    }

    @Test
    void aPausedJobIsCancelledOrRemovedAndSurvivesAReplayAndASnapshot() {
        apply(control.generateStarts(List.of(backend(10000, false), backend(10001, false)), ids, "u", catalog()));
        List<JournalRecord> journal = new ArrayList<>();
        List<JournalRecord> pauses = control.generatePauses(List.of(backend(10000, true), backend(10001, true)),
                catalog());
        assertThat(pauses).hasSize(2);
        apply(pauses);
        journal.addAll(pauses);
        clock.advance(5, TimeUnit.SECONDS);

        List<JournalRecord> cancel = control.generateCancels(List.of(10000L), catalog());
        apply(cancel);
        DecommissionJobs replayed = new DecommissionJobs();
        DecommissionJobs restored = new DecommissionJobs();
        jobs.capture().forEachRecord(restored::loadSnapshotRecord);

        assertThat(jobs.snapshot().byId().values()).extracting(DecommissionJob::backendId, DecommissionJob::state)
                .containsExactlyInAnyOrder(tuple(10000L, JobState.CANCELLED),
                        tuple(10001L, JobState.PAUSED));
        assertThat(restored.snapshot()).as("a snapshot round trip keeps PAUSED").isEqualTo(jobs.snapshot());
        assertThat(restored.snapshot().pausedBackendIds()).containsExactly(10001L);
        journal.forEach(replayed::replay);
        assertThat(replayed.snapshot().pausedBackendIds()).as("the pause records replay on their own (upserts)")
                .containsExactlyInAnyOrder(10000L, 10001L);
        assertThat(DecommissionJob.fromRecord(only(restored, 10001).toRecord())).isEqualTo(only(restored, 10001));
    }

    private static DecommissionJob only(DecommissionJobs state, long backendId) {
        return state.snapshot().byId().values().stream().filter(job -> job.backendId() == backendId).findFirst()
                .orElseThrow();
    }
}
