package io.tessera.fe.txn;

import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stream Loads that began and have not committed or aborted yet: soft state on the FE (a load
 * whose FE restarts fails and is retried by its client; its pending rowsets are dropped when it
 * times out). A label belongs to at most one running load, and a running load's label cannot be
 * taken by another. A load whose deadline passes is expired: removed, and its caller aborts it.
 *
 * <p>Threading: thread-safe (every method holds the object's lock).
 */
final class RunningLoads {
    /**
     * @param transactionId  the load's transaction
     * @param databaseId     the target's database id
     * @param label          the load's label
     * @param table          the table as it was when the load began
     * @param deadlineNanos  monotonic time after which the load is expired
     * @param timeoutSeconds the load's timeout, for messages
     */
    record RunningLoad(long transactionId, long databaseId, String label, TableDefinition table,
                       long deadlineNanos, long timeoutSeconds) {
    }

    private final Map<Long, RunningLoad> byTransaction = new HashMap<>();
    private final Map<LabelKey, RunningLoad> byLabel = new HashMap<>();

    private record LabelKey(long databaseId, String label) {
    }

    /**
     * Registers the load unless its label is taken.
     *
     * @param committedStatus the status of a finished load with the label, checked under the lock
     *                        (empty when the label is free in the catalog)
     * @return empty when registered; else the status of the load holding the label ({@code PREPARE}
     *         for a running one)
     */
    synchronized Optional<String> register(RunningLoad load, Supplier<Optional<String>> committedStatus) {
        LabelKey key = new LabelKey(load.databaseId(), load.label());
        if (byLabel.containsKey(key)) {
            return Optional.of("PREPARE");
        }
        Optional<String> committed = committedStatus.get();
        if (committed.isPresent()) {
            return committed;
        }
        byLabel.put(key, load);
        byTransaction.put(load.transactionId(), load);
        return Optional.empty();
    }

    /** Whether a running load holds the label. */
    synchronized boolean holdsLabel(long databaseId, String label) {
        return byLabel.containsKey(new LabelKey(databaseId, label));
    }

    /** Removes and returns the load, or empty when no such load runs. */
    synchronized Optional<RunningLoad> remove(long transactionId) {
        RunningLoad load = byTransaction.remove(transactionId);
        if (load != null) {
            byLabel.remove(new LabelKey(load.databaseId(), load.label()));
        }
        return Optional.ofNullable(load);
    }

    /** Removes and returns every load whose deadline is before {@code nowNanos}. */
    synchronized List<RunningLoad> removeExpired(long nowNanos) {
        List<RunningLoad> expired = new ArrayList<>();
        Iterator<RunningLoad> loads = byTransaction.values().iterator();
        while (loads.hasNext()) {
            RunningLoad load = loads.next();
            if (nowNanos - load.deadlineNanos() > 0) {
                loads.remove();
                byLabel.remove(new LabelKey(load.databaseId(), load.label()));
                expired.add(load);
            }
        }
        return expired;
    }

    /** The transactions of the running loads. */
    synchronized Set<Long> transactionIds() {
        return Set.copyOf(byTransaction.keySet());
    }

    /** The tables running loads write to. */
    synchronized Set<Long> tableIds() {
        Set<Long> tables = new HashSet<>();
        byTransaction.values().forEach(load -> tables.add(load.table().getTableId()));
        return tables;
    }

    synchronized int size() {
        return byTransaction.size();
    }
}
