package io.tessera.be.storage.tablet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One replica as the store sees it, for reports and tests. Immutable.
 *
 * @param version      the visible version
 * @param rowsetCount  current rowsets (SHOW TABLETS' VersionCount): one per load until compaction merges them
 * @param rowCount     rows in published rowsets
 * @param dataBytes    bytes of the current published rowset files
 * @param pendingTransactionIds the transactions with a pending (unpublished) rowset here, ascending
 * @param damage       why the replica cannot be read; empty when healthy
 */
public record ReplicaStatus(long tabletId, long replicaId, long tableId, long partitionId, long version,
                            int rowsetCount, long rowCount, long dataBytes, List<Long> pendingTransactionIds,
                            Path dir, Optional<String> damage) {
    public ReplicaStatus {
        pendingTransactionIds = List.copyOf(pendingTransactionIds);
    }

    /** Pending (unpublished) rowsets. */
    public int pendingCount() {
        return pendingTransactionIds.size();
    }
}
