package io.tessera.fe.replication;

import java.util.Comparator;

/**
 * One partition queued by ADMIN REPAIR TABLE, as SHOW PROC '/cluster_balance/priority_repair'
 * shows it (ids, as Doris shows them).
 *
 * @param databaseId  its database
 * @param tableId     its table
 * @param partitionId the partition
 * @param remainingMs how long it stays queued: timeout - (now - added), in ms
 */
public record QueuedRepair(long databaseId, long tableId, long partitionId, long remainingMs) {
    static final Comparator<QueuedRepair> ORDER = Comparator.comparingLong(QueuedRepair::databaseId)
            .thenComparingLong(QueuedRepair::tableId).thenComparingLong(QueuedRepair::partitionId);
}
