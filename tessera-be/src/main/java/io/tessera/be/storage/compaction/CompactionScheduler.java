package io.tessera.be.storage.compaction;

import io.tessera.be.storage.tablet.Replica;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.common.TesseraException;
import io.tessera.proto.tablet.TabletMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs compactions in the background: every {@code checkIntervalMs} a round looks at every replica
 * the store holds, deletes replaced rowset files whose time is up, and queues a compaction for each
 * replica that has rowsets to merge and none queued or running. A compaction that fails is logged
 * and not retried until the replica changes (a new publish), so a damaged file is reported once,
 * not every second. After each compaction the listener is told (the tablet reporter sends a report
 * soon, so SHOW TABLETS' VersionCount follows within a second or so).
 *
 * <p>Threading: rounds and compactions run on the given scheduled executor (its thread count is
 * how many compactions run at once; owned by the caller, who shuts it down after {@link #close}).
 * The queued set and the failure memory are concurrent maps; {@link #start} and {@link #close}
 * are called once each.
 */
public final class CompactionScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactionScheduler.class);

    private final TabletStore store;
    private final Compactor compactor;
    private final long checkIntervalMs;
    private final ScheduledExecutorService executor;
    private final Runnable afterCompaction;
    /** Tablets with a compaction queued or running. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** Tablet id to the meta its last compaction failed on. */
    private final Map<Long, TabletMeta> failedAt = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private ScheduledFuture<?> rounds;

    /**
     * @param afterCompaction run after every committed compaction, on the compaction thread
     */
    public CompactionScheduler(TabletStore store, Compactor compactor, long checkIntervalMs,
                               ScheduledExecutorService executor, Runnable afterCompaction) {
        this.store = store;
        this.compactor = compactor;
        this.checkIntervalMs = checkIntervalMs;
        this.executor = executor;
        this.afterCompaction = afterCompaction;
    }

    public synchronized void start() {
        if (rounds != null || closed) {
            throw new IllegalStateException("the compaction scheduler was already started");
        }
        rounds = executor.scheduleWithFixedDelay(this::round, checkIntervalMs, checkIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** One round: sweeps replaced files and queues the compactions that are due. // VisibleForTesting */
    void round() {
        try {
            List<Replica> replicas = store.heldReplicas();
            failedAt.keySet().retainAll(replicas.stream().map(Replica::tabletId).collect(Collectors.toSet()));
            for (Replica replica : replicas) {
                if (closed) {
                    return;
                }
                replica.sweepStaleRowsets();
                TabletMeta failed = failedAt.get(replica.tabletId());
                if (failed != null && failed == replica.meta()) {
                    continue;
                }
                failedAt.remove(replica.tabletId());
                if (compactor.wanted(replica) && queued.add(replica.tabletId())) {
                    try {
                        executor.execute(() -> compact(replica));
                    } catch (RejectedExecutionException e) {
                        queued.remove(replica.tabletId());
                        return;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            // Never rethrown: an escaping throwable would silently end the periodic rounds.
            LOG.error("compaction round failed; the next one runs as usual", e);
        }
    }

    private void compact(Replica replica) {
        TabletMeta before = replica.meta();
        try {
            if (!closed && compactor.compact(replica).isPresent()) {
                afterCompaction.run();
            }
        } catch (TesseraException e) {
            LOG.warn("compaction of {} failed: {}", replica.describe(), e.getMessage());
            failedAt.put(replica.tabletId(), before);
        } catch (Exception e) {
            if (closed) {
                LOG.debug("compaction of {} stopped by shutdown: {}", replica.describe(), e.toString());
            } else {
                LOG.error("compaction of {} failed", replica.describe(), e);
                failedAt.put(replica.tabletId(), before);
            }
        } finally {
            queued.remove(replica.tabletId());
        }
    }

    /** Stops queuing rounds; running compactions end with the executor. */
    @Override
    public synchronized void close() {
        closed = true;
        if (rounds != null) {
            rounds.cancel(false);
        }
    }
}
