package io.tessera.fe.heartbeat;

import io.tessera.common.Clock;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.rpc.HeartbeatLine;
import io.tessera.fe.rpc.HeartbeatLines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out which backends are alive and what they report, the FE's soft state about backends.
 * Every {@code heartbeat_interval_second} it sends one heartbeat to every backend in the
 * registry's current snapshot (asynchronous calls, so a dead or hung backend delays no other),
 * spread over the interval: the backends fall into up to {@value #SLICES} slices by id, and each
 * tick of {@code interval / slices} heartbeats one slice, so every backend still gets one every
 * interval, while the FE's and the backends' threads never meet a thousand calls in one burst
 * (at 1,000 backends that burst slowed every statement that ran into it, SHOW BACKENDS's p99 five
 * times its median). Each exchange is bounded by {@code heartbeat_timeout_second} including its one quick
 * retry, so a hung backend is dead within {@code interval × tolerance + timeout} of its last
 * answer (see {@link BackendConnection}); outcomes go through
 * {@link LivenessTransitions#next} into a map that SHOW BACKENDS reads. Between rounds a Watch
 * stream to each live backend reports a killed process at once: its end triggers a probe, so
 * Alive turns false well under a second instead of at the next round. A backend that leaves the
 * registry (DROPP) loses its channel and its soft state as soon as the manager sees it gone.
 * Soft state is never journaled: after an FE restart every backend starts
 * {@link BackendLiveness#UNKNOWN} and is learned again within one round.
 *
 * <p>Threading: the given scheduler must be single-threaded; its thread is the heartbeat thread.
 * Rounds, gRPC callbacks (the stubs deliver them on that executor), channel bookkeeping and state
 * transitions all run there, so the manager needs no locks. {@link #runtime} and
 * {@link #liveness} read a concurrent map and are safe from any thread; {@link #start} and
 * {@link #close} may be called from any thread, once each. A failure in a round or callback is
 * logged and the next round runs as usual.
 */
public final class HeartbeatManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatManager.class);
    private static final long CLOSE_WAIT_MS = 5_000;
    /** At most this many slices per interval ... */
    static final int SLICES = 10;
    /** ... and ticks no closer than this: a short interval (tests) has fewer slices. */
    private static final long MIN_TICK_MS = 20;

    private final Supplier<BackendRegistry.Snapshot> backends;
    private final HeartbeatConfig config;
    private final HeartbeatOrigin origin;
    private final HeartbeatLines lines;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    /** Runs a gRPC callback on the heartbeat thread. */
    private final Executor callbackExecutor;

    /** Backend id to what heartbeats taught us; written on the heartbeat thread, read anywhere. */
    private final Map<Long, LivenessState> states = new ConcurrentHashMap<>();
    /** Backend id to its connection; changed only on the heartbeat thread. */
    private final Map<Long, BackendConnection> connections = new ConcurrentHashMap<>();

    private final int slices;
    /** Ticks so far; the next tick heartbeats slice {@code ticks % slices}. Heartbeat thread only. */
    private long ticks;
    /** The registry snapshot connections were last synced with; heartbeat thread only. */
    private BackendRegistry.Snapshot synced;
    private volatile boolean closed;
    private ScheduledFuture<?> rounds;

    /**
     * @param backends       the registry's current snapshot (hard state); read every round
     * @param lines          opens one heartbeat line per backend, owned by this manager afterwards
     * @param scheduler      single-threaded; runs rounds and callbacks; owned by the caller
     * @param clock          wall time for the times SHOW BACKENDS shows, monotonic for durations
     */
    public HeartbeatManager(Supplier<BackendRegistry.Snapshot> backends, HeartbeatConfig config,
                            HeartbeatOrigin origin, HeartbeatLines lines,
                            ScheduledExecutorService scheduler, Clock clock) {
        this.backends = backends;
        this.config = config;
        this.origin = origin;
        this.lines = lines;
        this.scheduler = scheduler;
        this.clock = clock;
        this.callbackExecutor = this::runOnHeartbeatThread;
        this.slices = slices(config.intervalMs());
    }

    /**
     * How many slices an interval is cut into: {@value #SLICES}, fewer when ticks would come closer
     * than {@value #MIN_TICK_MS} ms.
     */
    static int slices(long intervalMs) {
        return (int) Math.max(1, Math.min(SLICES, intervalMs / MIN_TICK_MS));
    }

    /** The slice a backend is heartbeated in: ids are handed out in sequence, so slices stay even. */
    static int sliceOf(long backendId, int slices) {
        return (int) Math.floorMod(backendId, (long) slices);
    }

    /** Starts the rounds, the first one at once. */
    public synchronized void start() {
        if (closed || rounds != null) {
            throw new IllegalStateException(closed ? "heartbeat manager is closed" : "heartbeat manager already started");
        }
        // In nanoseconds, so that slices ticks make exactly one interval (to the nanosecond).
        rounds = scheduler.scheduleAtFixedRate(this::scheduledTick, 0,
                TimeUnit.MILLISECONDS.toNanos(config.intervalMs()) / slices, TimeUnit.NANOSECONDS);
        LOG.info("heartbeats every {} ms in {} slice(s), deadline {} ms ({} ms before a backend's first answer), "
                + "dead after {} failed round(s)", config.intervalMs(), slices, config.timeoutMs(),
                config.firstContactTimeoutMs(), config.failureToleranceCount());
    }

    /** What heartbeats reported for a backend; {@link BackendRuntime#NEVER_CONTACTED} when nothing yet. */
    public BackendRuntime runtime(long backendId) {
        LivenessState state = states.get(backendId);
        return state == null ? BackendRuntime.NEVER_CONTACTED : state.runtime();
    }

    /** Where a backend stands; {@link BackendLiveness#UNKNOWN} when nothing is known yet. */
    public BackendLiveness liveness(long backendId) {
        LivenessState state = states.get(backendId);
        return state == null ? BackendLiveness.UNKNOWN : state.liveness();
    }

    /**
     * Runs one round for every backend now, every slice at once, beside the scheduled ones (a
     * backend with an exchange in flight joins it rather than getting a second one). // VisibleForTesting
     *
     * @return completes once every backend's outcome of this round is applied
     */
    CompletableFuture<Void> runRound() {
        CompletableFuture<CompletableFuture<Void>> started = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                try {
                    started.complete(startRound(-1));
                } catch (RuntimeException e) {
                    started.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            started.completeExceptionally(e);
        }
        return started.thenCompose(round -> round);
    }

    /** Whether a watch stream to the backend is established. // VisibleForTesting */
    boolean watching(long backendId) {
        BackendConnection connection = connections.get(backendId);
        return connection != null && connection.watching();
    }

    /** Stops the rounds, cancels every call and watch and shuts every channel down. */
    @Override
    public void close() {
        ScheduledFuture<?> scheduled;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            scheduled = rounds;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        CompletableFuture<List<HeartbeatLine>> closing = new CompletableFuture<>();
        try {
            scheduler.execute(() -> closing.complete(closeAllConnections()));
        } catch (RejectedExecutionException e) {
            closing.complete(closeAllConnections()); // the heartbeat thread is gone: nobody else touches them
        }
        try {
            long deadlineNs = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
            for (HeartbeatLine line : closing.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineNs - clock.monotonicNanos()));
                if (!line.awaitTermination(leftMs)) {
                    LOG.warn("heartbeat line {} did not terminate in time", line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("heartbeat manager did not close its connections within {} ms", CLOSE_WAIT_MS, e);
        }
        states.clear();
    }

    private void scheduledTick() {
        try {
            startRound((int) (ticks++ % slices));
        } catch (RuntimeException e) {
            LOG.error("heartbeat round failed; the next round runs as usual", e);
        }
    }

    /**
     * Heartbeat thread: syncs connections with the registry and heartbeats every backend of
     * {@code slice} (every backend for -1).
     */
    private CompletableFuture<Void> startRound(int slice) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        BackendRegistry.Snapshot snapshot = backends.get();
        if (snapshot != synced) { // snapshots are immutable: the same one has dropped no backend since
            dropConnectionsNotIn(snapshot);
            synced = snapshot;
        }
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        for (Backend backend : snapshot.backends()) {
            if (slice >= 0 && sliceOf(backend.id(), slices) != slice) {
                continue;
            }
            BackendConnection connection = connections.get(backend.id());
            if (connection == null) {
                connection = openConnection(backend);
                if (connection == null) {
                    continue;
                }
            }
            connection.resetConnectBackoff();
            outcomes.add(connection.round());
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    }

    private BackendConnection openConnection(Backend backend) {
        try {
            BackendConnection connection = new BackendConnection(backend, lines.open(backend, callbackExecutor),
                    origin.requestFor(backend), config.timeoutMs(), config.firstContactTimeoutMs(), clock,
                    this::apply);
            connections.put(backend.id(), connection);
            LOG.info("heartbeating backend {} at {}", backend.id(), backend.hostPort());
            return connection;
        } catch (RuntimeException e) {
            LOG.warn("cannot open a channel to backend {} at {}", backend.id(), backend.hostPort(), e);
            apply(backend, new HeartbeatEvent.Failure(HeartbeatErrors.describe(e), clock.wallMillis()));
            return null;
        }
    }

    private void dropConnectionsNotIn(BackendRegistry.Snapshot snapshot) {
        Iterator<Map.Entry<Long, BackendConnection>> entries = connections.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, BackendConnection> entry = entries.next();
            if (snapshot.backend(entry.getKey()).isEmpty()) {
                entries.remove();
                entry.getValue().close();
                states.remove(entry.getKey());
                LOG.info("backend {} at {} left the registry; no more heartbeats to it", entry.getKey(),
                        entry.getValue().backend().hostPort());
            }
        }
        states.keySet().removeIf(id -> snapshot.backend(id).isEmpty());
    }

    /** Heartbeat thread: one outcome through the transition function into the soft state. */
    private void apply(Backend backend, HeartbeatEvent event) {
        if (closed) {
            return;
        }
        BackendRegistry.Snapshot snapshot = backends.get();
        if (snapshot.backend(backend.id()).isEmpty()) {
            dropConnectionsNotIn(snapshot);
            return;
        }
        LivenessState before = states.getOrDefault(backend.id(), LivenessState.INITIAL);
        LivenessState after = LivenessTransitions.next(before, event, config.failureToleranceCount());
        states.put(backend.id(), after);
        String errorMessage = after.runtime().errorMessage();
        if (before.liveness() != after.liveness()) {
            long lastAnswerMs = after.runtime().lastHeartbeatMs();
            LOG.info("backend {} at {}: {} -> {}{}{}", backend.id(), backend.hostPort(), before.liveness(),
                    after.liveness(), errorMessage.isEmpty() ? "" : " (" + errorMessage + ")",
                    after.liveness() == BackendLiveness.DEAD && lastAnswerMs > 0
                            ? "; no answer for " + (event.atMs() - lastAnswerMs) + " ms" : "");
        } else if (!errorMessage.isEmpty() && !errorMessage.equals(before.runtime().errorMessage())) {
            LOG.info("backend {} at {} stays {}; heartbeat failed: {}", backend.id(), backend.hostPort(),
                    after.liveness(), errorMessage);
        }
    }

    /** Heartbeat thread: closes every connection and returns their lines. */
    private List<HeartbeatLine> closeAllConnections() {
        List<HeartbeatLine> channels = new ArrayList<>();
        for (BackendConnection connection : new HashMap<>(connections).values()) {
            channels.add(connection.close());
        }
        connections.clear();
        return channels;
    }

    private void runOnHeartbeatThread(Runnable task) {
        try {
            scheduler.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("heartbeat task failed; heartbeats go on", e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (!closed) {
                LOG.error("heartbeat scheduler refused a task while the manager is open", e);
            }
        }
    }
}
