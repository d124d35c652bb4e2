package io.tessera.be.storage.tablet;

import io.tessera.be.storage.tablet.RowsetWriter.WrittenRowset;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.RowBatch;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load transaction's rows on their way into one replica: every batch is validated against the
 * schema before any of it is written, rows go to a temporary rowset file, and {@link #commit} makes
 * the file durable and the replica's pending rowset of the transaction. {@link #close} without a
 * commit leaves nothing behind.
 *
 * <p>Threading: not thread-safe; one write stream owns it.
 */
public final class PendingWrite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingWrite.class);

    private final Replica replica;
    private final long transactionId;
    private final RowsetWriter writer;
    private final BatchValidator validator;
    private int batches;
    private boolean done;

    PendingWrite(Replica replica, long transactionId, RowsetWriter writer) {
        this.replica = replica;
        this.transactionId = transactionId;
        this.writer = writer;
        this.validator = new BatchValidator(replica.schema());
    }

    /**
     * Validates and appends a batch.
     *
     * @throws TesseraException when the batch does not fit the schema (nothing of it is written)
     */
    public void append(RowBatch batch) throws IOException {
        if (done) {
            throw new IllegalStateException("the write of transaction " + transactionId + " is finished");
        }
        batches++;
        validator.validate(batch, batches);
        writer.append(batch);
    }

    public long rowsWritten() {
        return writer.rowCount();
    }

    /** Finishes the file (fsynced) and installs it as the transaction's pending rowset. */
    public WrittenRowset commit() throws IOException {
        if (done) {
            throw new IllegalStateException("the write of transaction " + transactionId + " is finished");
        }
        done = true;
        WrittenRowset written = writer.finish();
        try {
            replica.installPending(transactionId, written);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(written.file());
            throw e;
        }
        return written;
    }

    /** Discards everything unless committed. */
    @Override
    public void close() {
        done = true;
        try {
            writer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot discard the write of transaction {}: {}", replica.describe(), transactionId,
                    e.toString());
        }
    }
}
