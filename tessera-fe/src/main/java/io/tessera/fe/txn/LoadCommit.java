package io.tessera.fe.txn;

import io.tessera.proto.journal.TableDefinition;
import java.util.Map;
import java.util.Set;

/**
 * What a load wrote, handed to {@link LoadTransactions#commit}: the table as the load saw it when
 * it began, the tablets it wrote (every tablet of each partition it touched), the replicas that
 * hold the rows as a pending rowset, and why the others failed. Immutable.
 *
 * @param databaseId        the database's id
 * @param table             the table as it was when the load began
 * @param transactionId     the load's transaction
 * @param label             the load's label
 * @param tabletIds         every tablet written
 * @param writtenReplicaIds replicas whose pending rowset is durable
 * @param replicaErrors     replica id to the reason its write failed
 * @param loadedRows        rows the load makes visible
 */
public record LoadCommit(long databaseId, TableDefinition table, long transactionId, String label,
                         Set<Long> tabletIds, Set<Long> writtenReplicaIds, Map<Long, String> replicaErrors,
                         long loadedRows) {
    public LoadCommit {
        tabletIds = Set.copyOf(tabletIds);
        writtenReplicaIds = Set.copyOf(writtenReplicaIds);
        replicaErrors = Map.copyOf(replicaErrors);
    }
}
