package io.tessera.be.storage.scan;

/**
 * {@code column op literal} for an INT-encoded column (integers, dates, datetimes, narrow
 * decimals) and a literal already in the column's representation: one tight loop per operator.
 * Immutable.
 */
record CompareLongPredicate(int column, CompareOp op, long literal) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        ColumnData.Longs data = batch.longs(column);
        long[] values = data.values;
        int rows = batch.rowCount();
        long value = literal;
        switch (op) {
            case EQ -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = TriState.of(values[i] == value);
                }
            }
            case NE -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = TriState.of(values[i] != value);
                }
            }
            case LT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = TriState.of(values[i] < value);
                }
            }
            case LE -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = TriState.of(values[i] <= value);
                }
            }
            case GT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = TriState.of(values[i] > value);
                }
            }
            case GE -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = TriState.of(values[i] >= value);
                }
            }
            default -> throw new IllegalStateException("operator " + op);
        }
        TriState.applyNulls(data.nulls, out, rows);
    }
}
