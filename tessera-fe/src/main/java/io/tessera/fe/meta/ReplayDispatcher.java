package io.tessera.fe.meta;

import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Applies journal records to the FE's hard state: the single place that routes each record kind
 * to the registered {@link JournaledState} that owns it. Start-up recovery, followers and the
 * leader all go through here. A metadata snapshot is loaded through here too
 * ({@link #replaySnapshot}), and captured ({@link #capture}) from the same states.
 *
 * <p>Every record kind has exactly one owner; the constructor refuses a kind claimed twice, and a
 * record of a kind nobody owns is an invariant break (an FE older than its journal).
 *
 * <p>Threading: called by one thread at a time (the journal's apply thread).
 */
public final class ReplayDispatcher {
    private final List<JournaledState> states;
    private final Map<JournalRecord.PayloadCase, JournaledState> journalOwners =
            new EnumMap<>(JournalRecord.PayloadCase.class);
    private final Map<SnapshotRecord.PayloadCase, JournaledState> snapshotOwners =
            new EnumMap<>(SnapshotRecord.PayloadCase.class);

    /** @param states every kind of hard state, in snapshot file order */
    public ReplayDispatcher(List<JournaledState> states) {
        this.states = List.copyOf(states);
        for (JournaledState state : this.states) {
            for (JournalRecord.PayloadCase kind : state.journalRecords()) {
                if (journalOwners.putIfAbsent(kind, state) != null) {
                    throw new IllegalArgumentException("journal record " + kind + " has two owners");
                }
            }
            for (SnapshotRecord.PayloadCase kind : state.snapshotRecords()) {
                if (snapshotOwners.putIfAbsent(kind, state) != null) {
                    throw new IllegalArgumentException("snapshot record " + kind + " has two owners");
                }
            }
        }
    }

    /**
     * Applies a batch (one statement's records) whole or not at all: readers see none of it until
     * every record is applied, and a record that breaks an invariant discards the batch, then
     * throws, so no statement is ever half-applied or half-visible, at run time or when the journal
     * is replayed at start. A state may keep part of a discarded batch where that is safe and
     * needed (the id generator keeps its watermark: the ids may already name replicas on backends).
     */
    public void replay(JournalBatch batch) {
        beginBatch();
        try {
            for (JournalRecord record : batch.getRecordsList()) {
                replay(record);
            }
        } catch (RuntimeException e) {
            discardBatch();
            throw e;
        }
        publishBatch();
    }

    /** Applies one record outside any batch (visible at once). */
    public void replay(JournalRecord record) {
        JournaledState owner = journalOwners.get(record.getPayloadCase());
        if (owner == null) {
            throw new IllegalStateException("journal record of kind " + record.getPayloadCase()
                    + " has no owner in this FE");
        }
        owner.replay(record);
    }

    private void beginBatch() {
        states.forEach(JournaledState::beginBatch);
    }

    private void publishBatch() {
        states.forEach(JournaledState::publishBatch);
    }

    private void discardBatch() {
        states.forEach(JournaledState::discardBatch);
    }

    /** The state as of the last applied record; call it on the apply thread for a consistent image. */
    public MetadataImage capture() {
        return new MetadataImage(states.stream().map(JournaledState::capture).toList());
    }

    /**
     * Loads a metadata snapshot's records into the fresh state of a starting FE, whole or not at
     * all: records that contradict each other leave the state as it was (empty), then throw, so the
     * caller can try an older snapshot.
     */
    public void replaySnapshot(Iterable<SnapshotRecord> records) {
        beginBatch();
        try {
            for (SnapshotRecord record : records) {
                JournaledState owner = snapshotOwners.get(record.getPayloadCase());
                if (owner == null) {
                    throw new IllegalStateException("snapshot record of kind " + record.getPayloadCase()
                            + " has no owner in this FE");
                }
                owner.loadSnapshotRecord(record);
            }
            states.forEach(JournaledState::finishSnapshotLoad);
        } catch (RuntimeException e) {
            discardBatch();
            throw e;
        }
        publishBatch();
    }
}
