package io.tessera.fe.meta;

import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of FE metadata. Every metadata-changing statement runs here, one at a time:
 * generate records against the current state, append them to the journal as one batch, wait until
 * they are applied, then answer. So two sessions can never both validate against stale state, and
 * a statement's OK means its change is visible to the session that made it.
 *
 * <p>Threading: a single thread owns generation and waits for application; callers on any thread
 * get a future.
 */
public final class MetadataWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataWriter.class);

    private final IdGenerator idGenerator;
    private final Journal journal;
    private final ExecutorService thread;

    public MetadataWriter(IdGenerator idGenerator, Journal journal) {
        this.idGenerator = idGenerator;
        this.journal = journal;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "metadata-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs one write; the future completes with its response after its records are applied. */
    public <T> CompletableFuture<T> submit(WriteOperation<T> operation) {
        return CompletableFuture.supplyAsync(() -> run(operation), thread);
    }

    private <T> T run(WriteOperation<T> operation) {
        IdAllocator ids = new IdAllocator(idGenerator.nextId());
        WriteResult<T> result = operation.generate(ids);
        if (result.records().isEmpty() && !ids.allocatedAny()) {
            return result.response();
        }
        JournalBatch.Builder batch = JournalBatch.newBuilder();
        if (ids.allocatedAny()) {
            batch.addRecords(JournalRecord.newBuilder()
                    .setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(ids.nextId())));
        }
        batch.addAllRecords(result.records());
        journal.append(batch.build()).join();
        return result.response();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("metadata writer did not finish its queue within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
