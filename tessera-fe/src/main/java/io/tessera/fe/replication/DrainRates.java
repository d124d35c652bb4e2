package io.tessera.fe.replication;

import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.scheduler.Clone;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The rate at which each decommissioned backend is being drained, measured from the clones that
 * replaced its replicas and finished in the last {@link #WINDOW_MS}: their bytes over the time
 * from the earliest of their starts to now (so a drain that stops finishing clones slows down in
 * the figure, and an idle minute forgets it). A backend has no rate until such a clone of known
 * size finished and at least {@link #MIN_SPAN_MS} passed since it started. Soft state: an FE
 * restart measures again.
 *
 * <p>Threading: not thread-safe; lives on the {@link ReplicationLoop}'s thread, which publishes
 * {@link #bytesPerSecond} in its {@link ReplicationActivity}.
 */
final class DrainRates {
    /** Clones that finished longer ago than this no longer count. */
    static final long WINDOW_MS = 60_000;
    /** A rate over a shorter span is not given (one quick clone says little). */
    static final long MIN_SPAN_MS = 1_000;

    private final Map<Long, ArrayDeque<Sample>> samples = new HashMap<>();

    private record Sample(long bytes, long startMs, long finishMs) {
    }

    /**
     * A clone that replaced a replica of {@code leavingBackendId} was recorded; clones of unknown
     * size (0 bytes reported) are not counted.
     */
    void cloneFinished(long leavingBackendId, long bytes, long startMs, long finishMs) {
        if (bytes <= 0) {
            return;
        }
        samples.computeIfAbsent(leavingBackendId, id -> new ArrayDeque<>()).addLast(new Sample(bytes, startMs,
                finishMs));
    }

    /**
     * The decommissioned backend whose replica a relocation replaces (its source when that is
     * leaving, else the first leaving holder of the tablet), or -1 for any other clone.
     */
    static long leavingBackend(Clone decision, TabletLocation place, ClusterView view) {
        if (decision.reason() != Clone.Reason.RELOCATE_DECOMMISSION) {
            return -1;
        }
        if (view.backend(decision.sourceBackendId()).map(Backend::decommissioned).orElse(false)) {
            return decision.sourceBackendId();
        }
        return place.tablet().getReplicasList().stream().map(ReplicaDefinition::getBackendId)
                .filter(id -> view.backend(id).map(Backend::decommissioned).orElse(false)).findFirst().orElse(-1L);
    }

    /** Each backend with a measured rate to that rate, in bytes per second, as of {@code nowMs}. */
    Map<Long, Double> bytesPerSecond(long nowMs) {
        Map<Long, Double> rates = new HashMap<>();
        Iterator<Map.Entry<Long, ArrayDeque<Sample>>> backends = samples.entrySet().iterator();
        while (backends.hasNext()) {
            Map.Entry<Long, ArrayDeque<Sample>> backend = backends.next();
            ArrayDeque<Sample> recent = backend.getValue();
            recent.removeIf(sample -> sample.finishMs() < nowMs - WINDOW_MS);
            if (recent.isEmpty()) {
                backends.remove();
                continue;
            }
            long bytes = 0;
            long earliestStartMs = Long.MAX_VALUE;
            for (Sample sample : recent) {
                bytes += sample.bytes();
                earliestStartMs = Math.min(earliestStartMs, sample.startMs());
            }
            long spanMs = nowMs - earliestStartMs;
            if (spanMs >= MIN_SPAN_MS) {
                rates.put(backend.getKey(), bytes * 1000.0 / spanMs);
            }
        }
        return rates;
    }
}
