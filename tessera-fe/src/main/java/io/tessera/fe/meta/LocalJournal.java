package io.tessera.fe.meta;

import io.tessera.proto.journal.JournalBatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A journal that applies each batch at once and keeps nothing on disk: for tests and the start-up
 * warm-up's throwaway pipeline. The FE itself uses the Ratis journal ({@code io.tessera.fe.journal}).
 *
 * <p>Threading: applies on the caller's thread (the metadata writer's).
 */
public final class LocalJournal implements Journal {
    private final ReplayDispatcher dispatcher;
    /** Batches applied so far: the index of the last one, counting from 1. */
    private final AtomicLong applied = new AtomicLong();

    public LocalJournal(ReplayDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public long lastAppliedIndex() {
        return applied.get();
    }

    @Override
    public CompletableFuture<Void> append(JournalBatch batch) {
        try {
            dispatcher.replay(batch);
            applied.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
