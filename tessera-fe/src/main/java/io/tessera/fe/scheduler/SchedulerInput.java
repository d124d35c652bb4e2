package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one scheduling round decides from, taken at one instant by the caller.
 *
 * @param catalog          tablets, replicas, visible versions, replica counts per backend
 * @param cluster          backends with liveness, decommission, tags, disk usage; kept judging disk
 *                         room by {@code config}'s watermarks
 * @param unreadable       replicas the reports call bad or missing
 * @param config           the runtime config as it stands this round
 * @param nowMs            the caller's clock, for the repair delay
 * @param unhealthySinceMs tablet id to when it was first seen unhealthy ({@link UnhealthySince})
 * @param running          clones in flight
 * @param plan             where each replica on a decommissioned backend is planned to go
 *                         ({@link DrainPlanner}); relocation follows it while it holds
 * @param priorityPartitionIds partitions an operator asked to repair first (ADMIN REPAIR TABLE):
 *                         their unhealthy tablets are VERY_HIGH, ahead of every other tablet, and
 *                         wait for no repair delay
 * @param pausedBackendIds decommissioned backends whose job is paused (ALTER SYSTEM PAUSE
 *                         DECOMMISSION BACKEND): no new clone relocates a replica off them, and
 *                         being decommissioned they still take no new replica
 * @param unsettledBackendIds backends this FE cannot judge yet, just after it started: not heard
 *                         from (liveness unknown), or alive with no tablet report reconciled. A
 *                         tablet with a replica on one is left out of the round, and nothing is
 *                         balanced while any is unsettled; every other tablet is scheduled
 */
public record SchedulerInput(CatalogSnapshot catalog, ClusterView cluster, UnreadableReplicas unreadable,
                             RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs,
                             RunningClones running, DrainPlan plan, Set<Long> priorityPartitionIds,
                             Set<Long> pausedBackendIds, Set<Long> unsettledBackendIds) {
    /** An input where every backend is settled. */
    public SchedulerInput(CatalogSnapshot catalog, ClusterView cluster, UnreadableReplicas unreadable,
                          RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs, RunningClones running,
                          DrainPlan plan, Set<Long> priorityPartitionIds, Set<Long> pausedBackendIds) {
        this(catalog, cluster, unreadable, config, nowMs, unhealthySinceMs, running, plan, priorityPartitionIds,
                pausedBackendIds, Set.of());
    }

    /** An input without paused decommissions. */
    public SchedulerInput(CatalogSnapshot catalog, ClusterView cluster, UnreadableReplicas unreadable,
                          RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs, RunningClones running,
                          DrainPlan plan, Set<Long> priorityPartitionIds) {
        this(catalog, cluster, unreadable, config, nowMs, unhealthySinceMs, running, plan, priorityPartitionIds,
                Set.of());
    }

    /** An input without priority partitions. */
    public SchedulerInput(CatalogSnapshot catalog, ClusterView cluster, UnreadableReplicas unreadable,
                          RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs, RunningClones running,
                          DrainPlan plan) {
        this(catalog, cluster, unreadable, config, nowMs, unhealthySinceMs, running, plan, Set.of(), Set.of());
    }

    /** An input without a drain plan: relocation picks its destinations round by round. */
    public SchedulerInput(CatalogSnapshot catalog, ClusterView cluster, UnreadableReplicas unreadable,
                          RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs, RunningClones running) {
        this(catalog, cluster, unreadable, config, nowMs, unhealthySinceMs, running, DrainPlan.EMPTY, Set.of(),
                Set.of());
    }

    public SchedulerInput {
        Objects.requireNonNull(plan, "plan is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(cluster, "cluster is null");
        Objects.requireNonNull(unreadable, "unreadable is null");
        Objects.requireNonNull(config, "config is null");
        cluster = cluster.withWatermarks(StorageRoom.watermarks(config));
        unhealthySinceMs = Map.copyOf(unhealthySinceMs);
        Objects.requireNonNull(running, "running is null");
        priorityPartitionIds = Set.copyOf(priorityPartitionIds);
        pausedBackendIds = Set.copyOf(pausedBackendIds);
        unsettledBackendIds = Set.copyOf(unsettledBackendIds);
    }

    /** Whether a replica of the tablet is on a backend this FE cannot judge yet. */
    public boolean unsettled(TabletDefinition tablet) {
        return onAny(tablet, unsettledBackendIds);
    }

    /** Whether a replica of the tablet is on one of the backends. */
    public static boolean onAny(TabletDefinition tablet, Set<Long> backendIds) {
        if (!backendIds.isEmpty()) {
            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                if (backendIds.contains(replica.getBackendId())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the backend's decommission is paused: nothing new is moved off it. */
    public boolean paused(long backendId) {
        return pausedBackendIds.contains(backendId);
    }
}
