package io.tessera.fe.scheduler;

import java.util.Map;
import java.util.Set;

/**
 * The clones an executor is running now, as the scheduler needs them: the tablets (one clone at a
 * time per tablet, as Doris keeps one scheduling context per tablet) and the slots each backend
 * has taken (a clone takes one on its source and one on its destination, as Doris's path slots).
 *
 * @param tabletIds       tablets with a clone in flight
 * @param slotsByBackend  backend id to slots taken
 * @param replicasComing  backend id to the replicas it will gain or lose once the work in flight is
 *                        recorded (+1 per clone onto it, -1 per replica waiting for removal there
 *                        and per balance clone off it), so balance does not move the same surplus
 *                        twice while the catalog still counts the old placement
 */
public record RunningClones(Set<Long> tabletIds, Map<Long, Integer> slotsByBackend,
                            Map<Long, Long> replicasComing) {
    public static final RunningClones NONE = new RunningClones(Set.of(), Map.of(), Map.of());

    public RunningClones(Set<Long> tabletIds, Map<Long, Integer> slotsByBackend) {
        this(tabletIds, slotsByBackend, Map.of());
    }

    public RunningClones {
        tabletIds = Set.copyOf(tabletIds);
        slotsByBackend = Map.copyOf(slotsByBackend);
        replicasComing = Map.copyOf(replicasComing);
    }

    public int slots(long backendId) {
        return slotsByBackend.getOrDefault(backendId, 0);
    }
}
