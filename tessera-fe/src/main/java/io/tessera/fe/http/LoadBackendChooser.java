package io.tessera.fe.http;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Picks the backend a Stream Load is redirected to, round robin over the backends that may
 * coordinate loads ({@link ClusterView#canCoordinateLoad}), by id.
 *
 * <p>Threading: thread-safe (an atomic counter over immutable snapshots).
 */
public final class LoadBackendChooser {
    /** Where a load goes: the backend's host and {@code webserver_port}. */
    public record Target(long backendId, String host, int httpPort) {
    }

    private final Supplier<ClusterView> cluster;
    private final AtomicLong next = new AtomicLong();

    public LoadBackendChooser(Supplier<ClusterView> cluster) {
        this.cluster = cluster;
    }

    /** The next backend in turn, or empty when none may take a load. */
    public Optional<Target> next() {
        ClusterView view = cluster.get();
        List<Backend> candidates = view.loadCoordinators();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Backend chosen = candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size()));
        return Optional.of(new Target(chosen.id(), chosen.host(), view.runtime(chosen.id()).httpPort()));
    }
}
