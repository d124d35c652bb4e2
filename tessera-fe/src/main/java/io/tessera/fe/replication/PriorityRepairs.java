package io.tessera.fe.replication;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The partitions an operator asked to repair first (ADMIN REPAIR TABLE), each for a while
 * (Doris's {@code TabletChecker} "prios"): the tablet scheduler treats their unhealthy tablets as
 * VERY_HIGH, ahead of every other tablet and without the repair delay. Exists so that the
 * statements (which add and remove entries) and the scheduler loop (which reads the partition
 * ids each round) share one small piece of soft state. Kept in memory only, as in Doris: an FE
 * restart forgets it. An entry lasts until its timeout passes (measured on the injected clock's
 * monotonic time), until it is cancelled, or until its partition leaves the catalog.
 *
 * <p>Threading: thread-safe; every method holds the object's lock for a short copy. Statements
 * call it on connection and statement threads, the loop on {@code tablet-scheduler}, SHOW PROC
 * on any thread.
 */
public final class PriorityRepairs {
    /** ADMIN REPAIR TABLE's timeout in Doris: 4 hours. */
    public static final long REPAIR_TIMEOUT_MS = 4 * 3600 * 1000L;

    private final Clock clock;
    /** Partition id to its entry; a partition id is unique across the catalog. */
    private final Map<Long, Entry> entries = new TreeMap<>();

    public PriorityRepairs(Clock clock) {
        this.clock = clock;
    }

    /**
     * Queues the partitions of one table for {@code timeoutMs}; a partition queued already starts
     * its timeout again (Doris keeps the first time).
     */
    public synchronized void add(long databaseId, long tableId, Collection<Long> partitionIds, long timeoutMs) {
        long nowNanos = clock.monotonicNanos();
        for (long partitionId : partitionIds) {
            entries.put(partitionId, new Entry(databaseId, tableId, partitionId, nowNanos, timeoutMs));
        }
    }

    /** Removes the partitions; one never queued is ignored. */
    public synchronized void cancel(Collection<Long> partitionIds) {
        for (long partitionId : partitionIds) {
            entries.remove(partitionId);
        }
    }

    /** The ids of the partitions queued now (expired entries are forgotten first). */
    public synchronized Set<Long> partitionIds() {
        expire();
        return Set.copyOf(entries.keySet());
    }

    /** Forgets the entries whose partition the catalog no longer holds (a dropped database, table or partition). */
    public void retainIn(CatalogSnapshot catalog) {
        Set<Long> existing = new HashSet<>();
        for (DatabaseEntry database : catalog.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    existing.add(partition.getPartitionId());
                }
            }
        }
        synchronized (this) {
            entries.keySet().removeIf(partitionId -> !existing.contains(partitionId));
        }
    }

    /**
     * The entries queued now with the time each has left, by database, table and partition id:
     * the rows of SHOW PROC '/cluster_balance/priority_repair'.
     */
    public synchronized List<QueuedRepair> queued() {
        expire();
        long nowNanos = clock.monotonicNanos();
        List<QueuedRepair> result = new ArrayList<>();
        for (Entry entry : entries.values()) {
            result.add(new QueuedRepair(entry.databaseId(), entry.tableId(), entry.partitionId(),
                    entry.remainingMs(nowNanos)));
        }
        result.sort(QueuedRepair.ORDER);
        return List.copyOf(result);
    }

    /** How many partitions are queued now. */
    public int size() {
        return partitionIds().size();
    }

    private void expire() {
        long nowNanos = clock.monotonicNanos();
        Set<Long> expired = new HashSet<>();
        for (Entry entry : entries.values()) {
            if (entry.remainingMs(nowNanos) <= 0) {
                expired.add(entry.partitionId());
            }
        }
        entries.keySet().removeAll(expired);
    }

    private record Entry(long databaseId, long tableId, long partitionId, long addedNanos, long timeoutMs) {
        long remainingMs(long nowNanos) {
            return timeoutMs - (nowNanos - addedNanos) / 1_000_000;
        }
    }
}
