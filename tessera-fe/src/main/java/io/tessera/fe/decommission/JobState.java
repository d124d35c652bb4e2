package io.tessera.fe.decommission;

/**
 * Where a decommission job is in its life, with its one transition function. Journaled by name,
 * never by ordinal.
 *
 * <pre>
 * DRAINING --drained--> DRAINED --removed--> REMOVED
 *    |  ^                  |
 *    |  +----refilled------+      (a replica landed on it again, e.g. a table created meanwhile)
 *    +--cancel / removed-------> CANCELLED / REMOVED   (DROPP of a draining backend: REMOVED)
 * PAUSED is reserved for the next issue (pause and resume).
 * </pre>
 */
public enum JobState {
    DRAINING,
    DRAINED,
    REMOVED,
    CANCELLED,
    PAUSED;

    /** What can happen to a job. */
    public enum Event {
        /** Its backend holds no replica any more. */
        DRAINED,
        /** Its backend holds replicas again. */
        REFILLED,
        /** CANCEL DECOMMISSION BACKEND. */
        CANCEL,
        /** Its backend left the registry (drained and dropped, or DROPP). */
        REMOVED
    }

    /** Whether the job still runs (its backend is leaving). */
    public boolean active() {
        return this == DRAINING || this == DRAINED || this == PAUSED;
    }

    /**
     * The state after {@code event}; the same state when the event does not apply (a drained event
     * for a cancelled job), so callers can offer every event without checking first.
     */
    public JobState next(Event event) {
        if (!active()) {
            return this;
        }
        return switch (event) {
            case DRAINED -> this == DRAINING ? DRAINED : this;
            case REFILLED -> this == DRAINED ? DRAINING : this;
            case CANCEL -> CANCELLED;
            case REMOVED -> REMOVED;
        };
    }
}
