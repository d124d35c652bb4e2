package io.tessera.fe.http;

import io.tessera.common.Clock;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Picks the backend a Stream Load is redirected to: round robin, by id, over the backends that may
 * coordinate loads ({@link ClusterView#canCoordinateLoad}) and whose HTTP port answered a probe
 * recently. A probe's answer is kept for {@code probeValidityMs} on the injected clock, so a burst
 * of loads probes each backend at most once per period, and a backend whose port stopped answering
 * is skipped until it answers again; when none answers the caller gets an empty result at once
 * (and the client a clear error) instead of a redirect to a port that hangs.
 *
 * <p>Threading: thread-safe (an atomic counter, a concurrent map of probe answers, immutable
 * snapshots). A probe runs on the caller's thread and lasts at most the probe's timeout; two
 * threads may probe the same stale backend at once, which is harmless.
 */
public final class LoadBackendChooser {
    /** How long a probe's answer is trusted: the Doris heartbeat interval's order of magnitude. */
    public static final long DEFAULT_PROBE_VALIDITY_MS = 3_000;
    /** The TCP connect timeout of a probe: short, since it runs while the client waits. */
    public static final int DEFAULT_PROBE_TIMEOUT_MS = 300;

    /** Where a load goes: the backend's host and {@code webserver_port}. */
    public record Target(long backendId, String host, int httpPort) {
    }

    /**
     * The outcome of a choice: the target, or why there is none.
     *
     * @param target     the backend to redirect to, when one answers
     * @param candidates how many backends may take a load (0: all dead, decommissioned or load-disabled)
     */
    public record Choice(Optional<Target> target, int candidates) {
        /** The client's error when there is no target. */
        public String refusal() {
            return candidates == 0
                    ? "No backend available to load: every backend is dead, decommissioned or has disable_load set"
                    : "No backend available to load: the HTTP port (webserver_port) of every one of the " + candidates
                            + " backends that may take a load is not answering";
        }
    }

    /** A probe's answer for one backend's host and port, and when it was taken. */
    private record Probed(String host, int port, boolean answered, long atNanos) {
    }

    private final Supplier<ClusterView> cluster;
    private final HttpPortProbe probe;
    private final Clock clock;
    private final long probeValidityNanos;
    private final AtomicLong next = new AtomicLong();
    private final Map<Long, Probed> probes = new ConcurrentHashMap<>();

    /** A chooser that probes with a TCP connect of {@link #DEFAULT_PROBE_TIMEOUT_MS}. */
    public LoadBackendChooser(Supplier<ClusterView> cluster, Clock clock) {
        this(cluster, HttpPortProbe.tcpConnect(DEFAULT_PROBE_TIMEOUT_MS), clock, DEFAULT_PROBE_VALIDITY_MS);
    }

    public LoadBackendChooser(Supplier<ClusterView> cluster, HttpPortProbe probe, Clock clock, long probeValidityMs) {
        if (probeValidityMs < 1) {
            throw new IllegalArgumentException("probe validity must be at least 1 ms: " + probeValidityMs);
        }
        this.cluster = cluster;
        this.probe = probe;
        this.clock = clock;
        this.probeValidityNanos = probeValidityMs * 1_000_000L;
    }

    /**
     * The next backend in turn whose HTTP port answers, or empty when none may take a load or none
     * of those answers.
     */
    public Optional<Target> next() {
        return choose().target();
    }

    /** Like {@link #next} but says why there is no target. */
    public Choice choose() {
        ClusterView view = cluster.get();
        List<Backend> candidates = view.loadCoordinators();
        if (candidates.isEmpty()) {
            return new Choice(Optional.empty(), 0);
        }
        long start = next.getAndIncrement();
        for (int i = 0; i < candidates.size(); i++) {
            Backend backend = candidates.get((int) Math.floorMod(start + i, (long) candidates.size()));
            Target target = new Target(backend.id(), backend.host(), view.runtime(backend.id()).httpPort());
            if (answers(target)) {
                return new Choice(Optional.of(target), candidates.size());
            }
        }
        return new Choice(Optional.empty(), candidates.size());
    }

    private boolean answers(Target target) {
        long now = clock.monotonicNanos();
        Probed known = probes.get(target.backendId());
        if (known != null && known.host().equals(target.host()) && known.port() == target.httpPort()
                && now - known.atNanos() < probeValidityNanos) {
            return known.answered();
        }
        boolean answered = probe.answers(target.host(), target.httpPort());
        probes.put(target.backendId(), new Probed(target.host(), target.httpPort(), answered, clock.monotonicNanos()));
        return answered;
    }
}
