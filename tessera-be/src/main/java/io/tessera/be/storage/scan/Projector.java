package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.TabletSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the requested columns of the rows that passed the filter into result batches, stopping at
 * the row limit. Rows are copied in chunks column by column, so each value is one array read and one
 * protobuf append.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class Projector {
    private static final int CHUNK_ROWS = 1024;

    private final int[] columns;
    private final WireEncoding[] encodings;
    private final ScanOutput output;
    private long remaining;

    /**
     * @param columns indexes into the schema, in output order
     * @param limit   rows to return at most; 0 means no limit
     * @throws TesseraException when a column index is out of range or the limit is negative
     */
    Projector(TabletSchema schema, List<Integer> columns, long limit, ScanSink sink) {
        if (limit < 0) {
            throw new TesseraException("scan: limit must not be negative, got " + limit);
        }
        this.columns = new int[columns.size()];
        this.encodings = new WireEncoding[columns.size()];
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int index = columns.get(i);
            if (index < 0 || index >= schema.getColumnsCount()) {
                throw new TesseraException("scan: column index " + index + " is out of range (the tablet has "
                        + schema.getColumnsCount() + " columns)");
            }
            this.columns[i] = index;
            this.encodings[i] = WireEncoding.of(schema.getColumns(index));
            outputs.add(new OutputColumn(encodings[i]));
        }
        this.output = new ScanOutput(sink, outputs);
        this.remaining = limit == 0 ? Long.MAX_VALUE : limit;
    }

    ScanOutput output() {
        return output;
    }

    /** True once the limit is reached: no more rows are wanted. */
    boolean done() {
        return remaining == 0;
    }

    /** Adds the selected rows of the batch (up to the limit). */
    void add(BatchView batch, Selection selection) {
        int total = (int) Math.min(selection.count(), remaining);
        int done = 0;
        while (done < total) {
            int chunk = Math.min(total - done, Math.min(output.roomInRows(), CHUNK_ROWS));
            for (int c = 0; c < columns.length; c++) {
                append(batch, selection, done, chunk, c);
            }
            done += chunk;
            remaining -= chunk;
            output.added(chunk);
        }
    }

    private void append(BatchView batch, Selection selection, int from, int count, int outputIndex) {
        int column = columns[outputIndex];
        OutputColumn out = output.column(outputIndex);
        int end = from + count;
        switch (encodings[outputIndex]) {
            case INT -> {
                ColumnData.Longs data = batch.longs(column);
                for (int k = from; k < end; k++) {
                    int row = selection.row(k);
                    if (data.isNull(row)) {
                        out.addNull();
                    } else {
                        out.addLong(data.values[row]);
                    }
                }
            }
            case DOUBLE -> {
                ColumnData.Doubles data = batch.doubles(column);
                for (int k = from; k < end; k++) {
                    int row = selection.row(k);
                    if (data.isNull(row)) {
                        out.addNull();
                    } else {
                        out.addDouble(data.values[row]);
                    }
                }
            }
            case STRING -> {
                ColumnData.Strings data = batch.strings(column);
                for (int k = from; k < end; k++) {
                    int row = selection.row(k);
                    if (data.isNull(row)) {
                        out.addNull();
                    } else {
                        out.addBytes(data.data, data.start(row), data.end(row) - data.start(row));
                    }
                }
            }
            case WIDE_DECIMAL -> {
                ColumnData.Decimals data = batch.decimals(column);
                for (int k = from; k < end; k++) {
                    int row = selection.row(k);
                    if (data.isNull(row)) {
                        out.addNull();
                    } else {
                        out.addText(data.values[row].toPlainString());
                    }
                }
            }
        }
    }
}
