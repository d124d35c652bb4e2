package io.tessera.fe.meta;

import io.tessera.proto.journal.JournalBatch;
import java.util.concurrent.CompletableFuture;

/**
 * A journal that applies each batch at once and keeps nothing on disk: for tests and the start-up
 * warm-up's throwaway pipeline. The FE itself uses the Ratis journal ({@code io.tessera.fe.journal}).
 *
 * <p>Threading: applies on the caller's thread (the metadata writer's).
 */
public final class LocalJournal implements Journal {
    private final ReplayDispatcher dispatcher;

    public LocalJournal(ReplayDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletableFuture<Void> append(JournalBatch batch) {
        try {
            dispatcher.replay(batch);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
