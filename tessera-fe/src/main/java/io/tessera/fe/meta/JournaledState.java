package io.tessera.fe.meta;

import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Set;

/**
 * One kind of journaled hard state (the catalog, the backend registry, global variables, the id
 * generator; decommission jobs and grants next). A state names the journal and snapshot record
 * kinds it owns, replays them, joins the batch-at-once visibility of {@link ReplayDispatcher},
 * and writes and reads its part of a metadata snapshot. Adding a kind of hard state is one class
 * implementing this interface, registered once where the FE is wired; the journal, the snapshot
 * writer and the start-up loader need no change.
 *
 * <p>Threading: every method but {@link StateImage#forEachRecord} on an image runs on the one
 * journal apply thread.
 */
public interface JournaledState {
    /** The journal record kinds this state replays; no two registered states share one. */
    Set<JournalRecord.PayloadCase> journalRecords();

    /** The snapshot record kinds this state writes and loads; no two registered states share one. */
    Set<SnapshotRecord.PayloadCase> snapshotRecords();

    /** Applies one record of a kind in {@link #journalRecords}; an invariant break throws. */
    void replay(JournalRecord record);

    /** Opens a batch: replays until publish or discard change a copy readers do not see. */
    void beginBatch();

    /** Makes every replay since {@link #beginBatch} visible at once. */
    void publishBatch();

    /** Drops every replay since {@link #beginBatch}. */
    void discardBatch();

    /** The state as of the last applied record, immutable, cheap to take on the apply thread. */
    StateImage capture();

    /**
     * Start-up, inside a batch: one snapshot record of a kind in {@link #snapshotRecords}, in
     * file order. A state may collect records and apply them in {@link #finishSnapshotLoad}.
     */
    void loadSnapshotRecord(SnapshotRecord record);

    /** Start-up, inside the same batch: every snapshot record has been handed over. */
    default void finishSnapshotLoad() {
    }
}
