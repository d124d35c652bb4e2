package io.tessera.fe.catalog;

import io.tessera.common.BatchedState;
import io.tessera.fe.meta.JournaledState;
import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ReplicaStatusRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The operator's marks on replicas (ADMIN SET REPLICA STATUS): hard state, replayed from
 * {@link ReplicaStatusRecord}s (an upsert by replica id; a record that marks nothing clears the
 * mark) and kept in metadata snapshots. A replica marked bad or to drop counts as unreadable wherever the
 * tablet reports' bad replicas do ({@code report.TabletReports.unreadable}), so the tablet
 * scheduler repairs its tablet and then drops it, as Doris does with a bad replica. A mark names
 * one replica id, which a repair never reuses, so a mark outlives its replica harmlessly.
 *
 * <p>Threading: replays on the journal apply thread; readers on any thread see the last published
 * {@link Marks}.
 */
public final class ReplicaStatuses implements JournaledState {
    /** Every marked replica by id. Immutable. */
    public record Marks(Map<Long, ReplicaStatusRecord> byReplica) implements StateImage {
        public static final Marks EMPTY = new Marks(Map.of());

        public Marks {
            byReplica = Map.copyOf(byReplica);
        }

        public boolean bad(long replicaId, long backendId) {
            if (byReplica.isEmpty()) {
                return false; // the usual case, asked for every replica by every full check: no boxing
            }
            ReplicaStatusRecord mark = byReplica.get(replicaId);
            return mark != null && mark.getBackendId() == backendId && mark.getBad();
        }

        public boolean userDropped(long replicaId, long backendId) {
            if (byReplica.isEmpty()) {
                return false;
            }
            ReplicaStatusRecord mark = byReplica.get(replicaId);
            return mark != null && mark.getBackendId() == backendId && mark.getUserDropTimeMs() > 0;
        }

        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            new TreeMap<>(byReplica).values().forEach(mark ->
                    sink.accept(SnapshotRecord.newBuilder().setReplicaStatus(mark).build()));
        }
    }

    private final BatchedState<Marks> marks = new BatchedState<>(Marks.EMPTY);

    public Marks snapshot() {
        return marks.published();
    }

    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.REPLICA_STATUS);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.REPLICA_STATUS);
    }

    @Override
    public void replay(JournalRecord record) {
        replay(record.getReplicaStatus());
    }

    public void replay(ReplicaStatusRecord record) {
        Map<Long, ReplicaStatusRecord> next = new TreeMap<>(marks.current().byReplica());
        if (!record.getBad() && record.getUserDropTimeMs() == 0) {
            next.remove(record.getReplicaId());
        } else {
            next.put(record.getReplicaId(), record);
        }
        marks.set(new Marks(next));
    }

    @Override
    public void beginBatch() {
        marks.begin();
    }

    @Override
    public void publishBatch() {
        marks.publish();
    }

    @Override
    public void discardBatch() {
        marks.discard();
    }

    @Override
    public Marks capture() {
        return marks.current();
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        replay(record.getReplicaStatus());
    }
}
