package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth;
import java.util.Objects;

/**
 * Copy a tablet's complete replica from one backend to another. When the destination already
 * holds an incomplete replica of the tablet the clone repairs it in place (Doris's incremental
 * clone for {@code VERSION_INCOMPLETE}); otherwise it makes a new replica there.
 *
 * @param tabletId             the tablet
 * @param partitionId          its partition (whose visible version the clone must reach)
 * @param sourceBackendId      holds an alive, version-complete replica
 * @param destinationBackendId receives the replica
 * @param reason               why
 * @param priority             the tablet's repair priority ({@code LOW} for balance)
 */
public record Clone(long tabletId, long partitionId, long sourceBackendId, long destinationBackendId,
                    Reason reason, TabletHealth.Priority priority) implements SchedulerDecision {
    /** Why a clone was decided. */
    public enum Reason {
        /** Fewer alive replicas than the replication number. */
        REPAIR_MISSING,
        /** Enough alive replicas, too few version complete. */
        REPAIR_VERSION,
        /** A complete replica sits on a decommissioned backend and must move. */
        RELOCATE_DECOMMISSION,
        /** Moves a replica from a backend above the mean replica count to one below it. */
        BALANCE
    }

    public Clone {
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(priority, "priority is null");
        if (sourceBackendId == destinationBackendId) {
            throw new IllegalArgumentException("clone onto its own source backend " + sourceBackendId);
        }
    }
}
