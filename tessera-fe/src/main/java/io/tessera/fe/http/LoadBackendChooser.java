package io.tessera.fe.http;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Picks the backend a Stream Load is redirected to, round robin over the backends that may take
 * loads: alive, not stopping, not decommissioned, without {@code disable_load}, and with a known
 * web server port.
 *
 * <p>Threading: thread-safe (an atomic counter over immutable snapshots).
 */
public final class LoadBackendChooser {
    /** Where a load goes: the backend's host and {@code webserver_port}. */
    public record Target(long backendId, String host, int httpPort) {
    }

    private final Supplier<BackendRegistry.Snapshot> registry;
    private final LongFunction<BackendRuntime> runtime;
    private final AtomicLong next = new AtomicLong();

    public LoadBackendChooser(Supplier<BackendRegistry.Snapshot> registry, LongFunction<BackendRuntime> runtime) {
        this.registry = registry;
        this.runtime = runtime;
    }

    /** The next backend in turn, or empty when none may take a load. */
    public Optional<Target> next() {
        List<Target> candidates = new ArrayList<>();
        for (Backend backend : registry.get().backends()) {
            BackendRuntime state = runtime.apply(backend.id());
            if (state.alive() && !state.shuttingDown() && !backend.decommissioned() && !backend.loadDisabled()
                    && state.httpPort() > 0) {
                candidates.add(new Target(backend.id(), backend.host(), state.httpPort()));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        candidates.sort((a, b) -> Long.compare(a.backendId(), b.backendId()));
        return Optional.of(candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size())));
    }
}
