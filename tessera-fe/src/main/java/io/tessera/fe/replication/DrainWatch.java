package io.tessera.fe.replication;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.scheduler.DrainBlocker;
import io.tessera.fe.scheduler.DrainBlockers;
import io.tessera.fe.scheduler.SchedulerInput;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the loop sees of each drain that the catalog does not hold (soft state, lost with the FE):
 * each tablet's last failed clone until one succeeds, and when each draining backend's replica
 * count last fell. A drain that made no progress for {@code decommission_stall_warning_second}
 * writes one warning line, with its blockers counted by reason ({@link DrainBlockers}), and
 * another only after it moved again and stalled again. After an FE start, a draining backend's
 * progress clock starts when the loop first sees it.
 *
 * <p>Threading: confined to the {@link ReplicationLoop}'s thread; {@link #observed} is an immutable copy.
 */
final class DrainWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DrainWatch.class);

    private final Map<Long, DrainBlockers.CloneFailure> failures = new HashMap<>();
    private final Map<Long, Long> lastProgressMs = new HashMap<>();
    private final Map<Long, Long> replicasSeen = new HashMap<>();
    private final Set<Long> warned = new HashSet<>();

    void cloneFailed(long tabletId, String error, long nowMs) {
        DrainBlockers.CloneFailure before = failures.get(tabletId);
        failures.put(tabletId, new DrainBlockers.CloneFailure(error, nowMs, before == null ? 1 : before.failures() + 1));
    }

    void cloneSucceeded(long tabletId) {
        failures.remove(tabletId);
    }

    /** Forgets the failures of tablets a full check found healthy (or gone). */
    void retainFailures(Set<Long> unhealthyTabletIds) {
        failures.keySet().retainAll(unhealthyTabletIds);
    }

    /**
     * Notes each draining backend's replica count: a fall is progress; a paused one is never
     * stalled (its clock restarts while paused). Backends no longer draining are forgotten.
     */
    void observe(ClusterView view, CatalogSnapshot catalog, Set<Long> pausedBackendIds, long nowMs) {
        Set<Long> draining = new HashSet<>();
        for (Backend backend : view.backends()) {
            if (!backend.decommissioned()) {
                continue;
            }
            long id = backend.id();
            draining.add(id);
            long count = catalog.replicaCount(id);
            Long before = replicasSeen.put(id, count);
            if (before == null || count < before || pausedBackendIds.contains(id)) {
                lastProgressMs.put(id, nowMs);
                warned.remove(id);
            }
        }
        lastProgressMs.keySet().retainAll(draining);
        replicasSeen.keySet().retainAll(draining);
        warned.retainAll(draining);
    }

    /**
     * Writes the one warning line of each drain that has just passed the stall time, naming its
     * blockers by reason; {@code input} is the state to find them in (computed only then).
     */
    void maybeWarn(long nowMs, Supplier<SchedulerInput> input, DrainBlockers.Observed observed,
                   long stallSeconds) {
        List<DrainBlocker> blockers = null;
        for (Map.Entry<Long, Long> entry : new TreeMap<>(lastProgressMs).entrySet()) {
            long backendId = entry.getKey();
            if (warned.contains(backendId) || replicasSeen.getOrDefault(backendId, 0L) == 0
                    || !observed.stalled(backendId, nowMs)) {
                continue;
            }
            if (blockers == null) {
                blockers = DrainBlockers.find(input.get(), observed);
            }
            warned.add(backendId);
            Map<String, Long> byReason = blockers.stream().filter(blocker -> blocker.backendId() == backendId)
                    .collect(Collectors.groupingBy(blocker -> blocker.reason().text(), TreeMap::new,
                            Collectors.counting()));
            LOG.warn("decommission of backend {} made no progress for {} s (decommission_stall_warning_second = {}): "
                            + "{} replica(s) left, blocked: {}; SHOW DECOMMISSION BLOCKERS says why", backendId,
                    (nowMs - entry.getValue()) / 1000, stallSeconds, replicasSeen.get(backendId),
                    byReason.isEmpty() ? "none found" : byReason.entrySet().stream()
                            .map(reason -> reason.getValue() + " " + reason.getKey())
                            .collect(Collectors.joining(", ")));
        }
    }

    /** What SHOW DECOMMISSION needs of this, with the loop's pending removals. */
    DrainBlockers.Observed observed(Set<Long> pendingRemovalReplicaIds, Set<Long> pendingRemovalTabletIds,
                                    long stallMs) {
        return new DrainBlockers.Observed(pendingRemovalReplicaIds, pendingRemovalTabletIds, failures, lastProgressMs,
                stallMs);
    }
}
