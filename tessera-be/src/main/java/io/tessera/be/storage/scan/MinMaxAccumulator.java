package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * MIN or MAX of a column, in the column's own type and encoding; NULL for a group without
 * non-null values. Strings compare as unsigned UTF-8 bytes (code point order).
 */
final class MinMaxAccumulator implements Accumulator {
    private final int column;
    private final WireEncoding columnEncoding;
    private final boolean max;
    private boolean[] seen = new boolean[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private byte[][] strings = new byte[0][];
    private BigDecimal[] decimals = new BigDecimal[0];

    MinMaxAccumulator(int column, WireEncoding columnEncoding, boolean max) {
        this.column = column;
        this.columnEncoding = columnEncoding;
        this.max = max;
    }

    @Override
    public void grow(int groupCount) {
        if (seen.length >= groupCount) {
            return;
        }
        int capacity = Accumulator.grownCapacity(seen.length, groupCount);
        seen = Arrays.copyOf(seen, capacity);
        switch (columnEncoding) {
            case INT -> longs = Arrays.copyOf(longs, capacity);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, capacity);
            case STRING -> strings = Arrays.copyOf(strings, capacity);
            case WIDE_DECIMAL -> decimals = Arrays.copyOf(decimals, capacity);
        }
    }

    @Override
    public void add(BatchView batch, Selection selection, int[] groups) {
        int count = selection.count();
        switch (columnEncoding) {
            case INT -> {
                ColumnData.Longs data = batch.longs(column);
                for (int k = 0; k < count; k++) {
                    int row = selection.row(k);
                    if (!data.isNull(row)) {
                        int group = Accumulator.groupOf(groups, k);
                        long value = data.values[row];
                        if (!seen[group] || (max ? value > longs[group] : value < longs[group])) {
                            longs[group] = value;
                            seen[group] = true;
                        }
                    }
                }
            }
            case DOUBLE -> {
                ColumnData.Doubles data = batch.doubles(column);
                for (int k = 0; k < count; k++) {
                    int row = selection.row(k);
                    if (!data.isNull(row)) {
                        int group = Accumulator.groupOf(groups, k);
                        double value = data.values[row];
                        if (!seen[group] || (max ? value > doubles[group] : value < doubles[group])) {
                            doubles[group] = value;
                            seen[group] = true;
                        }
                    }
                }
            }
            case STRING -> {
                ColumnData.Strings data = batch.strings(column);
                for (int k = 0; k < count; k++) {
                    int row = selection.row(k);
                    if (!data.isNull(row)) {
                        int group = Accumulator.groupOf(groups, k);
                        if (!seen[group] || better(data.compare(row, strings[group]))) {
                            strings[group] = data.copy(row);
                            seen[group] = true;
                        }
                    }
                }
            }
            case WIDE_DECIMAL -> {
                ColumnData.Decimals data = batch.decimals(column);
                for (int k = 0; k < count; k++) {
                    int row = selection.row(k);
                    if (!data.isNull(row)) {
                        int group = Accumulator.groupOf(groups, k);
                        if (!seen[group] || better(data.values[row].compareTo(decimals[group]))) {
                            decimals[group] = data.values[row];
                            seen[group] = true;
                        }
                    }
                }
            }
        }
    }

    private boolean better(int comparisonWithCurrent) {
        return max ? comparisonWithCurrent > 0 : comparisonWithCurrent < 0;
    }

    @Override
    public void write(int group, OutputColumn out) {
        if (!seen[group]) {
            out.addNull();
            return;
        }
        switch (columnEncoding) {
            case INT -> out.addLong(longs[group]);
            case DOUBLE -> out.addDouble(doubles[group]);
            case STRING -> out.addBytes(strings[group], 0, strings[group].length);
            case WIDE_DECIMAL -> out.addText(decimals[group].toPlainString());
        }
    }

    @Override
    public WireEncoding encoding() {
        return columnEncoding;
    }
}
