package io.tessera.fe.replication;

import io.tessera.fe.scheduler.DrainBlockers;
import java.util.Map;
import java.util.Set;

/**
 * What the tablet scheduler's loop is doing, as readers on other threads need it: the tablets a
 * clone is installing a replica of (report reconciliation must not trash those replicas; SHOW
 * PROC's CloningNum counts them per database) and running totals. Immutable.
 *
 * @param cloningTabletIds  tablets with a clone in flight
 * @param cloningByDatabase database id to its clones in flight
 * @param pendingRemovals   replicas waiting for earlier loads before they leave the catalog
 * @param finishedClones    clones recorded since the FE started
 * @param failedClones      clones that failed or were no longer wanted since the FE started
 * @param removedReplicas   replicas removed from the catalog since the FE started
 * @param checks            rounds that classified every tablet since the FE started
 * @param plannedMoves      replicas on decommissioned backends the last drain plan placed
 * @param unplaceableMoves  replicas on decommissioned backends it found nowhere to put
 * @param lastPlanMs        how long the last drain plan took
 * @param views             the scheduler's queues, slots and counters for SHOW PROC '/cluster_balance'
 * @param drainBytesPerSecond decommissioned backend id to the rate its replicas were recently
 *                          replaced at ({@link DrainRates}); absent when not known
 * @param drainObserved     what the loop saw of the drains that the catalog does not hold (clone
 *                          failures, pending removals, progress times) for
 *                          {@link io.tessera.fe.scheduler.DrainBlockers}
 * @param unhealthySinceMs  tablet id to when the loop first saw it unhealthy (the repair delay)
 */
public record ReplicationActivity(Set<Long> cloningTabletIds, Map<Long, Integer> cloningByDatabase,
                                  int pendingRemovals, long finishedClones, long failedClones,
                                  long removedReplicas, long checks, int plannedMoves, int unplaceableMoves,
                                  long lastPlanMs, SchedulerViews views, Map<Long, Double> drainBytesPerSecond,
                                  DrainBlockers.Observed drainObserved, Map<Long, Long> unhealthySinceMs) {
    public static final ReplicationActivity EMPTY = new ReplicationActivity(Set.of(), Map.of(), 0, 0, 0, 0, 0, 0, 0,
            0, SchedulerViews.EMPTY, Map.of(), DrainBlockers.Observed.NONE, Map.of());

    public ReplicationActivity {
        cloningTabletIds = Set.copyOf(cloningTabletIds);
        cloningByDatabase = Map.copyOf(cloningByDatabase);
        drainBytesPerSecond = Map.copyOf(drainBytesPerSecond);
        java.util.Objects.requireNonNull(views, "views is null");
        java.util.Objects.requireNonNull(drainObserved, "drainObserved is null");
        unhealthySinceMs = Map.copyOf(unhealthySinceMs);
    }

    /** The measured drain rate of a decommissioned backend, in bytes per second; empty when not known. */
    public java.util.OptionalDouble drainRate(long backendId) {
        Double rate = drainBytesPerSecond.get(backendId);
        return rate == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(rate);
    }

    /**
     * The rate this cluster is draining at, in bytes per second: the measured drain rates of every
     * decommissioned backend added up; empty when none is measured (no drain in the last
     * {@link DrainRates#WINDOW_MS}). The estimate of EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND.
     */
    public java.util.OptionalDouble clusterDrainRate() {
        return drainBytesPerSecond.isEmpty() ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(drainBytesPerSecond.values().stream().mapToDouble(Double::doubleValue)
                        .sum());
    }

    /** Clones in flight for a database (SHOW PROC '/cluster_health/tablet_health' CloningNum). */
    public long cloning(long databaseId) {
        return cloningByDatabase.getOrDefault(databaseId, 0);
    }
}
