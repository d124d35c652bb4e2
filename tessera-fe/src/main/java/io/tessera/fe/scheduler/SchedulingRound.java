package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one round decided and saw.
 *
 * @param decisions     clones and drops, most urgent first, at most {@code schedule_batch_size}
 * @param unrecoverable tablets nothing can repair (LOST, UNAVAILABLE, UNRECOVERABLE), reported
 *                      and left alone
 * @param unhealthy     every tablet not HEALTHY this round: the caller keeps when each was first
 *                      seen so ({@link UnhealthySince#next})
 * @param queue         the recoverable unhealthy tablets, most urgent first (the order this round
 *                      worked in): what the caller schedules from between full checks
 */
public record SchedulingRound(List<SchedulerDecision> decisions, Map<Long, TabletHealth.Status> unrecoverable,
                              Set<Long> unhealthy, List<Long> queue) {
    public SchedulingRound {
        decisions = List.copyOf(decisions);
        unrecoverable = Map.copyOf(unrecoverable);
        unhealthy = Set.copyOf(unhealthy);
        queue = List.copyOf(queue);
    }
}
