package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import java.util.Arrays;

/** SUM of a FLOAT or DOUBLE column: DOUBLE; NULL for a group without non-null values. */
final class SumDoubleAccumulator implements Accumulator {
    private final int column;
    private double[] sums = new double[0];
    private boolean[] seen = new boolean[0];

    SumDoubleAccumulator(int column) {
        this.column = column;
    }

    @Override
    public void grow(int groupCount) {
        if (sums.length < groupCount) {
            int capacity = Accumulator.grownCapacity(sums.length, groupCount);
            sums = Arrays.copyOf(sums, capacity);
            seen = Arrays.copyOf(seen, capacity);
        }
    }

    @Override
    public void add(BatchView batch, Selection selection, int[] groups) {
        ColumnData.Doubles data = batch.doubles(column);
        double[] values = data.values;
        boolean[] nulls = data.nulls;
        int count = selection.count();
        if (groups == null && nulls == null && selection.all()) {
            double sum = sums[0];
            for (int i = 0; i < count; i++) {
                sum += values[i];
            }
            sums[0] = sum;
            seen[0] |= count > 0;
            return;
        }
        for (int k = 0; k < count; k++) {
            int row = selection.row(k);
            if (nulls == null || !nulls[row]) {
                int group = Accumulator.groupOf(groups, k);
                sums[group] += values[row];
                seen[group] = true;
            }
        }
    }

    @Override
    public void write(int group, OutputColumn out) {
        if (seen[group]) {
            out.addDouble(sums[group]);
        } else {
            out.addNull();
        }
    }

    @Override
    public WireEncoding encoding() {
        return WireEncoding.DOUBLE;
    }
}
