package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth.Status;
import io.tessera.proto.journal.ReplicaDefinition;

/**
 * Whether an unhealthy tablet is due for repair now. Doris waits
 * {@code tablet_repair_delay_factor_second} × 1 (HIGH), 2 (NORMAL) or 3 (LOW), VERY_HIGH at once,
 * before repairing a tablet whose replica's backend is dead or dropped, since a dead backend
 * often comes back; a tablet whose replicas are all on alive backends (version-incomplete,
 * relocating) is repaired at once, and so is one with fewer than a majority of complete replicas
 * left (the rule). A redundant replica is deleted at once. Pure.
 */
final class RepairDelay {
    private RepairDelay() {
    }

    static boolean due(TabletWork work, SchedulerInput input) {
        if (work.health().status() == Status.REDUNDANT) {
            return true;
        }
        int majority = work.replicationNum() / 2 + 1;
        int aliveComplete = 0;
        boolean onDeadBackend = false;
        for (ReplicaDefinition replica : work.tablet().getReplicasList()) {
            if (TabletScheduler.aliveComplete(replica, work, input)) {
                aliveComplete++;
            }
            if (!input.cluster().isAlive(replica.getBackendId())) {
                onDeadBackend = true;
            }
        }
        if (aliveComplete < majority || !onDeadBackend) {
            return true;
        }
        long delayMs = delayMs(work, input);
        long sinceMs = input.unhealthySinceMs().getOrDefault(work.tablet().getTabletId(), input.nowMs());
        return input.nowMs() - sinceMs >= delayMs;
    }

    static long delayMs(TabletWork work, SchedulerInput input) {
        long factorMs = input.config().tabletRepairDelayFactorSeconds() * 1000L;
        return switch (work.health().priority()) {
            case VERY_HIGH -> 0;
            case HIGH -> factorMs;
            case NORMAL -> 2 * factorMs;
            case LOW -> 3 * factorMs;
        };
    }
}
