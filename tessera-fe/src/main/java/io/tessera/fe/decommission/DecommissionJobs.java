package io.tessera.fe.decommission;

import io.tessera.common.BatchedState;
import io.tessera.fe.meta.JournaledState;
import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.DecommissionJobRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every decommission job, running and finished: hard state, replayed from
 * {@link DecommissionJobRecord}s (each the whole job, an upsert by id) and kept in metadata
 * snapshots. {@link DecommissionJobControl} generates the records.
 *
 * <p>Threading: replays on the journal apply thread; readers on any thread see the last published
 * {@link Jobs} (immutable), never half a batch.
 */
public final class DecommissionJobs implements JournaledState {
    /** Every job by id, in id order. Immutable. */
    public record Jobs(Map<Long, DecommissionJob> byId) implements StateImage {
        public static final Jobs EMPTY = new Jobs(Map.of());

        public Jobs {
            byId = Map.copyOf(byId);
        }

        /** The backend's running job (draining, drained or paused), if any. */
        public Optional<DecommissionJob> activeFor(long backendId) {
            return byId.values().stream().filter(job -> job.backendId() == backendId && job.state().active())
                    .findFirst();
        }

        /** The backends whose running job is paused: nothing new moves off them, and they stay. */
        public Set<Long> pausedBackendIds() {
            return byId.values().stream().filter(job -> job.state() == JobState.PAUSED)
                    .map(DecommissionJob::backendId).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            new TreeMap<>(byId).values().forEach(job ->
                    sink.accept(SnapshotRecord.newBuilder().setDecommissionJob(job.toRecord()).build()));
        }
    }

    private final BatchedState<Jobs> jobs = new BatchedState<>(Jobs.EMPTY);

    public Jobs snapshot() {
        return jobs.published();
    }

    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.DECOMMISSION_JOB);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.DECOMMISSION_JOB);
    }

    @Override
    public void replay(JournalRecord record) {
        replay(record.getDecommissionJob());
    }

    public void replay(DecommissionJobRecord record) {
        DecommissionJob job = DecommissionJob.fromRecord(record);
        Map<Long, DecommissionJob> next = new TreeMap<>(jobs.current().byId());
        Optional<DecommissionJob> other = jobs.current().activeFor(job.backendId());
        if (job.state().active() && other.isPresent() && other.get().jobId() != job.jobId()) {
            throw new IllegalStateException("backend " + job.backendId() + " already has running decommission job "
                    + other.get().jobId());
        }
        next.put(job.jobId(), job);
        jobs.set(new Jobs(next));
    }

    @Override
    public void beginBatch() {
        jobs.begin();
    }

    @Override
    public void publishBatch() {
        jobs.publish();
    }

    @Override
    public void discardBatch() {
        jobs.discard();
    }

    @Override
    public Jobs capture() {
        return jobs.current();
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        replay(record.getDecommissionJob());
    }
}
