package io.tessera.fe.replication;

import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.scheduler.Clone;
import io.tessera.fe.scheduler.RunningClones;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The clones the loop started and has not finished, and what they hold: a tablet each (one clone
 * at a time per tablet), a slot on their source and destination, a replica coming to their
 * destination (and, for balance, one leaving their source). Exists so the scheduler's view of the
 * work in flight ({@link RunningClones}) and the published one (tablets and clones per database)
 * are derived in one place from the one map.
 *
 * <p>Threading: confined to the {@link ReplicationLoop}'s thread.
 */
final class ClonesInFlight {
    /** A clone the loop started and has not finished. */
    record Running(Clone decision, TabletLocation place, long replicaId, long bytes, long startMs, boolean catchUp,
                   long leavingBackendId) {
    }

    private final Map<Long, Running> byTablet = new HashMap<>();

    void add(Running clone) {
        byTablet.put(clone.place().tabletId(), clone);
    }

    void remove(long tabletId) {
        byTablet.remove(tabletId);
    }

    /** The tablets with a clone in flight (a copy). */
    Set<Long> tabletIds() {
        return new HashSet<>(byTablet.keySet());
    }

    /** Clones in flight per database (SHOW PROC's CloningNum). */
    Map<Long, Integer> byDatabase() {
        Map<Long, Integer> counts = new HashMap<>();
        for (Running clone : byTablet.values()) {
            counts.merge(clone.place().databaseId(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The scheduler's view: {@code busy} tablets (these clones' and whatever else the caller keeps
     * busy), the slots these clones take, and the replicas each backend will gain or lose once they
     * and {@code removals}' waiting removals are recorded ({@link RunningClones#replicasComing}).
     */
    RunningClones forScheduler(Set<Long> busy, ReplicaRemovals removals) {
        Map<Long, Integer> slots = new HashMap<>();
        Map<Long, Long> coming = new HashMap<>();
        for (Running clone : byTablet.values()) {
            slots.merge(clone.decision().sourceBackendId(), 1, Integer::sum);
            slots.merge(clone.decision().destinationBackendId(), 1, Integer::sum);
            if (!clone.catchUp()) {
                coming.merge(clone.decision().destinationBackendId(), 1L, Long::sum);
            }
            if (clone.decision().reason() == Clone.Reason.BALANCE) {
                coming.merge(clone.decision().sourceBackendId(), -1L, Long::sum);
            }
        }
        removals.addComing(coming);
        return new RunningClones(busy, slots, coming);
    }
}
