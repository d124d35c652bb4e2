package io.tessera.data;

import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.RowBatch;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Encodes typed values (see {@link ColumnValues}) into {@link RowBatch}es and reads them back,
 * following data.proto's encoding: DATE as days since 1970-01-01, DATETIME as microseconds since
 * 1970-01-01 00:00:00, DECIMAL as the unscaled long up to precision 18 and as plain text above.
 * Stateless.
 */
public final class RowBatches {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private RowBatches() {
    }

    /** A batch of rows, each a list of typed values in the schema's column order. */
    public static RowBatch encode(List<ColumnSchema> columns, List<List<Object>> rows) {
        RowBatch.Builder batch = RowBatch.newBuilder().setRowCount(rows.size());
        for (int c = 0; c < columns.size(); c++) {
            ColumnSchema column = columns.get(c);
            ColumnVector.Builder vector = ColumnVector.newBuilder();
            int index = c;
            boolean anyNull = rows.stream().anyMatch(row -> row.get(index) == null);
            for (List<Object> row : rows) {
                Object value = row.get(c);
                if (anyNull) {
                    vector.addNulls(value == null);
                }
                append(vector, column, value);
            }
            batch.addColumns(vector);
        }
        return batch.build();
    }

    private static void append(ColumnVector.Builder vector, ColumnSchema column, Object value) {
        switch (column.getType()) {
            case BOOLEAN -> vector.addIntValues(value == null ? 0 : ((Boolean) value) ? 1 : 0);
            case TINYINT, SMALLINT, INT, BIGINT -> vector.addIntValues(value == null ? 0 : (Long) value);
            case FLOAT, DOUBLE -> vector.addDoubleValues(value == null ? 0 : (Double) value);
            case DECIMAL -> {
                if (column.getPrecision() <= 18) {
                    vector.addIntValues(value == null ? 0 : ((BigDecimal) value).unscaledValue().longValueExact());
                } else {
                    vector.addStringValues(value == null ? "" : ((BigDecimal) value).toPlainString());
                }
            }
            case DATE -> vector.addIntValues(value == null ? 0 : ((LocalDate) value).toEpochDay());
            case DATETIME -> vector.addIntValues(value == null ? 0 : ChronoUnit.MICROS.between(EPOCH, (LocalDateTime) value));
            case CHAR, VARCHAR, STRING -> vector.addStringValues(value == null ? "" : (String) value);
            default -> throw new IllegalStateException("unsupported type " + column.getType());
        }
    }

    /** The typed value of one cell, or null. */
    public static Object value(ColumnSchema column, ColumnVector vector, int row) {
        if (vector.getNullsCount() > 0 && vector.getNulls(row)) {
            return null;
        }
        return switch (column.getType()) {
            case BOOLEAN -> vector.getIntValues(row) != 0;
            case TINYINT, SMALLINT, INT, BIGINT -> vector.getIntValues(row);
            case FLOAT, DOUBLE -> vector.getDoubleValues(row);
            case DECIMAL -> column.getPrecision() <= 18
                    ? new BigDecimal(BigInteger.valueOf(vector.getIntValues(row)), column.getScale())
                    : new BigDecimal(vector.getStringValues(row));
            case DATE -> LocalDate.ofEpochDay(vector.getIntValues(row));
            case DATETIME -> LocalDateTime.ofEpochSecond(Math.floorDiv(vector.getIntValues(row), 1_000_000L),
                    (int) Math.floorMod(vector.getIntValues(row), 1_000_000L) * 1000, ZoneOffset.UTC);
            case CHAR, VARCHAR, STRING -> vector.getStringValues(row);
            default -> throw new IllegalStateException("unsupported type " + column.getType());
        };
    }
}
