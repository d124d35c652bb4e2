package io.tessera.fe.meta;

import io.tessera.proto.journal.SnapshotRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * The FE's whole hard state at one applied journal index: one {@link StateImage} per registered
 * {@link JournaledState}, in registration order, each an immutable snapshot the state already
 * publishes, so capturing it copies nothing. A metadata snapshot file is this image in record form
 * ({@link #forEachRecord}); loading one goes through {@link ReplayDispatcher#replaySnapshot}.
 *
 * <p>Threading: immutable; capture it on the journal's apply thread (see
 * {@link ReplayDispatcher#capture}) so its parts belong to the same index, then read it on any
 * thread.
 */
public record MetadataImage(List<StateImage> parts) {
    public MetadataImage {
        parts = List.copyOf(parts);
    }

    /** Streams every part's records, part after part. */
    public void forEachRecord(Consumer<SnapshotRecord> sink) {
        for (StateImage part : parts) {
            part.forEachRecord(sink);
        }
    }

    /** The part of this type (for tests and tools that inspect one state). */
    public <T extends StateImage> T part(Class<T> type) {
        return parts.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no image part of type " + type.getSimpleName()));
    }
}
