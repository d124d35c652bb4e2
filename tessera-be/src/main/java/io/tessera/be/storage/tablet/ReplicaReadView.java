package io.tessera.be.storage.tablet;

import io.tessera.proto.data.TabletSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A consistent snapshot of what a scan of one replica at one version reads: the schema and the
 * rowset files that together hold exactly the versions up to it, in version order. Files are
 * immutable, and while the view is open none of them is deleted, even when a compaction replaces
 * them meanwhile; {@link #close} lets them go. Close every view you open.
 *
 * <p>Threading: immutable apart from the close flag; close is idempotent and safe from any thread.
 */
public final class ReplicaReadView implements AutoCloseable {
    private final long tabletId;
    private final long replicaId;
    private final TabletSchema schema;
    private final long version;
    private final List<Path> rowsetFiles;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param release run once on close: gives the files back to the replica
     */
    public ReplicaReadView(long tabletId, long replicaId, TabletSchema schema, long version, List<Path> rowsetFiles,
                           Runnable release) {
        this.tabletId = tabletId;
        this.replicaId = replicaId;
        this.schema = schema;
        this.version = version;
        this.rowsetFiles = List.copyOf(rowsetFiles);
        this.release = release;
    }

    public long tabletId() {
        return tabletId;
    }

    public long replicaId() {
        return replicaId;
    }

    public TabletSchema schema() {
        return schema;
    }

    public long version() {
        return version;
    }

    /** The files to read, in version order. */
    public List<Path> rowsetFiles() {
        return rowsetFiles;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
