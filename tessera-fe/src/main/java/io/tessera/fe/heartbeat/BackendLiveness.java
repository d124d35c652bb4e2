package io.tessera.fe.heartbeat;

/**
 * Where a backend stands in the FE's eyes, from heartbeats alone. Soft state: it lives only in
 * this FE's memory and every backend starts at {@link #UNKNOWN} after an FE restart.
 * {@link LivenessTransitions#next} is the only way from one constant to another.
 */
public enum BackendLiveness {
    /**
     * Has not answered a heartbeat successfully since this FE started: never reached, or only
     * refused or failed. Not alive; SHOW BACKENDS shows Doris's never-contacted values plus the
     * last error.
     */
    UNKNOWN(false),
    /**
     * Answered the last heartbeat, or has failed fewer rounds in a row than
     * {@code max_backend_heartbeat_failure_tolerance_count}. Alive.
     */
    ALIVE(true),
    /**
     * Was alive, then failed {@code max_backend_heartbeat_failure_tolerance_count} rounds in a row.
     * Not alive until it answers again; its last successful heartbeat time is kept.
     */
    DEAD(false);

    private final boolean alive;

    BackendLiveness(boolean alive) {
        this.alive = alive;
    }

    /** What SHOW BACKENDS prints in the {@code Alive} column. */
    public boolean alive() {
        return alive;
    }
}
