package io.tessera.be.storage.scan;

/** A BOOLEAN (or integer) column used as a condition: TRUE when non-zero, NULL when NULL. Immutable. */
record TruthPredicate(int column) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        ColumnData.Longs data = batch.longs(column);
        int rows = batch.rowCount();
        long[] values = data.values;
        for (int i = 0; i < rows; i++) {
            out[i] = TriState.of(values[i] != 0);
        }
        TriState.applyNulls(data.nulls, out, rows);
    }
}
