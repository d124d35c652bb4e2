package io.tessera.be.storage.tablet;

import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds {@link RowBatch}es from rows of Java values and reads result batches back into rows, in
 * data.proto's encoding: integers, booleans, dates, datetimes and narrow decimals as {@code Long},
 * FLOAT/DOUBLE as {@code Double}, strings and wide decimals as {@code String}, NULL as null.
 */
public final class Batches {
    private Batches() {
    }

    public static ColumnSchema column(String name, DataType type) {
        return ColumnSchema.newBuilder().setName(name).setType(type).setNullable(true).build();
    }

    public static ColumnSchema varchar(String name, int length) {
        return column(name, DataType.VARCHAR).toBuilder().setLength(length).build();
    }

    public static ColumnSchema decimal(String name, int precision, int scale) {
        return column(name, DataType.DECIMAL).toBuilder().setPrecision(precision).setScale(scale).build();
    }

    public static TabletSchema schema(ColumnSchema... columns) {
        return TabletSchema.newBuilder().addAllColumns(Arrays.asList(columns)).setSchemaHash(7).build();
    }

    /** A row from values; {@code Object...} with null allowed. */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /**
     * A batch of rows. Values: Long/Integer/Boolean/LocalDate/LocalDateTime/BigDecimal/Double/Float/String,
     * converted to the column's encoding.
     */
    public static RowBatch batch(TabletSchema schema, List<List<Object>> rows) {
        RowBatch.Builder batch = RowBatch.newBuilder().setRowCount(rows.size());
        for (int c = 0; c < schema.getColumnsCount(); c++) {
            ColumnSchema column = schema.getColumns(c);
            ColumnVector.Builder vector = ColumnVector.newBuilder();
            int index = c;
            boolean anyNull = rows.stream().anyMatch(row -> row.get(index) == null);
            for (List<Object> row : rows) {
                Object value = row.get(c);
                if (anyNull) {
                    vector.addNulls(value == null);
                }
                add(column, vector, value);
            }
            batch.addColumns(vector);
        }
        return batch.build();
    }

    private static void add(ColumnSchema column, ColumnVector.Builder vector, Object value) {
        switch (WireEncoding.of(column)) {
            case INT -> vector.addIntValues(value == null ? 0 : toLong(column, value));
            case DOUBLE -> vector.addDoubleValues(value == null ? 0 : ((Number) value).doubleValue());
            case STRING -> vector.addStringValues(value == null ? "" : (String) value);
            case WIDE_DECIMAL -> vector.addStringValues(value == null ? "" : value.toString());
        }
    }

    private static long toLong(ColumnSchema column, Object value) {
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof LocalDate date) {
            return date.toEpochDay();
        }
        if (value instanceof LocalDateTime time) {
            return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.setScale(column.getScale()).unscaledValue().longValueExact();
        }
        return ((Number) value).longValue();
    }

    /** The rows of result batches, values in wire form (Long, Double, String, null). */
    public static List<List<Object>> rows(List<RowBatch> batches) {
        List<List<Object>> rows = new ArrayList<>();
        for (RowBatch batch : batches) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                List<Object> row = new ArrayList<>();
                for (ColumnVector vector : batch.getColumnsList()) {
                    row.add(value(vector, r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(ColumnVector vector, int row) {
        if (vector.getNullsCount() > 0 && vector.getNulls(row)) {
            return null;
        }
        if (vector.getIntValuesCount() > 0) {
            return vector.getIntValues(row);
        }
        if (vector.getDoubleValuesCount() > 0) {
            return vector.getDoubleValues(row);
        }
        return vector.getStringValues(row);
    }
}
