package io.tessera.fe.scheduler;

/**
 * One replica that leaves: the tablet and the decommissioned backend its replica is on. The key of
 * a {@link DrainPlan}.
 */
public record PlannedMove(long tabletId, long sourceBackendId) {
}
