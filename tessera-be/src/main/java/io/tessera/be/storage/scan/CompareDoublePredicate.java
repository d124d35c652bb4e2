package io.tessera.be.storage.scan;

/**
 * {@code column op literal} for a FLOAT or DOUBLE column and a numeric literal (as a double): one
 * tight loop per operator. A FLOAT column compares its value widened to double.
 * Immutable.
 */
record CompareDoublePredicate(int column, CompareOp op, double literal) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        ColumnData.Doubles data = batch.doubles(column);
        double[] values = data.values;
        int rows = batch.rowCount();
        double value = literal;
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
