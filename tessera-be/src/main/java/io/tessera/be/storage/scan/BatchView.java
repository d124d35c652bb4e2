package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.RowsetReader;
import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The current record batch of a scan, with each column copied out of Arrow on first use into the
 * array form its encoding calls for ({@link ColumnData}); a column nobody touches is never copied.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class BatchView {
    private final TabletSchema schema;
    private final ColumnData[] columns;
    private final boolean[] loaded;
    private RowsetReader reader;
    private int rowCount;
    private int[] intScratch = new int[0];
    private float[] floatScratch = new float[0];

    BatchView(TabletSchema schema) {
        this.schema = schema;
        this.columns = new ColumnData[schema.getColumnsCount()];
        this.loaded = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = switch (WireEncoding.of(schema.getColumns(i))) {
                case INT -> new ColumnData.Longs();
                case DOUBLE -> new ColumnData.Doubles();
                case STRING -> new ColumnData.Strings();
                case WIDE_DECIMAL -> new ColumnData.Decimals();
            };
        }
    }

    /** Moves to the batch the reader has just read; its columns are decompressed as they are used. */
    void reset(RowsetReader batch) {
        this.reader = batch;
        this.rowCount = batch.rowCount();
        Arrays.fill(loaded, false);
    }

    int rowCount() {
        return rowCount;
    }

    ColumnSchema column(int index) {
        return schema.getColumns(index);
    }

    ColumnData.Longs longs(int index) {
        ColumnData.Longs data = (ColumnData.Longs) columns[index];
        if (!loaded[index]) {
            loadLongs(schema.getColumns(index), reader.vector(index), data);
            loaded[index] = true;
        }
        return data;
    }

    ColumnData.Doubles doubles(int index) {
        ColumnData.Doubles data = (ColumnData.Doubles) columns[index];
        if (!loaded[index]) {
            loadDoubles(schema.getColumns(index), reader.vector(index), data);
            loaded[index] = true;
        }
        return data;
    }

    ColumnData.Strings strings(int index) {
        ColumnData.Strings data = (ColumnData.Strings) columns[index];
        if (!loaded[index]) {
            loadStrings((VarCharVector) reader.vector(index), data);
            loaded[index] = true;
        }
        return data;
    }

    ColumnData.Decimals decimals(int index) {
        ColumnData.Decimals data = (ColumnData.Decimals) columns[index];
        if (!loaded[index]) {
            DecimalVector vector = (DecimalVector) reader.vector(index);
            data.loadNulls(vector, rowCount);
            if (data.values.length < rowCount) {
                data.values = new BigDecimal[rowCount];
            }
            for (int i = 0; i < rowCount; i++) {
                data.values[i] = vector.isNull(i) ? null : vector.getObjectNotNull(i);
            }
            loaded[index] = true;
        }
        return data;
    }

    private void loadLongs(ColumnSchema column, FieldVector vector, ColumnData.Longs data) {
        int rows = rowCount;
        long[] values = data.reserve(rows);
        ArrowBuf buffer = vector.getDataBuffer();
        switch (column.getType()) {
            case BIGINT, DATETIME -> ColumnData.littleEndian(buffer, rows * 8).asLongBuffer().get(values, 0, rows);
            case INT, DATE -> {
                int[] ints = intScratch(rows);
                ColumnData.littleEndian(buffer, rows * 4).asIntBuffer().get(ints, 0, rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = ints[i];
                }
            }
            case SMALLINT -> {
                ByteBuffer bytes = ColumnData.littleEndian(buffer, rows * 2);
                for (int i = 0; i < rows; i++) {
                    values[i] = bytes.getShort(i * 2);
                }
            }
            case TINYINT -> {
                ByteBuffer bytes = ColumnData.littleEndian(buffer, rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = bytes.get(i);
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < rows; i++) {
                    values[i] = BitVectorHelper.get(buffer, i);
                }
            }
            case DECIMAL -> {
                // A 128-bit little-endian two's complement value that fits 64 bits: its low half.
                ByteBuffer bytes = ColumnData.littleEndian(buffer, rows * 16);
                for (int i = 0; i < rows; i++) {
                    values[i] = bytes.getLong(i * 16);
                }
            }
            default -> throw new TesseraException("column " + column.getName() + " of type " + column.getType()
                    + " has no integer values");
        }
        data.loadNulls(vector, rows);
    }

    private void loadDoubles(ColumnSchema column, FieldVector vector, ColumnData.Doubles data) {
        int rows = rowCount;
        double[] values = data.reserve(rows);
        ArrowBuf buffer = vector.getDataBuffer();
        switch (column.getType()) {
            case DOUBLE -> ColumnData.littleEndian(buffer, rows * 8).asDoubleBuffer().get(values, 0, rows);
            case FLOAT -> {
                if (floatScratch.length < rows) {
                    floatScratch = new float[rows];
                }
                ColumnData.littleEndian(buffer, rows * 4).asFloatBuffer().get(floatScratch, 0, rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = floatScratch[i];
                }
            }
            default -> throw new TesseraException("column " + column.getName() + " of type " + column.getType()
                    + " has no floating-point values");
        }
        data.loadNulls(vector, rows);
    }

    private void loadStrings(VarCharVector vector, ColumnData.Strings data) {
        int rows = rowCount;
        if (data.offsets.length < rows + 1) {
            data.offsets = new int[rows + 1];
        }
        if (rows > 0) {
            ColumnData.littleEndian(vector.getOffsetBuffer(), (rows + 1) * 4).asIntBuffer()
                    .get(data.offsets, 0, rows + 1);
        } else {
            data.offsets[0] = 0;
        }
        int bytes = data.offsets[rows];
        if (data.data.length < bytes) {
            data.data = new byte[Math.max(bytes, data.data.length * 2)];
        }
        if (bytes > 0) {
            vector.getDataBuffer().getBytes(0, data.data, 0, bytes);
        }
        data.loadNulls(vector, rows);
    }

    private int[] intScratch(int rows) {
        if (intScratch.length < rows) {
            intScratch = new int[rows];
        }
        return intScratch;
    }
}
