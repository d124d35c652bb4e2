package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth.Status;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The decisions of one round as they accumulate, with what they have taken so far: slots per
 * backend (running clones plus this round's), replicas each backend will gain or lose, the batch
 * budget. Exists so each decision sees the ones before it in the same round. Confined to one call
 * of {@link TabletScheduler#schedule}; not thread-safe.
 */
final class RoundPlan {
    private final SchedulerInput input;
    private final ClusterView cluster;
    private final RuntimeConfig config;
    private final Random random;
    private final List<SchedulerDecision> decisions = new ArrayList<>();
    private final Map<Long, Integer> slotsTaken = new HashMap<>();
    private final Map<Long, Long> replicaDelta = new HashMap<>();
    private final Set<Long> tabletsDecided = new HashSet<>();
    private int clones;

    RoundPlan(SchedulerInput input, Random random) {
        this.input = input;
        this.cluster = input.cluster();
        this.config = input.config();
        this.random = random;
    }

    List<SchedulerDecision> decisions() {
        return List.copyOf(decisions);
    }

    boolean batchFull() {
        return decisions.size() >= config.scheduleBatchSize();
    }

    private boolean cloneBudgetLeft() {
        return !batchFull() && input.running().tabletIds().size() + clones < config.maxSchedulingTablets();
    }

    void add(SchedulerDecision decision) {
        decisions.add(decision);
        tabletsDecided.add(decision.tabletId());
        if (decision instanceof Clone clone) {
            clones++;
            slotsTaken.merge(clone.sourceBackendId(), 1, Integer::sum);
            slotsTaken.merge(clone.destinationBackendId(), 1, Integer::sum);
            replicaDelta.merge(clone.destinationBackendId(), 1L, Long::sum);
            if (clone.reason() == Clone.Reason.BALANCE) {
                replicaDelta.merge(clone.sourceBackendId(), -1L, Long::sum);
            }
        }
    }

    private boolean slotFree(long backendId) {
        return input.running().slots(backendId) + slotsTaken.getOrDefault(backendId, 0)
                < config.scheduleSlotsPerHddPath();
    }

    /**
     * Replicas on the backend as the catalog counts them, plus what the work in flight and this
     * round's clones will add or remove.
     */
    private long load(long backendId) {
        return input.catalog().replicaCount(backendId) + input.running().replicasComing().getOrDefault(backendId, 0L)
                + replicaDelta.getOrDefault(backendId, 0L);
    }

    private boolean destinationUsable(long backendId, String location, Set<String> hosts) {
        return cluster.canBeCloneDestination(backendId, location, hosts) && slotFree(backendId);
    }

    /** Decides one clone that gives a tablet a complete, stable replica where one is short. */
    void repair(TabletWork work) {
        if (!cloneBudgetLeft()) {
            return;
        }
        String location = TabletScheduler.deficitLocation(work, input);
        Optional<Long> inPlace = inPlaceDestination(work, location);
        Clone.Reason reason;
        long destination;
        if (inPlace.isPresent()) {
            destination = inPlace.get();
            reason = Clone.Reason.REPAIR_VERSION;
        } else {
            Set<String> hosts = hostsHolding(work);
            Optional<Long> planned = plannedDestination(work, location, hosts);
            if (planned.isPresent() && !slotFree(planned.get())) {
                return;  // the plan's destination is busy: wait for its slot rather than stray from the plan
            }
            List<Long> candidates = planned.isPresent() ? List.of(planned.get())
                    : cluster.cloneDestinations(location, hosts).stream().map(Backend::id)
                    .filter(id -> destinationUsable(id, location, hosts)).toList();
            Optional<Long> chosen = leastBy(candidates, this::load);
            if (chosen.isEmpty()) {
                forceDropBlockingReplica(work, location, hosts);
                return;
            }
            destination = chosen.get();
            reason = switch (work.health().status()) {
                case REPLICA_MISSING, HEALTHY -> Clone.Reason.REPAIR_MISSING;
                case REPLICA_RELOCATING -> Clone.Reason.RELOCATE_DECOMMISSION;
                default -> Clone.Reason.REPAIR_VERSION;
            };
        }
        long target = destination;
        List<Long> sources = work.tablet().getReplicasList().stream()
                .filter(replica -> replica.getBackendId() != target)
                .filter(replica -> cluster.canBeCloneSource(replica.getBackendId(),
                        TabletScheduler.aliveComplete(replica, work, input)))
                .map(ReplicaDefinition::getBackendId)
                .filter(this::slotFree).toList();
        Optional<Long> source = leastBy(sources,
                id -> input.running().slots(id) + slotsTaken.getOrDefault(id, 0));
        source.ifPresent(id -> add(new Clone(work.tablet().getTabletId(), work.partitionId(), id, target, reason,
                work.health().priority())));
    }

    /**
     * The drain plan's destination for one of the tablet's replicas on a decommissioned backend,
     * when it can still take the clone but for a free slot (a destination that left, filled up or
     * took a replica of the tablet meanwhile is ignored: relocation then picks as without a plan).
     */
    private Optional<Long> plannedDestination(TabletWork work, String location, Set<String> hosts) {
        if (work.health().status() != Status.REPLICA_RELOCATING) {
            return Optional.empty();
        }
        for (ReplicaDefinition replica : work.tablet().getReplicasList()) {
            if (input.paused(replica.getBackendId())) {
                continue;  // its move waits for RESUME
            }
            Long destination = input.plan().destinations()
                    .get(new PlannedMove(work.tablet().getTabletId(), replica.getBackendId()));
            if (destination != null && cluster.canBeCloneDestination(destination, location, hosts)) {
                return Optional.of(destination);
            }
        }
        return Optional.empty();
    }

    /**
     * Doris's {@code FORCE_REDUNDANT}: no backend can take the clone because every usable one
     * shares a host with a replica on an alive backend that is not stable (decommissioned, bad or
     * incomplete; a bad replica's own backend may take the new one once it is gone; a replica on a
     * dead backend is kept, as that backend may return with it),
     * so delete such a replica first, in the redundant order, when the alive complete replicas
     * left still make a majority (or the replica is not complete at all); the clone follows in a
     * later round. Never a replica on a backend whose decommission is paused: that would move it off.
     */
    private void forceDropBlockingReplica(TabletWork work, String location, Set<String> hosts) {
        int majority = work.replicationNum() / 2 + 1;
        long aliveComplete = work.tablet().getReplicasList().stream()
                .filter(replica -> TabletScheduler.aliveComplete(replica, work, input)).count();
        Comparator<ReplicaDefinition> order = Comparator
                .comparing((ReplicaDefinition replica) -> RedundantReplicaChooser.reason(replica, work, input));
        for (ReplicaDefinition replica : work.tablet().getReplicasList().stream().sorted(order).toList()) {
            Optional<Backend> backend = cluster.backend(replica.getBackendId());
            if (backend.isEmpty() || !cluster.isAlive(replica.getBackendId())
                    || TabletScheduler.stable(replica, work, input) || input.paused(replica.getBackendId())) {
                continue;
            }
            boolean complete = TabletScheduler.aliveComplete(replica, work, input);
            if (complete && aliveComplete - 1 < majority) {
                continue;
            }
            Set<String> without = new HashSet<>(hosts);
            without.remove(backend.get().host());
            boolean unblocks = cluster.cloneDestinations(location, without).stream()
                    .anyMatch(candidate -> destinationUsable(candidate.id(), location, without));
            if (unblocks) {
                add(new DropReplica(work.tablet().getTabletId(), replica.getReplicaId(), replica.getBackendId(),
                        RedundantReplicaChooser.reason(replica, work, input)));
                return;
            }
        }
    }

    /** A backend in the location holding an alive, readable but incomplete replica that can take the clone. */
    private Optional<Long> inPlaceDestination(TabletWork work, String location) {
        List<Long> candidates = work.tablet().getReplicasList().stream()
                .filter(replica -> cluster.isAlive(replica.getBackendId()))
                .filter(replica -> !input.unreadable().unreadable(replica.getReplicaId(), replica.getBackendId()))
                .filter(replica -> !TabletScheduler.aliveComplete(replica, work, input))
                .map(ReplicaDefinition::getBackendId)
                .filter(id -> location.equals(TabletScheduler.location(id, input)))
                .filter(id -> cluster.canHoldNewReplica(id) && cluster.hasStorageRoom(id) && slotFree(id))
                .toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /** Hosts of the tablet's replicas on registered backends (a dropped backend's host is unknown). */
    private Set<String> hostsHolding(TabletWork work) {
        Set<String> hosts = new HashSet<>();
        for (ReplicaDefinition replica : work.tablet().getReplicasList()) {
            cluster.backend(replica.getBackendId()).ifPresent(backend -> hosts.add(backend.host()));
        }
        return hosts;
    }

    /** The candidate with the least key, ties broken by the seeded random. */
    private Optional<Long> leastBy(List<Long> candidates, ToLongFunction<Long> key) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        long least = candidates.stream().mapToLong(key).min().orElseThrow();
        List<Long> tied = candidates.stream().filter(id -> key.applyAsLong(id) == least).toList();
        return Optional.of(tied.get(random.nextInt(tied.size())));
    }

    /**
     * Balance by replica count within each location: while the budget lasts
     * ({@code max_balancing_tablets} and the batch), clone a HEALTHY tablet's replica from the most
     * loaded backend above the mean by more than {@code balance_load_score_threshold} to the least
     * loaded one below it, only when the gap is at least two (so a move never just swaps who is
     * higher); the redundant rule deletes the old replica in a later round.
     */
    void balance(List<TabletWork> healthy) {
        int budget = Math.min(config.maxBalancingTablets(), config.scheduleBatchSize() - decisions.size());
        Map<String, List<Long>> backendsByLocation = new TreeMap<>();
        for (Backend backend : cluster.backends()) {
            if (cluster.canHoldNewReplica(backend.id())) {
                backendsByLocation.computeIfAbsent(backend.location(), key -> new ArrayList<>()).add(backend.id());
            }
        }
        Map<Long, List<TabletWork>> tabletsByBackend = new HashMap<>();
        for (TabletWork work : healthy) {
            for (ReplicaDefinition replica : work.tablet().getReplicasList()) {
                tabletsByBackend.computeIfAbsent(replica.getBackendId(), key -> new ArrayList<>()).add(work);
            }
        }
        for (Map.Entry<String, List<Long>> entry : backendsByLocation.entrySet()) {
            String location = entry.getKey();
            List<Long> backends = entry.getValue();
            double mean = backends.stream().mapToLong(this::load).sum() / (double) backends.size();
            double threshold = config.balanceLoadScoreThreshold();
            while (budget > 0 && cloneBudgetLeft()) {
                if (!balanceOne(location, backends, mean, threshold, tabletsByBackend)) {
                    break;
                }
                budget--;
            }
        }
    }

    private boolean balanceOne(String location, List<Long> backends, double mean, double threshold,
                               Map<Long, List<TabletWork>> tabletsByBackend) {
        List<Long> high = backends.stream().filter(id -> load(id) > mean * (1 + threshold)).filter(this::slotFree)
                .sorted(Comparator.comparingLong(this::load).reversed().thenComparingLong(id -> id)).toList();
        for (long source : high) {
            for (TabletWork work : tabletsByBackend.getOrDefault(source, List.of())) {
                long tabletId = work.tablet().getTabletId();
                if (tabletsDecided.contains(tabletId) || input.running().tabletIds().contains(tabletId)
                        || work.health().status() != Status.HEALTHY) {
                    continue;
                }
                Set<String> hosts = hostsHolding(work);
                List<Long> low = backends.stream().filter(id -> load(id) < mean * (1 - threshold))
                        .filter(id -> load(source) - load(id) >= 2)
                        .filter(id -> destinationUsable(id, location, hosts)).toList();
                Optional<Long> destination = leastBy(low, this::load);
                if (destination.isPresent()) {
                    add(new Clone(tabletId, work.partitionId(), source, destination.get(), Clone.Reason.BALANCE,
                            TabletScheduler.BALANCE_PRIORITY));
                    return true;
                }
            }
        }
        return false;
    }
}
