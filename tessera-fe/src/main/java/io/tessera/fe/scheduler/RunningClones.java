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
 */
public record RunningClones(Set<Long> tabletIds, Map<Long, Integer> slotsByBackend) {
    public static final RunningClones NONE = new RunningClones(Set.of(), Map.of());

    public RunningClones {
        tabletIds = Set.copyOf(tabletIds);
        slotsByBackend = Map.copyOf(slotsByBackend);
    }

    public int slots(long backendId) {
        return slotsByBackend.getOrDefault(backendId, 0);
    }
}
