package io.tessera.be.storage.tablet;

import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.tablet.RowsetMeta;
import java.util.List;

/**
 * What a verified clone installs: the new replica's ids and schema, and the rowsets staged for it
 * (copied from a peer), which hold exactly versions {@code createdVersion + 1 .. version}. Immutable.
 *
 * @param replicaId the new replica's id (not the source's)
 * @param rowsets   the staged rowsets in version order, named as their files in the staging folder
 */
public record ClonedReplica(long tabletId, long replicaId, long tableId, long partitionId, TabletSchema schema,
                            long createdVersion, long version, List<RowsetMeta> rowsets) {
    public ClonedReplica {
        rowsets = List.copyOf(rowsets);
    }
}
