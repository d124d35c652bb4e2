package io.tessera.be.storage.scan;

import io.tessera.proto.data.RowBatch;
import java.util.List;

/**
 * Collects result rows into batches of at most {@value #MAX_ROWS} rows or about {@value #MAX_BYTES}
 * bytes and hands each full batch to the {@link ScanSink}, together with the rows read since the
 * previous batch. A scan always sends at least one batch (possibly empty), so the receiver learns
 * the column count and the rows read.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class ScanOutput {
    static final int MAX_ROWS = 4096;
    static final long MAX_BYTES = 1 << 20;

    private final ScanSink sink;
    private final List<OutputColumn> columns;
    private int rows;
    private long rowsRead;
    private boolean sentAny;

    ScanOutput(ScanSink sink, List<OutputColumn> columns) {
        this.sink = sink;
        this.columns = List.copyOf(columns);
    }

    OutputColumn column(int index) {
        return columns.get(index);
    }

    /** Counts rows read from files (before filtering). */
    void countRead(long rowCount) {
        rowsRead += rowCount;
    }

    /** Room left in the current batch, in rows. */
    int roomInRows() {
        return MAX_ROWS - rows;
    }

    /** Records that {@code count} rows were added to every column; sends the batch when it is full. */
    void added(int count) {
        rows += count;
        if (rows >= MAX_ROWS || bytes() >= MAX_BYTES) {
            send();
        }
    }

    /** Sends what is left (or an empty batch when nothing was sent at all). */
    void finish() {
        if (rows > 0 || !sentAny || rowsRead > 0) {
            send();
        }
    }

    private long bytes() {
        long total = 0;
        for (OutputColumn column : columns) {
            total += column.bytes();
        }
        return total;
    }

    private void send() {
        RowBatch.Builder batch = RowBatch.newBuilder().setRowCount(rows);
        for (OutputColumn column : columns) {
            batch.addColumns(column.take());
        }
        long read = rowsRead;
        rows = 0;
        rowsRead = 0;
        sentAny = true;
        if (!sink.send(batch.build(), read)) {
            throw new ScanCancelledException();
        }
    }
}
