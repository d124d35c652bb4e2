package io.tessera.fe.replication;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Doris's decommission completion check ({@code SystemHandler.runAlterJobV2}, every 10 s): a
 * decommissioned backend that holds no replica any more is dropped, as DROPP would, when
 * {@code drop_backend_after_decommission} is set. Beyond Doris, a backend must have been seen
 * decommissioned by an earlier check at least one interval before, so a DECOMMISSION typed just
 * before a CANCEL (the README's example, on a backend without tables) is never raced by a check
 * that happened to run between the two; a backend seen draining (decommissioned and holding
 * replicas, by an earlier scheduling round) is dropped as soon as it is empty, without that wait:
 * its drain was the delay. A backend whose decommission job is paused (Tessera's
 * ALTER SYSTEM PAUSE DECOMMISSION BACKEND) is never dropped, however empty; after RESUME it is, by
 * the same rule. Pure: the caller keeps the "first seen" map between checks.
 */
final class DecommissionCompletion {
    private DecommissionCompletion() {
    }

    /**
     * @param toDrop      backends to drop now
     * @param firstSeenMs decommissioned backend id to when a check first saw it so, for the next check
     */
    record Result(List<Long> toDrop, Map<Long, Long> firstSeenMs) {
    }

    /**
     * @param pausedBackendIds  backends whose decommission job is paused: kept
     * @param drainedBackendIds backends seen decommissioned and holding replicas before: dropped once
     *                          empty without waiting to be seen for an interval
     */
    static Result check(Iterable<Backend> backends, CatalogSnapshot catalog, Map<Long, Long> firstSeenMs, long nowMs,
                        long intervalMs, boolean dropAfterDecommission, Set<Long> pausedBackendIds,
                        Set<Long> drainedBackendIds) {
        Map<Long, Long> seen = new HashMap<>();
        List<Long> toDrop = new ArrayList<>();
        for (Backend backend : backends) {
            if (!backend.decommissioned()) {
                continue;
            }
            long since = firstSeenMs.getOrDefault(backend.id(), nowMs);
            seen.put(backend.id(), since);
            if (dropAfterDecommission && !pausedBackendIds.contains(backend.id())
                    && catalog.replicaCount(backend.id()) == 0
                    && (nowMs - since >= intervalMs || drainedBackendIds.contains(backend.id()))) {
                toDrop.add(backend.id());
            }
        }
        return new Result(List.copyOf(toDrop), Map.copyOf(seen));
    }
}
