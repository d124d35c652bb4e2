package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import java.math.BigDecimal;
import java.util.Arrays;

/** SUM of a DECIMAL column with precision above 18: DECIMAL(38, scale) as plain text. */
final class SumWideDecimalAccumulator implements Accumulator {
    private static final int MAX_PRECISION = 38;

    private final int column;
    private final String name;
    private final int scale;
    private BigDecimal[] sums = new BigDecimal[0];

    SumWideDecimalAccumulator(int column, String name, int scale) {
        this.column = column;
        this.name = name;
        this.scale = scale;
    }

    @Override
    public void grow(int groupCount) {
        if (sums.length < groupCount) {
            sums = Arrays.copyOf(sums, Accumulator.grownCapacity(sums.length, groupCount));
        }
    }

    @Override
    public void add(BatchView batch, Selection selection, int[] groups) {
        ColumnData.Decimals data = batch.decimals(column);
        int count = selection.count();
        for (int k = 0; k < count; k++) {
            int row = selection.row(k);
            if (!data.isNull(row)) {
                int group = Accumulator.groupOf(groups, k);
                sums[group] = sums[group] == null ? data.values[row] : sums[group].add(data.values[row]);
            }
        }
    }

    @Override
    public void write(int group, OutputColumn out) {
        if (sums[group] == null) {
            out.addNull();
            return;
        }
        BigDecimal sum = sums[group].setScale(scale);
        if (sum.precision() > MAX_PRECISION) {
            throw new TesseraException("SUM(" + name + ") overflows DECIMAL(38, " + scale + ")");
        }
        out.addText(sum.toPlainString());
    }

    @Override
    public WireEncoding encoding() {
        return WireEncoding.WIDE_DECIMAL;
    }
}
