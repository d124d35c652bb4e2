package io.tessera.be.storage.tablet;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One replica as the store sees it, for reports and tests. Immutable.
 *
 * @param version      the visible version
 * @param rowCount     rows in published rowsets
 * @param dataBytes    bytes of published rowset files
 * @param pendingCount pending (unpublished) rowsets
 * @param damage       why the replica cannot be read; empty when healthy
 */
public record ReplicaStatus(long tabletId, long replicaId, long tableId, long partitionId, long version,
                            long rowCount, long dataBytes, int pendingCount, Path dir, Optional<String> damage) {
}
