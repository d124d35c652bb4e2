package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which replica of a redundant tablet to delete, in Doris's order of preference
 * ({@code deleteBackendDropped}, {@code deleteBadReplica}, {@code deleteBackendUnavailable} for
 * dead then decommissioned, {@code deleteVersionIncomplete}, then the replica on the most loaded
 * backend, ties by the higher backend id; within one reason, a replica on a backend whose
 * decommission is paused comes last, so a draining backend's goes first), and never one whose loss
 * would leave fewer alive complete replicas than the replication number or fewer stable replicas in its location than
 * the allocation asks. Pure.
 */
final class RedundantReplicaChooser {
    private RedundantReplicaChooser() {
    }

    static Optional<DropReplica> choose(TabletWork work, SchedulerInput input) {
        List<ReplicaDefinition> replicas = work.tablet().getReplicasList();
        long aliveComplete = replicas.stream().filter(r -> TabletScheduler.aliveComplete(r, work, input)).count();
        Comparator<ReplicaDefinition> order = Comparator
                .comparing((ReplicaDefinition replica) -> reason(replica, work, input))
                .thenComparing((ReplicaDefinition replica) -> input.paused(replica.getBackendId()))
                .thenComparing(Comparator.comparingLong(
                        (ReplicaDefinition replica) -> input.catalog().replicaCount(replica.getBackendId())).reversed())
                .thenComparing(Comparator.comparingLong(ReplicaDefinition::getBackendId).reversed());
        return replicas.stream().sorted(order)
                .filter(replica -> safeToDrop(replica, work, input, aliveComplete))
                .findFirst()
                .map(replica -> new DropReplica(work.tablet().getTabletId(), replica.getReplicaId(),
                        replica.getBackendId(), reason(replica, work, input)));
    }

    static DropReplica.Reason reason(ReplicaDefinition replica, TabletWork work, SchedulerInput input) {
        long backendId = replica.getBackendId();
        if (!input.cluster().isRegistered(backendId)) {
            return DropReplica.Reason.BACKEND_DROPPED;
        }
        if (input.unreadable().unreadable(replica.getReplicaId(), backendId)) {
            return DropReplica.Reason.BAD_REPLICA;
        }
        if (!input.cluster().isAlive(backendId)) {
            return DropReplica.Reason.BACKEND_DEAD;
        }
        if (!input.cluster().isScheduleAvailable(backendId)) {
            return DropReplica.Reason.BACKEND_DECOMMISSIONED;
        }
        if (!TabletHealth.versionComplete(replica, work.visibleVersion(), input.unreadable())) {
            return DropReplica.Reason.VERSION_INCOMPLETE;
        }
        return DropReplica.Reason.REDUNDANT;
    }

    private static boolean safeToDrop(ReplicaDefinition candidate, TabletWork work, SchedulerInput input,
                                      long aliveComplete) {
        if (aliveComplete == 0) {
            return false;
        }
        if (!TabletScheduler.aliveComplete(candidate, work, input)) {
            return true;
        }
        if (aliveComplete <= work.replicationNum()) {
            return false;
        }
        if (!TabletScheduler.stable(candidate, work, input)) {
            return true;
        }
        String location = TabletScheduler.location(candidate.getBackendId(), input);
        long stableHere = work.tablet().getReplicasList().stream()
                .filter(r -> TabletScheduler.stable(r, work, input))
                .filter(r -> location.equals(TabletScheduler.location(r.getBackendId(), input)))
                .count();
        return stableHere > work.required(location);
    }
}
