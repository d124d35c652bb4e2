package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one round decided and saw.
 *
 * @param decisions      clones and drops, most urgent first, at most {@code schedule_batch_size}
 * @param unrecoverable  tablets nothing can repair (LOST, UNAVAILABLE, UNRECOVERABLE), reported
 *                       and left alone
 * @param unhealthy      every tablet not HEALTHY this round: the caller keeps when each was first
 *                       seen so ({@link UnhealthySince#next})
 * @param details        the same tablets with their status and priority, for the operator views
 *                       (SHOW PROC '/cluster_balance/pending_tablets')
 * @param checkedTablets how many tablets the round classified
 * @param queue          the recoverable unhealthy tablets, most urgent first (the order this round
 *                       worked in): what the caller schedules from between full checks; not those
 *                       waiting only for a paused decommission ({@link TabletScheduler#relocationPaused})
 */
public record SchedulingRound(List<SchedulerDecision> decisions, Map<Long, TabletHealth.Status> unrecoverable,
                              Set<Long> unhealthy, Map<Long, Unhealthy> details, int checkedTablets,
                              List<Long> queue) {
    public SchedulingRound {
        decisions = List.copyOf(decisions);
        unrecoverable = Map.copyOf(unrecoverable);
        unhealthy = Set.copyOf(unhealthy);
        queue = List.copyOf(queue);
        details = Map.copyOf(details);
    }

    public SchedulingRound(List<SchedulerDecision> decisions, Map<Long, TabletHealth.Status> unrecoverable,
                           Set<Long> unhealthy) {
        this(decisions, unrecoverable, unhealthy, Map.of(), 0, List.of());
    }

    /**
     * The partitions holding a tablet not HEALTHY this round, recoverable or not (from
     * {@link #details}): a partition ADMIN REPAIR TABLE queued stays queued while it is here.
     */
    public Set<Long> unhealthyPartitionIds() {
        Set<Long> partitionIds = new HashSet<>();
        for (Unhealthy tablet : details.values()) {
            partitionIds.add(tablet.partitionId());
        }
        return Set.copyOf(partitionIds);
    }

    /**
     * An unhealthy tablet as the views show it.
     *
     * @param status         Doris's status name ({@code REPLICA_MISSING_FOR_TAG} for a tablet short of
     *                       replicas in a location)
     * @param priority       its repair priority
     * @param partitionId    its partition
     * @param visibleVersion its partition's visible version
     */
    public record Unhealthy(String status, TabletHealth.Priority priority, long partitionId, long visibleVersion) {
    }
}
