package io.tessera.fe.report;

import io.tessera.common.Clock;
import io.tessera.proto.frontend.ReplicaReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds pending rowsets no load will ever publish and has their backends abort them, so a load
 * whose FE restarted, or that failed before it could abort, does not leave files on the backends
 * for good. A transaction a backend reports pending on any of its replicas is aborted there once it
 * has been reported so in every report for the grace period while the FE knew no live load of that
 * id ({@code liveTransactions}); a transaction seen live starts its grace again. After an FE restart
 * every grace period starts again. An incremental report updates what the backend's last reports
 * said of the replicas it lists or removed; the pending transactions of the others are as reported
 * before ({@link #decideChanges}).
 *
 * <p>Threading: thread-safe (synchronized); one backend's reports arrive one after another. The
 * {@link TabletReportHandler} decides under its report lock ({@link #decide}) and carries the
 * orders out after it ({@link #abort}).
 */
public final class StrayTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(StrayTransactions.class);

    /** One transaction to abort on one backend: it has no load and will never be published. */
    public record AbortOrder(long backendId, long transactionId, long strayForMs) {
    }

    private final Clock clock;
    private final long graceNs;
    private final Supplier<Set<Long>> liveTransactions;
    private final Consumer<AbortOrder> abort;
    /** Per backend, since when (FE monotonic time) each stray transaction has been reported. */
    private final Map<Long, Map<Long, Long>> straySinceNs = new HashMap<>();
    /** Per backend, the pending transactions of each replica that has any, as last reported. */
    private final Map<Long, Map<Long, List<Long>>> pendingByBackend = new HashMap<>();

    /**
     * @param graceMs          how long a transaction must be reported stray, continuously, before it is aborted
     * @param liveTransactions the transactions the FE may still publish
     * @param abort            tells a backend to drop a transaction's pending rowsets
     */
    public StrayTransactions(Clock clock, long graceMs, Supplier<Set<Long>> liveTransactions,
                             Consumer<AbortOrder> abort) {
        if (graceMs < 0) {
            throw new IllegalArgumentException("grace period must not be negative: " + graceMs);
        }
        this.clock = clock;
        this.graceNs = TimeUnit.MILLISECONDS.toNanos(graceMs);
        this.liveTransactions = liveTransactions;
        this.abort = abort;
    }

    /** Looks at one backend's report (registered backend) and aborts what has been stray long enough. */
    public void handle(long backendId, List<ReplicaReport> reported) {
        abort(decide(backendId, reported));
    }

    /** Has each order's backend abort its transaction (logged). */
    void abort(List<AbortOrder> orders) {
        for (AbortOrder order : orders) {
            LOG.info("backend {} holds pending rowsets of transaction {}, which no load of this FE will publish "
                    + "(reported so for {} ms): aborting it there", order.backendId(), order.transactionId(),
                    order.strayForMs());
            abort.accept(order);
        }
    }

    /** Which of {@code backendId}'s reported transactions have been stray long enough, remembering the rest. */
    synchronized List<AbortOrder> decide(long backendId, List<ReplicaReport> reported) {
        Map<Long, List<Long>> pending = new HashMap<>();
        note(pending, reported);
        return decide(backendId, pending);
    }

    /**
     * Like {@link #decide(long, List)} for an incremental report: {@code changed} replaces what the
     * backend's reports said of those replicas, {@code removedReplicaIds} are gone.
     */
    synchronized List<AbortOrder> decideChanges(long backendId, List<ReplicaReport> changed,
                                                Collection<Long> removedReplicaIds) {
        Map<Long, List<Long>> pending = new HashMap<>(pendingByBackend.getOrDefault(backendId, Map.of()));
        pending.keySet().removeAll(removedReplicaIds);
        for (ReplicaReport replica : changed) {
            pending.remove(replica.getReplicaId());
        }
        note(pending, changed);
        return decide(backendId, pending);
    }

    private static void note(Map<Long, List<Long>> pending, List<ReplicaReport> reported) {
        for (ReplicaReport replica : reported) {
            if (replica.getPendingTransactionIdsCount() > 0) {
                pending.put(replica.getReplicaId(), List.copyOf(replica.getPendingTransactionIdsList()));
            }
        }
    }

    private List<AbortOrder> decide(long backendId, Map<Long, List<Long>> pending) {
        if (pending.isEmpty()) {
            pendingByBackend.remove(backendId);
        } else {
            pendingByBackend.put(backendId, pending);
        }
        // The live set is read after the report arrived: a load that began before the backend wrote
        // its pending rowset is in it, unless it has ended since.
        Set<Long> live = liveTransactions.get();
        long nowNs = clock.monotonicNanos();
        Map<Long, Long> previous = straySinceNs.getOrDefault(backendId, Map.of());
        Map<Long, Long> stray = new TreeMap<>();
        for (List<Long> transactionIds : pending.values()) {
            for (long transactionId : transactionIds) {
                if (!live.contains(transactionId)) {
                    stray.put(transactionId, previous.getOrDefault(transactionId, nowNs));
                }
            }
        }
        // An ordered transaction stays remembered: if the abort does not reach the backend, the next
        // report orders it again; once aborted, it is no longer reported and is forgotten.
        List<AbortOrder> orders = new ArrayList<>();
        for (Map.Entry<Long, Long> entry : stray.entrySet()) {
            long strayNs = nowNs - entry.getValue();
            if (strayNs >= graceNs) {
                orders.add(new AbortOrder(backendId, entry.getKey(), TimeUnit.NANOSECONDS.toMillis(strayNs)));
            }
        }
        if (stray.isEmpty()) {
            straySinceNs.remove(backendId);
        } else {
            straySinceNs.put(backendId, stray);
        }
        return orders;
    }

    /**
     * When the earliest grace period of a stray transaction of this backend not ordered aborted yet
     * ends, in ms from now; empty when none waits.
     */
    synchronized OptionalLong nextGraceEndInMs(long backendId) {
        long nowNs = clock.monotonicNanos();
        long earliestNs = Long.MAX_VALUE;
        for (long sinceNs : straySinceNs.getOrDefault(backendId, Map.of()).values()) {
            long leftNs = sinceNs + graceNs - nowNs;
            if (leftNs > 0) {
                earliestNs = Math.min(earliestNs, leftNs);
            }
        }
        return earliestNs == Long.MAX_VALUE ? OptionalLong.empty()
                : OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(earliestNs) + 1);
    }

    /** Forgets every backend not in {@code registered}. */
    public synchronized void retainBackends(Set<Long> registered) {
        straySinceNs.keySet().retainAll(registered);
        pendingByBackend.keySet().retainAll(registered);
    }
}
