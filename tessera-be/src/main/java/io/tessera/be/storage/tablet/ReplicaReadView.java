package io.tessera.be.storage.tablet;

import io.tessera.proto.data.TabletSchema;
import java.nio.file.Path;
import java.util.List;

/**
 * A consistent snapshot of what a scan of one replica at one version reads: the schema and the
 * rowset files with versions up to it, in version order. Files are immutable, so the snapshot stays
 * valid while later versions are published. Immutable.
 */
public record ReplicaReadView(long tabletId, long replicaId, TabletSchema schema, long version,
                              List<Path> rowsetFiles) {
    public ReplicaReadView {
        rowsetFiles = List.copyOf(rowsetFiles);
    }
}
