package io.tessera.fe.meta;

import io.tessera.proto.journal.SnapshotRecord;
import java.util.function.Consumer;

/**
 * One state's part of a metadata snapshot: an immutable value that streams itself as snapshot
 * records, one at a time, so a large catalog is never copied whole.
 *
 * <p>Threading: immutable; read on any thread.
 */
public interface StateImage {
    void forEachRecord(Consumer<SnapshotRecord> sink);
}
