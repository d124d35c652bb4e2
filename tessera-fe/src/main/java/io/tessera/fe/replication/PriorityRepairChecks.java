package io.tessera.fe.replication;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.scheduler.SchedulingRound;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The loop's side of ADMIN REPAIR TABLE: which queued partitions each full check gives the tablet
 * scheduler, whether the queue changed since (the loop then checks every tablet again at once),
 * and, after the check, removing the queued partitions it found healthy (Doris's
 * {@code TabletChecker} removes a partition from its prios at a check where every tablet of it is
 * healthy). The loop reads {@link #queuedNow} before it takes the catalog snapshot it checks, so a
 * partition is removed only by a check that saw it queued and saw the catalog as it was after
 * ADMIN REPAIR TABLE: healthy then, it leaves at once; not healthy (recoverable or not), it stays
 * until a later check finds it healthy, its timeout passes or it is cancelled. Exists so the
 * bookkeeping is one small thing apart from the loop, and the rule ({@link #healthy}) a pure
 * function.
 *
 * <p>Threading: the loop's thread only; {@link PriorityRepairs} itself is thread-safe.
 */
final class PriorityRepairChecks {
    private final PriorityRepairs repairs;
    /** What the last full check was given, less what it removed. */
    private PriorityRepairs.Snapshot checked = PriorityRepairs.Snapshot.EMPTY;

    PriorityRepairChecks(PriorityRepairs repairs) {
        this.repairs = repairs;
    }

    /** What is queued now; read at the start of a round, before its catalog snapshot. */
    PriorityRepairs.Snapshot queuedNow() {
        return repairs.snapshot();
    }

    /** Whether the queued partitions differ from those the last full check saw (and kept). */
    boolean changedSinceLastCheck(PriorityRepairs.Snapshot queued) {
        return !queued.partitionIds().equals(checked.partitionIds());
    }

    /**
     * Before a full check over {@code catalog}: forgets the queued partitions that left it and
     * returns the ids the check gives the scheduler ({@code SchedulerInput.priorityPartitionIds}).
     */
    Set<Long> beginCheck(PriorityRepairs.Snapshot queued, CatalogSnapshot catalog) {
        repairs.retainIn(catalog);
        checked = queued;
        return queued.partitionIds();
    }

    /**
     * After the full check begun last: removes the partitions it was given that it found healthy,
     * with nothing in flight for any of their tablets.
     *
     * @param busyTabletIds the tablets with work in flight (clones, removals, retries after a failure)
     * @param places        the checked catalog's tablets by id
     */
    void finishCheck(SchedulingRound round, Collection<Long> busyTabletIds, Map<Long, TabletLocation> places) {
        Set<Long> busyPartitionIds = new HashSet<>();
        for (long tabletId : busyTabletIds) {
            TabletLocation place = places.get(tabletId);
            if (place != null) {
                busyPartitionIds.add(place.partition().getPartitionId());
            }
        }
        Set<Long> healthy = healthy(checked.partitionIds(), round.unhealthyPartitionIds(), busyPartitionIds);
        if (!healthy.isEmpty()) {
            repairs.removeHealthy(checked, healthy);
            checked = checked.without(healthy);
        }
    }

    /**
     * The rule: the queued partitions none of whose tablets a full check found unhealthy
     * (recoverable or not) and none of whose tablets has work in flight. A queued partition that
     * left the catalog has no tablets, so it counts as healthy too.
     */
    static Set<Long> healthy(Set<Long> queuedPartitionIds, Set<Long> unhealthyPartitionIds,
                             Set<Long> busyPartitionIds) {
        Set<Long> healthy = new HashSet<>(queuedPartitionIds);
        healthy.removeAll(unhealthyPartitionIds);
        healthy.removeAll(busyPartitionIds);
        return Set.copyOf(healthy);
    }
}
