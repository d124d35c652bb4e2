package io.tessera.fe.meta;

import io.tessera.proto.journal.JournalBatch;
import java.util.concurrent.CompletableFuture;

/**
 * Where committed metadata batches go. An implementation makes a batch durable (when it is a
 * real journal) and applies it to the state through the {@link ReplayDispatcher}; the returned
 * future completes once the batch has been applied, or fails if it was not committed.
 */
public interface Journal extends AutoCloseable {
    CompletableFuture<Void> append(JournalBatch batch);

    /**
     * The index of the last entry applied to the state (what SHOW FRONTENDS calls the replayed
     * journal id); -1 when the journal keeps no index.
     */
    default long lastAppliedIndex() {
        return -1;
    }

    /** Stops the journal; batches appended afterwards fail. Nothing to do for an in-memory one. */
    @Override
    default void close() {
    }
}
