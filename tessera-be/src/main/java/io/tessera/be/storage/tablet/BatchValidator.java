package io.tessera.be.storage.tablet;

import com.google.protobuf.ByteString;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Checks an incoming {@link RowBatch} against a tablet's schema before any of it is written: the
 * column count, every vector's length, that only the field the type uses holds values (see
 * data.proto), that non-nullable columns hold no nulls, and that every value fits its type (integer
 * ranges, DECIMAL precision and scale, CHAR/VARCHAR length in characters, FLOAT range). Stateless
 * apart from the schema; thread-safe.
 */
public final class BatchValidator {
    private final TabletSchema schema;
    private final long[] maxUnscaled;

    public BatchValidator(TabletSchema schema) {
        this.schema = schema;
        this.maxUnscaled = new long[schema.getColumnsCount()];
        for (int i = 0; i < maxUnscaled.length; i++) {
            ColumnSchema column = schema.getColumns(i);
            if (WireEncoding.of(column) == WireEncoding.INT && column.getType() == DataType.DECIMAL) {
                maxUnscaled[i] = BigInteger.TEN.pow(column.getPrecision()).longValueExact() - 1;
            }
        }
    }

    /**
     * @param batchNumber the batch's position in its stream (1-based), for messages
     * @throws TesseraException describing the first problem: batch, column, row and value
     */
    public void validate(RowBatch batch, int batchNumber) {
        String where = "batch " + batchNumber;
        if (batch.getRowCount() < 0) {
            throw new TesseraException(where + " has a negative row_count " + batch.getRowCount());
        }
        if (batch.getColumnsCount() != schema.getColumnsCount()) {
            throw new TesseraException(where + " has " + batch.getColumnsCount() + " columns; the tablet has "
                    + schema.getColumnsCount());
        }
        for (int c = 0; c < schema.getColumnsCount(); c++) {
            ColumnSchema column = schema.getColumns(c);
            validateColumn(batch.getColumns(c), batch.getRowCount(), c, column,
                    where + ", column " + c + " (" + column.getName() + " " + ColumnTypes.describe(column) + ")");
        }
    }

    private void validateColumn(ColumnVector vector, int rows, int index, ColumnSchema column, String where) {
        WireEncoding encoding = WireEncoding.of(column);
        int expectedInts = encoding == WireEncoding.INT ? rows : 0;
        int expectedDoubles = encoding == WireEncoding.DOUBLE ? rows : 0;
        int expectedStrings = encoding == WireEncoding.STRING || encoding == WireEncoding.WIDE_DECIMAL ? rows : 0;
        requireCount(where, "int_values", vector.getIntValuesCount(), expectedInts);
        requireCount(where, "double_values", vector.getDoubleValuesCount(), expectedDoubles);
        requireCount(where, "string_values", vector.getStringValuesCount(), expectedStrings);
        int nullFlags = vector.getNullsCount();
        if (nullFlags != 0 && nullFlags != rows) {
            throw new TesseraException(where + ": has " + nullFlags + " null flags for " + rows
                    + " rows (expected none or one per row)");
        }
        boolean anyNulls = nullFlags > 0;
        for (int row = 0; row < rows; row++) {
            if (anyNulls && vector.getNulls(row)) {
                if (!column.getNullable()) {
                    throw new TesseraException(where + ": row " + row + " is NULL but the column is NOT NULL");
                }
                continue;
            }
            switch (encoding) {
                case INT -> checkInt(vector.getIntValues(row), index, column, where, row);
                case DOUBLE -> checkDouble(vector.getDoubleValues(row), column, where, row);
                case STRING -> checkString(vector.getStringValuesBytes(row), column, where, row);
                case WIDE_DECIMAL -> parseDecimal(vector.getStringValues(row), column, where + ": row " + row);
                default -> throw new IllegalStateException("encoding " + encoding);
            }
        }
    }

    private static void requireCount(String where, String field, int actual, int expected) {
        if (actual != expected) {
            throw new TesseraException(where + ": " + field + " has " + actual + " values, expected " + expected);
        }
    }

    private void checkInt(long value, int index, ColumnSchema column, String where, int row) {
        long min;
        long max;
        switch (column.getType()) {
            case BOOLEAN -> {
                min = 0;
                max = 1;
            }
            case TINYINT -> {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            case SMALLINT -> {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            case INT, DATE -> {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            case DECIMAL -> {
                min = -maxUnscaled[index];
                max = maxUnscaled[index];
            }
            default -> {
                return;
            }
        }
        if (value < min || value > max) {
            throw new TesseraException(where + ": row " + row + ": value " + value + " is out of range");
        }
    }

    private static void checkDouble(double value, ColumnSchema column, String where, int row) {
        if (column.getType() == DataType.FLOAT && Double.isFinite(value)
                && Math.abs(value) > Float.MAX_VALUE) {
            throw new TesseraException(where + ": row " + row + ": value " + value + " does not fit FLOAT");
        }
    }

    private static void checkString(ByteString value, ColumnSchema column, String where, int row) {
        int length = column.getLength();
        boolean bounded = (column.getType() == DataType.CHAR
                || column.getType() == DataType.VARCHAR) && length > 0;
        if (bounded && value.size() > length && Utf8.characterCount(value) > length) {
            throw new TesseraException(where + ": row " + row + ": a value of " + Utf8.characterCount(value)
                    + " characters is longer than " + length);
        }
    }

    /**
     * Parses a DECIMAL's text to a value at the column's scale.
     *
     * @throws TesseraException when the text is no number, needs rounding, or exceeds the precision
     */
    public static BigDecimal parseDecimal(String text, ColumnSchema column, String where) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new TesseraException(where + ": '" + text + "' is not a decimal number");
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(column.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new TesseraException(where + ": " + text + " has more than " + column.getScale()
                    + " digits after the point");
        }
        if (scaled.precision() > column.getPrecision() && scaled.signum() != 0) {
            throw new TesseraException(where + ": " + text + " does not fit " + ColumnTypes.describe(column));
        }
        return scaled;
    }
}
