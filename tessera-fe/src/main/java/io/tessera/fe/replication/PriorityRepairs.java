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
 * restart forgets it. An entry lasts until a full check of the scheduler that began after it was
 * queued finds every tablet of its partition healthy (Doris's {@code TabletChecker} removes a
 * healthy partition from its prios the same way; see {@code PriorityRepairChecks}), until its
 * timeout passes (measured on the injected clock's monotonic time; a partition that stays
 * unhealthy, even unrecoverably, leaves this way), until it is cancelled, or until its partition
 * leaves the catalog.
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
    /** Numbers each {@link #add}ed entry, so that a check removes only the entries it was given. */
    private long additions;

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
            entries.put(partitionId, new Entry(databaseId, tableId, partitionId, nowNanos, timeoutMs, ++additions));
        }
    }

    /** What is queued now (expired entries are forgotten first), as a full check is given it. */
    public synchronized Snapshot snapshot() {
        expire();
        Map<Long, Long> additionByPartitionId = new TreeMap<>();
        for (Entry entry : entries.values()) {
            additionByPartitionId.put(entry.partitionId(), entry.addition());
        }
        return new Snapshot(additionByPartitionId);
    }

    /**
     * Removes the partitions a full check found healthy, each only while its entry is still the one
     * that check was given in {@code checked}: a partition queued again (or cancelled and queued
     * again) after the check began stays until a later check looks at it.
     */
    public synchronized void removeHealthy(Snapshot checked, Collection<Long> healthyPartitionIds) {
        for (long partitionId : healthyPartitionIds) {
            Long addition = checked.additionByPartitionId().get(partitionId);
            Entry entry = entries.get(partitionId);
            if (addition != null && entry != null && entry.addition() == addition) {
                entries.remove(partitionId);
            }
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

    /**
     * The queued partitions at one moment.
     *
     * @param additionByPartitionId each queued partition with the number of the {@link #add} that
     *                              queued it last
     */
    public record Snapshot(Map<Long, Long> additionByPartitionId) {
        public static final Snapshot EMPTY = new Snapshot(Map.of());

        public Snapshot {
            additionByPartitionId = Map.copyOf(additionByPartitionId);
        }

        public Set<Long> partitionIds() {
            return additionByPartitionId.keySet();
        }

        /** The same without the given partitions. */
        public Snapshot without(Collection<Long> partitionIds) {
            Map<Long, Long> rest = new TreeMap<>(additionByPartitionId);
            rest.keySet().removeAll(Set.copyOf(partitionIds));
            return new Snapshot(rest);
        }
    }

    private record Entry(long databaseId, long tableId, long partitionId, long addedNanos, long timeoutMs,
                         long addition) {
        long remainingMs(long nowNanos) {
            return timeoutMs - (nowNanos - addedNanos) / 1_000_000;
        }
    }
}
