package io.tessera.fe.txn;

import io.tessera.common.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The load transactions this FE has seen, for SHOW TRANSACTION and SHOW PROC '/transactions':
 * the running ones (PREPARE, COMMITTED) and, per database, the most recent finished ones
 * (VISIBLE, ABORTED), at most {@link #FINISHED_PER_DATABASE} (Doris shows at most 2000 rows too).
 * Soft state: the times, the coordinator and the abort reasons are not journaled (what is
 * journaled, a committed transaction's record and its label, stays in the catalog), so the history
 * starts empty after an FE restart.
 *
 * <p>Threading: thread-safe; every method holds the object's lock, briefly.
 */
public final class TransactionHistory {
    /** Finished transactions kept per database. */
    public static final int FINISHED_PER_DATABASE = 2000;

    /** Doris's TransactionStatus names. */
    public enum Status { PREPARE, COMMITTED, VISIBLE, ABORTED }

    /**
     * One transaction as SHOW TRANSACTION shows it; times are wall ms, 0 when not reached.
     *
     * @param coordinator   {@code FE: <ip>} for an INSERT, {@code BE} for a Stream Load
     * @param sourceType    Doris's LoadJobSourceType name
     * @param partitionVersions per table id, the committed version per partition id
     */
    public record Entry(long transactionId, long databaseId, String label, String coordinator, Status status,
                        String sourceType, long prepareTimeMs, long commitTimeMs, long publishTimeMs,
                        long finishTimeMs, String reason, int errorReplicas, long timeoutMs,
                        Map<Long, Map<Long, Long>> partitionVersions) {
        public Entry {
            partitionVersions = Map.copyOf(partitionVersions);
        }

        Entry with(Status newStatus, long commitMs, long publishMs, long finishMs, String newReason,
                   int newErrorReplicas, Map<Long, Map<Long, Long>> versions) {
            return new Entry(transactionId, databaseId, label, coordinator, newStatus, sourceType, prepareTimeMs,
                    commitMs, publishMs, finishMs, newReason, newErrorReplicas, timeoutMs, versions);
        }

        public boolean running() {
            return status == Status.PREPARE || status == Status.COMMITTED;
        }
    }

    private final Clock clock;
    private final java.util.function.Supplier<String> frontendHost;
    private final Map<Long, Entry> running = new HashMap<>();
    private final Map<Long, Deque<Entry>> finished = new HashMap<>();

    /**
     * @param frontendHost this FE's address, for the coordinator of the loads it runs (INSERT)
     */
    public TransactionHistory(Clock clock, java.util.function.Supplier<String> frontendHost) {
        this.clock = clock;
        this.frontendHost = frontendHost;
    }

    /** An INSERT's transaction got its id and label: Doris's {@code FE: <ip>}, {@code INSERT_STREAMING}. */
    public void beginInsert(long transactionId, long databaseId, String label, long timeoutMs) {
        begin(transactionId, databaseId, label, "FE: " + frontendHost.get(), "INSERT_STREAMING", timeoutMs);
    }

    /** A Stream Load's transaction began: {@code BACKEND_STREAMING}, coordinated by a backend. */
    public void beginStreamLoad(long transactionId, long databaseId, String label, long timeoutMs) {
        begin(transactionId, databaseId, label, "BE", "BACKEND_STREAMING", timeoutMs);
    }

    private synchronized void begin(long transactionId, long databaseId, String label, String coordinator,
                                    String sourceType, long timeoutMs) {
        running.put(transactionId, new Entry(transactionId, databaseId, label, coordinator, Status.PREPARE,
                sourceType, clock.wallMillis(), 0, 0, 0, "", 0, timeoutMs, Map.of()));
    }

    /** Its commit was journaled: the table's partitions and the versions they take. */
    public synchronized void committed(long transactionId, long tableId, Map<Long, Long> versions,
                                       int errorReplicas) {
        Entry entry = running.get(transactionId);
        if (entry != null) {
            Map<Long, Map<Long, Long>> byTable = new LinkedHashMap<>(entry.partitionVersions());
            byTable.put(tableId, Map.copyOf(versions));
            running.put(transactionId, entry.with(Status.COMMITTED, clock.wallMillis(), 0, 0, "", errorReplicas,
                    byTable));
        }
    }

    /** Its versions were published and its finish journaled. */
    public synchronized void visible(long transactionId) {
        Entry entry = running.remove(transactionId);
        if (entry != null) {
            long now = clock.wallMillis();
            keep(entry.with(Status.VISIBLE, entry.commitTimeMs(), now, now, "", entry.errorReplicas(),
                    entry.partitionVersions()));
        }
    }

    /** It was aborted (a running one only: a committed transaction is never aborted). */
    public synchronized void aborted(long transactionId, String reason) {
        Entry entry = running.get(transactionId);
        if (entry != null && entry.status() == Status.PREPARE) {
            running.remove(transactionId);
            keep(entry.with(Status.ABORTED, 0, 0, clock.wallMillis(), reason == null ? "" : reason,
                    entry.errorReplicas(), entry.partitionVersions()));
        }
    }

    private void keep(Entry entry) {
        Deque<Entry> kept = finished.computeIfAbsent(entry.databaseId(), id -> new ArrayDeque<>());
        kept.addLast(entry);
        while (kept.size() > FINISHED_PER_DATABASE) {
            kept.removeFirst();
        }
    }

    public synchronized Optional<Entry> byId(long databaseId, long transactionId) {
        Entry entry = running.get(transactionId);
        if (entry != null && entry.databaseId() == databaseId) {
            return Optional.of(entry);
        }
        return finished.getOrDefault(databaseId, new ArrayDeque<>()).stream()
                .filter(e -> e.transactionId() == transactionId).findFirst();
    }

    /** Every kept transaction of the database, running and finished, newest id first. */
    public synchronized List<Entry> all(long databaseId) {
        List<Entry> all = new ArrayList<>(running(databaseId));
        all.addAll(finished(databaseId));
        all.sort(Comparator.comparingLong(Entry::transactionId).reversed());
        return all;
    }

    /** The database's PREPARE and COMMITTED transactions, newest id first. */
    public synchronized List<Entry> running(long databaseId) {
        return running.values().stream().filter(e -> e.databaseId() == databaseId)
                .sorted(Comparator.comparingLong(Entry::transactionId).reversed()).toList();
    }

    /** The database's kept VISIBLE and ABORTED transactions, newest id first. */
    public synchronized List<Entry> finished(long databaseId) {
        return finished.getOrDefault(databaseId, new ArrayDeque<>()).stream()
                .sorted(Comparator.comparingLong(Entry::transactionId).reversed()).toList();
    }

    /** Running transactions per database id that has any kept transaction, by id. */
    public synchronized SortedMap<Long, Integer> runningCounts() {
        SortedMap<Long, Integer> counts = new TreeMap<>();
        finished.keySet().forEach(id -> counts.put(id, 0));
        running.values().forEach(e -> counts.merge(e.databaseId(), 1, Integer::sum));
        return counts;
    }

    public synchronized boolean knows(long databaseId) {
        return finished.containsKey(databaseId) || running.values().stream().anyMatch(e -> e.databaseId() == databaseId);
    }
}
