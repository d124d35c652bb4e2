package io.tessera.fe.scheduler;

import java.util.Map;

/**
 * Where every replica on a decommissioned backend is to go, decided at once for all of them
 * ({@link DrainPlanner}), and the ones that have nowhere to go with why. Immutable.
 *
 * @param destinations move to destination backend id
 * @param unplaceable  move to the reason no backend can take it (no usable backend in its location
 *                     on a host without a replica of the tablet, under the watermarks)
 */
public record DrainPlan(Map<PlannedMove, Long> destinations, Map<PlannedMove, String> unplaceable) {
    public static final DrainPlan EMPTY = new DrainPlan(Map.of(), Map.of());

    public DrainPlan {
        destinations = Map.copyOf(destinations);
        unplaceable = Map.copyOf(unplaceable);
    }

    /** How many replicas the plan covers, placed or not. */
    public int size() {
        return destinations.size() + unplaceable.size();
    }
}
