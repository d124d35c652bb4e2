package io.tessera.be.storage.tablet;

import io.tessera.proto.data.TabletSchema;

/**
 * What a new replica is: its ids, its schema, and the version it starts at.
 *
 * @param version the partition's visible version when the replica is created (1 for a new partition)
 */
public record ReplicaSpec(long tabletId, long replicaId, long tableId, long partitionId, TabletSchema schema,
                          long version) {
}
