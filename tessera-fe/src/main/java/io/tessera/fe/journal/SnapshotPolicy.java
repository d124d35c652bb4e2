package io.tessera.fe.journal;

import io.tessera.common.Clock;

/**
 * Decides after each applied journal entry whether it is time for a snapshot: enough records
 * since the last one, or enough time with at least one record. It counts records, not entries,
 * because a batch's size is what replay costs.
 *
 * <p>Threading: used only on the journal's apply thread.
 */
final class SnapshotPolicy {
    private final SnapshotConfig config;
    private final Clock clock;
    private long recordsSinceSnapshot;
    private long lastSnapshotNs;

    SnapshotPolicy(SnapshotConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.lastSnapshotNs = clock.monotonicNanos();
    }

    /** Counts {@code records} just applied; true when a snapshot is due. */
    boolean recordApplied(int records) {
        recordsSinceSnapshot += records;
        if (recordsSinceSnapshot == 0) {
            return false;
        }
        return recordsSinceSnapshot >= config.recordsPerSnapshot()
                || clock.monotonicNanos() - lastSnapshotNs >= config.intervalMs() * 1_000_000L;
    }

    /** A snapshot of everything applied so far was started: counting starts again. */
    void snapshotStarted() {
        recordsSinceSnapshot = 0;
        lastSnapshotNs = clock.monotonicNanos();
    }
}
