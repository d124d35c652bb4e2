package io.tessera.fe.scheduler;

import java.util.Objects;

/**
 * One replica on a draining backend that is not moving, and why (SHOW DECOMMISSION BLOCKERS).
 * Immutable.
 *
 * @param backendId the draining backend the replica is on
 * @param tabletId  its tablet
 * @param replicaId the replica
 * @param database  the tablet's database, table and partition names
 * @param reason    the typed reason
 * @param detail    what exactly blocks it, in words (which backends are full, the clone's last
 *                  error, which backend is dead)
 * @param sinceMs   wall time the reason refers to: the last failure of a failing clone, the last
 *                  progress of a stalled drain; 0 when the reason has no time
 * @param lastError a failing clone's last error; empty for every other reason
 */
public record DrainBlocker(long backendId, long tabletId, long replicaId, String database, String table,
                           String partition, Reason reason, String detail, long sinceMs, String lastError) {
    public DrainBlocker {
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(lastError, "lastError is null");
    }

    /**
     * Why a replica is not moving, by the scheduler's own rules ({@link DrainBlockers}). The names
     * are what operators read; {@link #CLONE_FAILING} and {@link #STALLED} are followed by the last
     * error and the time.
     */
    public enum Reason {
        /** No backend of the replica's location can ever take it: none alive, schedule-available, on another host. */
        NO_DESTINATION("no destination"),
        /** Backends could take it but for their disks: all over the storage watermarks. */
        NOT_ENOUGH_SPACE("not enough space"),
        /** Its copy is in place; the replica leaves once the loads that began before the move finish. */
        WAITING_FOR_LOADS("waiting for loads"),
        /** The last clone of the tablet failed; it is tried again. */
        CLONE_FAILING("clone failing"),
        /** The replica's backend is dead and no clone can start from it, or waits for the repair delay. */
        SOURCE_DEAD("source dead"),
        /** No alive replica of the tablet holds every visible version. */
        NO_COMPLETE_SOURCE("no complete source"),
        /** Nothing specific, but the drain made no progress for {@code decommission_stall_warning_second}. */
        STALLED("stalled since"),
        /** The job is paused (ALTER SYSTEM PAUSE DECOMMISSION BACKEND). */
        PAUSED("paused"),
        /** {@code disable_tablet_scheduler} is true: nothing is scheduled. */
        SCHEDULER_DISABLED("scheduler disabled");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The reason as SHOW DECOMMISSION BLOCKERS words it, before any error or time. */
        public String text() {
            return text;
        }
    }
}
