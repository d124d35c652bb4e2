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
 *
 * DRAINING or DRAINED --pause--> PAUSED --resume--> DRAINING   (ALTER SYSTEM PAUSE / RESUME
 *                                  |                            DECOMMISSION BACKEND; the completion
 *                                  |                            check then finds it DRAINED if empty)
 *                                  +--cancel / removed--> CANCELLED / REMOVED
 * </pre>
 *
 * A paused job ignores drained and refilled (its backend is not dropped while paused, however
 * empty), pause again and, in every other state, resume are no change.
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
        REMOVED,
        /** ALTER SYSTEM PAUSE DECOMMISSION BACKEND: no new moves off the backend, which stays. */
        PAUSE,
        /** ALTER SYSTEM RESUME DECOMMISSION BACKEND: the paused job drains again. */
        RESUME
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
            case PAUSE -> PAUSED;
            case RESUME -> this == PAUSED ? DRAINING : this;
        };
    }
}
