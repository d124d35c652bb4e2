package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * SUM of an INT-encoded column: integers sum to BIGINT (an overflow is an error, not a wrapped
 * value); a DECIMAL with precision &lt;= 18 sums its unscaled values in a {@code long} and moves a
 * group to {@code BigInteger} when that overflows, giving DECIMAL(38, scale) as plain text. NULL
 * for a group without non-null values.
 */
final class SumExactAccumulator implements Accumulator {
    private static final int MAX_PRECISION = 38;

    private final int column;
    private final String name;
    private final boolean decimal;
    private final int scale;
    private long[] sums = new long[0];
    private boolean[] seen = new boolean[0];
    private BigInteger[] overflowed = new BigInteger[0];

    /** @param decimal true for DECIMAL (result DECIMAL(38, scale)), false for integers (BIGINT) */
    SumExactAccumulator(int column, String name, boolean decimal, int scale) {
        this.column = column;
        this.name = name;
        this.decimal = decimal;
        this.scale = scale;
    }

    @Override
    public void grow(int groupCount) {
        if (sums.length < groupCount) {
            int capacity = Accumulator.grownCapacity(sums.length, groupCount);
            sums = Arrays.copyOf(sums, capacity);
            seen = Arrays.copyOf(seen, capacity);
            overflowed = Arrays.copyOf(overflowed, capacity);
        }
    }

    @Override
    public void add(BatchView batch, Selection selection, int[] groups) {
        ColumnData.Longs data = batch.longs(column);
        long[] values = data.values;
        boolean[] nulls = data.nulls;
        int count = selection.count();
        if (groups == null && nulls == null && selection.all() && overflowed[0] == null) {
            long sum = sums[0];
            try {
                for (int i = 0; i < count; i++) {
                    sum = Math.addExact(sum, values[i]);
                }
                sums[0] = sum;
                seen[0] |= count > 0;
                return;
            } catch (ArithmeticException e) {
                // Fall through to the row-by-row path, which handles the overflow.
            }
        }
        for (int k = 0; k < count; k++) {
            int row = selection.row(k);
            if (nulls != null && nulls[row]) {
                continue;
            }
            int group = Accumulator.groupOf(groups, k);
            seen[group] = true;
            if (overflowed[group] != null) {
                overflowed[group] = overflowed[group].add(BigInteger.valueOf(values[row]));
                continue;
            }
            long sum = sums[group];
            long next = sum + values[row];
            if (((sum ^ next) & (values[row] ^ next)) < 0) {
                if (!decimal) {
                    throw new TesseraException("SUM(" + name + ") overflows BIGINT");
                }
                overflowed[group] = BigInteger.valueOf(sum).add(BigInteger.valueOf(values[row]));
                continue;
            }
            sums[group] = next;
        }
    }

    @Override
    public void write(int group, OutputColumn out) {
        if (!seen[group]) {
            out.addNull();
        } else if (!decimal) {
            out.addLong(sums[group]);
        } else {
            BigInteger unscaled = overflowed[group] != null ? overflowed[group] : BigInteger.valueOf(sums[group]);
            BigDecimal sum = new BigDecimal(unscaled, scale);
            if (sum.precision() > MAX_PRECISION) {
                throw new TesseraException("SUM(" + name + ") overflows DECIMAL(38, " + scale + ")");
            }
            out.addText(sum.toPlainString());
        }
    }

    @Override
    public WireEncoding encoding() {
        return decimal ? WireEncoding.WIDE_DECIMAL : WireEncoding.INT;
    }
}
