package io.tessera.be.storage.scan;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * One column of one record batch, copied out of its Arrow vector into plain Java arrays so that
 * filters, projections and aggregations run tight loops without boxing. The arrays are reused from
 * batch to batch (they only grow). {@link #nulls} is null when the batch has no null in the column.
 *
 * <p>Threading: not thread-safe (one scan).
 */
abstract class ColumnData {
    /** Null flags per row, or null when no row is null. */
    boolean[] nulls;
    private boolean[] nullBuffer = new boolean[0];

    final boolean isNull(int row) {
        return nulls != null && nulls[row];
    }

    final void loadNulls(FieldVector vector, int rows) {
        if (vector.getNullCount() == 0) {
            nulls = null;
            return;
        }
        if (nullBuffer.length < rows) {
            nullBuffer = new boolean[rows];
        }
        ArrowBuf validity = vector.getValidityBuffer();
        for (int i = 0; i < rows; i++) {
            nullBuffer[i] = BitVectorHelper.get(validity, i) == 0;
        }
        nulls = nullBuffer;
    }

    static ByteBuffer littleEndian(ArrowBuf buffer, int bytes) {
        return buffer.nioBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Values of INT-encoded columns (see data.proto): integers, dates, datetimes, narrow decimals. */
    static final class Longs extends ColumnData {
        long[] values = new long[0];

        long[] reserve(int rows) {
            if (values.length < rows) {
                values = new long[rows];
            }
            return values;
        }
    }

    /** Values of FLOAT and DOUBLE columns. */
    static final class Doubles extends ColumnData {
        double[] values = new double[0];

        double[] reserve(int rows) {
            if (values.length < rows) {
                values = new double[rows];
            }
            return values;
        }
    }

    /** UTF-8 values of CHAR, VARCHAR and STRING columns: row i is {@code data[offsets[i], offsets[i+1])}. */
    static final class Strings extends ColumnData {
        byte[] data = new byte[0];
        int[] offsets = new int[1];

        int start(int row) {
            return offsets[row];
        }

        int end(int row) {
            return offsets[row + 1];
        }

        /** Compares row {@code row} with {@code other} as unsigned bytes (code point order). */
        int compare(int row, byte[] other) {
            return Arrays.compareUnsigned(data, offsets[row], offsets[row + 1], other, 0, other.length);
        }

        boolean equalsBytes(int row, byte[] other) {
            return Arrays.equals(data, offsets[row], offsets[row + 1], other, 0, other.length);
        }

        byte[] copy(int row) {
            return Arrays.copyOfRange(data, offsets[row], offsets[row + 1]);
        }
    }

    /** Values of DECIMAL columns with precision above 18. */
    static final class Decimals extends ColumnData {
        BigDecimal[] values = new BigDecimal[0];
    }
}
