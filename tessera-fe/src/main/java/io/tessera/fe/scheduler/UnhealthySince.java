package io.tessera.fe.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The small map the caller keeps between rounds: when each unhealthy tablet was first seen
 * unhealthy, for {@code tablet_repair_delay_factor_second}. Pure; the caller stores the result.
 */
public final class UnhealthySince {
    private UnhealthySince() {
    }

    /**
     * The map after a round: tablets still unhealthy keep their first time, new ones get
     * {@code nowMs}, healthy ones are forgotten.
     */
    public static Map<Long, Long> next(Map<Long, Long> previous, Set<Long> unhealthyNow, long nowMs) {
        Map<Long, Long> next = new HashMap<>();
        for (long tabletId : unhealthyNow) {
            next.put(tabletId, previous.getOrDefault(tabletId, nowMs));
        }
        return Map.copyOf(next);
    }
}
