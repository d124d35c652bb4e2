package io.tessera.fe.scheduler;

import java.util.Objects;

/**
 * Delete one replica of a tablet that has more than its replication number.
 *
 * @param tabletId  the tablet
 * @param replicaId the replica to delete
 * @param backendId the backend it is on (possibly dropped or dead)
 * @param reason    why this replica rather than another
 */
public record DropReplica(long tabletId, long replicaId, long backendId, Reason reason) implements SchedulerDecision {
    /** Doris's deletion preference, first reason first ({@code TabletSchedCtx.deleteBackendDropped} and on). */
    public enum Reason {
        /** Its backend is no longer registered. */
        BACKEND_DROPPED,
        /** Its backend's reports call it bad or missing. */
        BAD_REPLICA,
        /** Its backend is dead. */
        BACKEND_DEAD,
        /** Its backend is decommissioned. */
        BACKEND_DECOMMISSIONED,
        /** It misses versions. */
        VERSION_INCOMPLETE,
        /** Every replica is fine: the one on the most loaded backend goes. */
        REDUNDANT
    }

    public DropReplica {
        Objects.requireNonNull(reason, "reason is null");
    }
}
