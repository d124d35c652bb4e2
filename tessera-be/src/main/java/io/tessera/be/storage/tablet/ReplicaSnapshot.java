package io.tessera.be.storage.tablet;

import io.tessera.proto.tablet.TabletMeta;
import java.nio.file.Path;

/**
 * A replica's published state taken at one instant: its metadata (version, rowsets with their
 * checksums) and a view of exactly those rowsets' files, which stay on disk until the snapshot is
 * closed even if a compaction replaces them meanwhile. What a clone's source sends from; pending
 * rowsets are not part of it. Close every snapshot you take.
 *
 * <p>Threading: immutable apart from the view's close flag; close is idempotent.
 *
 * @param meta the replica's metadata when the snapshot was taken
 * @param view the files of {@code meta}'s rowsets, in the same order
 */
public record ReplicaSnapshot(TabletMeta meta, ReplicaReadView view) implements AutoCloseable {
    /** The path of one of the snapshot's rowset files. */
    public Path file(String fileName) {
        for (Path file : view.rowsetFiles()) {
            if (file.getFileName().toString().equals(fileName)) {
                return file;
            }
        }
        throw new IllegalArgumentException("rowset file " + fileName + " is not in the snapshot of tablet "
                + meta.getTabletId());
    }

    @Override
    public void close() {
        view.close();
    }
}
