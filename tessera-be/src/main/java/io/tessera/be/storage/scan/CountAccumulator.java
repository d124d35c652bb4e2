package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import java.util.Arrays;

/** COUNT(*) (column -1) or COUNT(column) (non-null values); BIGINT, 0 for an empty group. */
final class CountAccumulator implements Accumulator {
    private final int column;
    private final WireEncoding columnEncoding;
    private long[] counts = new long[0];

    /** @param column the counted column, or -1 for COUNT(*) */
    CountAccumulator(int column, WireEncoding columnEncoding) {
        this.column = column;
        this.columnEncoding = columnEncoding;
    }

    @Override
    public void grow(int groupCount) {
        if (counts.length < groupCount) {
            counts = Arrays.copyOf(counts, Accumulator.grownCapacity(counts.length, groupCount));
        }
    }

    @Override
    public void add(BatchView batch, Selection selection, int[] groups) {
        int count = selection.count();
        boolean[] nulls = column < 0 ? null : nullsOf(batch);
        if (groups == null && nulls == null) {
            counts[0] += count;
            return;
        }
        for (int k = 0; k < count; k++) {
            if (nulls == null || !nulls[selection.row(k)]) {
                counts[Accumulator.groupOf(groups, k)]++;
            }
        }
    }

    private boolean[] nullsOf(BatchView batch) {
        return switch (columnEncoding) {
            case INT -> batch.longs(column).nulls;
            case DOUBLE -> batch.doubles(column).nulls;
            case STRING -> batch.strings(column).nulls;
            case WIDE_DECIMAL -> batch.decimals(column).nulls;
        };
    }

    @Override
    public void write(int group, OutputColumn out) {
        out.addLong(counts[group]);
    }

    @Override
    public WireEncoding encoding() {
        return WireEncoding.INT;
    }
}
