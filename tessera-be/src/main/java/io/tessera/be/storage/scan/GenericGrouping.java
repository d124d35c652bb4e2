package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY any columns: each selected row's values become a key object (longs, doubles, UTF-8 bytes,
 * decimals, NULL) in a hash map. Slower than {@link LongGrouping} (one small object per row), used
 * for strings, floating point, and several columns.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class GenericGrouping implements Grouping {
    private final int[] columns;
    private final WireEncoding[] encodings;
    private final Map<Key, Integer> groups = new HashMap<>();
    private final List<Object[]> keys = new ArrayList<>();
    private int[] ids = new int[0];

    GenericGrouping(int[] columns, WireEncoding[] encodings) {
        this.columns = columns.clone();
        this.encodings = encodings.clone();
    }

    @Override
    public int[] assign(BatchView batch, Selection selection) {
        int count = selection.count();
        if (ids.length < count) {
            ids = new int[Math.max(count, 16)];
        }
        for (int k = 0; k < count; k++) {
            int row = selection.row(k);
            Object[] values = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                values[c] = value(batch, c, row);
            }
            Key key = new Key(values);
            Integer group = groups.get(key);
            if (group == null) {
                group = keys.size();
                groups.put(key, group);
                keys.add(values);
            }
            ids[k] = group;
        }
        return ids;
    }

    private Object value(BatchView batch, int c, int row) {
        int column = columns[c];
        return switch (encodings[c]) {
            case INT -> {
                ColumnData.Longs data = batch.longs(column);
                yield data.isNull(row) ? null : data.values[row];
            }
            case DOUBLE -> {
                ColumnData.Doubles data = batch.doubles(column);
                // -0.0 and 0.0 are one group, as SQL compares them equal.
                yield data.isNull(row) ? null : data.values[row] + 0.0;
            }
            case STRING -> {
                ColumnData.Strings data = batch.strings(column);
                yield data.isNull(row) ? null : ByteBuffer.wrap(data.copy(row));
            }
            case WIDE_DECIMAL -> {
                ColumnData.Decimals data = batch.decimals(column);
                yield data.isNull(row) ? null : data.values[row];
            }
        };
    }

    @Override
    public int groupCount() {
        return keys.size();
    }

    @Override
    public void writeKey(int group, ScanOutput output) {
        Object[] values = keys.get(group);
        for (int c = 0; c < values.length; c++) {
            OutputColumn out = output.column(c);
            Object value = values[c];
            if (value == null) {
                out.addNull();
            } else if (value instanceof Long number) {
                out.addLong(number);
            } else if (value instanceof Double number) {
                out.addDouble(number);
            } else if (value instanceof ByteBuffer bytes) {
                out.addBytes(bytes.array(), 0, bytes.array().length);
            } else {
                out.addText(((BigDecimal) value).toPlainString());
            }
        }
    }

    /** A row's GROUP BY values, compared by content. */
    private record Key(Object[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
