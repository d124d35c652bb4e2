package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.TabletHealth.Priority;
import io.tessera.fe.catalog.TabletHealth.Status;
import io.tessera.fe.cluster.Backend;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One round of Doris's tablet checker and tablet scheduler ({@code TabletChecker} →
 * {@code TabletScheduler}) as one pure function: classify every tablet with
 * {@link TabletHealth#classify}, take the unhealthy ones most urgent first, and decide clones
 * (repair, relocation off decommissioned backends, balance) and drops (redundant replicas).
 * Exists so that every rule can be tested, and replayed from a seed, without threads, tasks or
 * backends.
 *
 * <p>Doris rules followed: priorities and statuses from the classifier; the repair delay
 * {@code tablet_repair_delay_factor_second} × 1/2/3 for HIGH/NORMAL/LOW (VERY_HIGH at once) only
 * when a replica's backend is dead or dropped, and at once when fewer than a majority of complete
 * replicas are alive; relocation is repair (runs with {@code disable_balance}, not with
 * {@code disable_tablet_scheduler}) and may clone off the decommissioned backend; destinations
 * are schedule-available, not shutting down, in the replica's location, on a host without a
 * replica of the tablet, under the watermarks and not at flood stage; a version-incomplete
 * replica on a usable backend is repaired in place; a clone takes a slot on its source and on its
 * destination; the redundant replica deleted first is on a dropped, then bad, dead,
 * decommissioned backend, then an incomplete one, then the one on the most loaded backend;
 * balance clones a replica from a backend above the mean and lets the redundant rule delete the
 * old one.
 *
 * <p>Simplified: one slot pool per backend ({@code schedule_slot_num_per_hdd_path}, not per
 * path or medium); a drop is decided at once (as with {@code enable_force_drop_redundant_replica},
 * no wait for earlier transactions: the executor must add that); no {@code FORCE_REDUNDANT} (a
 * tablet with no destination just waits); balance is by replica count per location (Doris's
 * load score also weighs disk usage), only of HEALTHY tablets, with a move only when it narrows
 * the gap by at least two; no colocate groups; {@code REPLICA_MISSING_FOR_TAG} is found here
 * ({@link #shortOfLocation}), not by the classifier; the work order is by priority then tablet id,
 * recomputed each round (Doris keeps a queue). The unhealthy tablets of the partitions in
 * {@link SchedulerInput#priorityPartitionIds} (ADMIN REPAIR TABLE) are VERY_HIGH and come first.
 *
 * <p>Paused decommissions (Tessera's ALTER SYSTEM PAUSE DECOMMISSION BACKEND,
 * {@link SchedulerInput#pausedBackendIds}): no new clone relocates a replica off a paused backend
 * (a tablet relocating only because of replicas there is skipped, {@link #relocationPaused}, and
 * the force drop that unblocks a clone never picks one there); the backend stays decommissioned,
 * so it is never a destination and takes no new replica. Clones already in flight are not this
 * function's to stop: the caller lets them finish and records them, and the redundant drop that
 * completes such a finished clone (the tablet then has a replica too many, the one on the paused
 * backend) still proceeds, the replica on a draining backend chosen first when there is one.
 * Repairs of other tablets, relocation off backends still draining and balance go on.
 *
 * <p>Just after an FE start ({@link SchedulerInput#unsettledBackendIds}): a tablet with a replica
 * on a backend not heard from, or not reported yet, is left out of the round (its health is not
 * known: a replica may be missing, or its backend dead; and classifying a million tablets whose
 * backends are all unknown would only fill the queue), and nothing is balanced (balance needs
 * every tablet); every other tablet is decided as usual, so a drain or a repair starts without
 * waiting for the slowest backend's first report. The caller checks every tablet again once the
 * last backend is settled.
 *
 * <p>Threading: stateless; {@link #schedule} is pure for a given {@code Random} state and safe
 * from any thread as long as each caller has its own {@code Random}.
 */
public final class TabletScheduler {
    private TabletScheduler() {
    }

    /** One round: the decisions, the unrecoverable tablets and the unhealthy ones. */
    public static SchedulingRound schedule(SchedulerInput input, Random random) {
        return schedule(input, random, true);
    }

    /**
     * One round, with balance only when {@code balance} (and not {@code disable_balance}): a round
     * over part of the catalog (the caller's queue of unhealthy tablets) must not balance, as it
     * does not see every healthy tablet.
     */
    public static SchedulingRound schedule(SchedulerInput input, Random random, boolean balance) {
        List<TabletWork> unhealthyWork = new ArrayList<>();
        List<TabletWork> healthyWork = new ArrayList<>();
        Map<Long, Status> unrecoverable = new TreeMap<>();
        Set<Long> unhealthy = new HashSet<>();
        Map<Long, SchedulingRound.Unhealthy> details = new HashMap<>();
        List<TabletWork> all = tablets(input);
        for (TabletWork classified : all) {
            Status status = classified.health().status();
            if (status == Status.HEALTHY && !shortOfLocation(classified, input)) {
                healthyWork.add(classified);
                continue;
            }
            TabletWork work = prioritised(classified, input) ? classified.withPriority(Priority.VERY_HIGH) : classified;
            unhealthy.add(work.tablet().getTabletId());
            details.put(work.tablet().getTabletId(), new SchedulingRound.Unhealthy(
                    status == Status.HEALTHY ? "REPLICA_MISSING_FOR_TAG" : status.dorisName(),
                    work.health().priority(), work.partitionId(), work.visibleVersion()));
            if (status.unrecoverable()) {
                unrecoverable.put(work.tablet().getTabletId(), status);
            } else {
                unhealthyWork.add(work);
            }
        }
        unhealthyWork.sort(Comparator.comparing((TabletWork work) -> prioritised(work, input)).reversed()
                .thenComparing(Comparator.comparing((TabletWork work) -> work.health().priority()).reversed())
                .thenComparingLong(work -> work.tablet().getTabletId()));
        // A tablet waiting only for a paused decommission is no work for the rounds in between; the
        // full check a RESUME brings (the loop's shape holds the paused backends) queues it again.
        List<Long> queue = unhealthyWork.stream().filter(work -> !relocationPaused(work, input))
                .map(work -> work.tablet().getTabletId()).toList();
        if (input.config().disableTabletScheduler()) {
            return new SchedulingRound(List.of(), unrecoverable, unhealthy, details, all.size(), queue);
        }
        RoundPlan plan = new RoundPlan(input, random);
        for (TabletWork work : unhealthyWork) {
            if (plan.batchFull()) {
                break;
            }
            if (input.running().tabletIds().contains(work.tablet().getTabletId()) || !RepairDelay.due(work, input)
                    || relocationPaused(work, input)) {
                continue;
            }
            if (work.health().status() == Status.REDUNDANT) {
                RedundantReplicaChooser.choose(work, input).ifPresent(plan::add);
            } else {
                plan.repair(work);
            }
        }
        if (balance && !input.config().disableBalance() && input.unsettledBackendIds().isEmpty()) {
            plan.balance(healthyWork);
        }
        return new SchedulingRound(plan.decisions(), unrecoverable, unhealthy, details, all.size(), queue);
    }

    /**
     * Whether an unhealthy, recoverable tablet is in a partition an operator asked to repair first
     * (Doris's {@code TabletChecker} prios: VERY_HIGH, so no repair delay, and checked before every
     * other partition, so ahead of the other VERY_HIGH tablets).
     */
    static boolean prioritised(TabletWork work, SchedulerInput input) {
        return input.priorityPartitionIds().contains(work.partitionId()) && !work.health().status().unrecoverable();
    }

    /**
     * Whether a tablet relocates only because of replicas on backends whose decommission is paused
     * ({@link SchedulerInput#pausedBackendIds}): every alive complete replica that is not stable
     * sits on a paused backend. Such a tablet waits, unhealthy, until the job resumes.
     */
    static boolean relocationPaused(TabletWork work, SchedulerInput input) {
        if (work.health().status() != Status.REPLICA_RELOCATING || input.pausedBackendIds().isEmpty()) {
            return false;
        }
        return work.tablet().getReplicasList().stream()
                .filter(replica -> aliveComplete(replica, work, input) && !stable(replica, work, input))
                .allMatch(replica -> input.paused(replica.getBackendId()));
    }

    /**
     * Every tablet of the catalog with its partition, table and health, in catalog order; those on
     * backends not judged yet are left out.
     */
    static List<TabletWork> tablets(SchedulerInput input) {
        List<TabletWork> result = new ArrayList<>();
        for (DatabaseEntry database : new TreeMap<>(input.catalog().databases()).values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        if (input.unsettled(tablet)) {
                            continue; // not judged yet: not classified, queued or decided
                        }
                        TabletHealth health = TabletHealth.classify(tablet, partition.getVisibleVersion(),
                                table.getReplicaAllocationList(), input.cluster(), input.unreadable());
                        result.add(new TabletWork(tablet, partition.getPartitionId(), partition.getVisibleVersion(),
                                table.getReplicaAllocationList(), health));
                    }
                }
            }
        }
        return result;
    }

    /**
     * Doris's {@code REPLICA_MISSING_FOR_TAG}, which the tag-blind classifier does not tell: enough
     * stable replicas in all, but some location of the allocation has fewer than it asks (a
     * repair landed in another location while this one had no destination). The scheduler clones
     * into the short location; the redundant rule then deletes the surplus elsewhere.
     */
    static boolean shortOfLocation(TabletWork work, SchedulerInput input) {
        for (TagReplicaCount count : work.allocation()) {
            long stableHere = work.tablet().getReplicasList().stream()
                    .filter(replica -> stable(replica, work, input))
                    .filter(replica -> count.getLocation().equals(location(replica.getBackendId(), input)))
                    .count();
            if (stableHere < count.getCount()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the replica is alive, readable and holds every visible version. */
    static boolean aliveComplete(ReplicaDefinition replica, TabletWork work, SchedulerInput input) {
        return input.cluster().isAlive(replica.getBackendId())
                && TabletHealth.versionComplete(replica, work.visibleVersion(), input.unreadable());
    }

    /** Alive complete and on a schedule-available (alive, not decommissioned) backend: Doris's "stable". */
    static boolean stable(ReplicaDefinition replica, TabletWork work, SchedulerInput input) {
        return aliveComplete(replica, work, input) && input.cluster().isScheduleAvailable(replica.getBackendId());
    }

    /**
     * The first location (in allocation order) with fewer stable replicas than the allocation
     * asks; the first named location when none is short (a replica in a location the allocation
     * does not name).
     */
    static String deficitLocation(TabletWork work, SchedulerInput input) {
        for (TagReplicaCount count : work.allocation()) {
            long stableHere = work.tablet().getReplicasList().stream()
                    .filter(replica -> TabletScheduler.stable(replica, work, input))
                    .filter(replica -> count.getLocation().equals(TabletScheduler.location(replica.getBackendId(), input)))
                    .count();
            if (stableHere < count.getCount()) {
                return count.getLocation();
            }
        }
        return work.allocation().get(0).getLocation();
    }

    /** The location of a registered backend, or null when it is dropped. */
    static String location(long backendId, SchedulerInput input) {
        return input.cluster().backend(backendId).map(Backend::location).orElse(null);
    }

    /** Lowest first, as Priority is declared; balance clones are LOW. */
    static final Priority BALANCE_PRIORITY = Priority.LOW;
}
