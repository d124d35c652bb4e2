package io.tessera.be.storage.scan;

/** {@code column LIKE 'pattern'} over a string column; NULL values give NULL. Immutable. */
record LikePredicate(int column, LikePattern pattern) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        ColumnData.Strings data = batch.strings(column);
        int rows = batch.rowCount();
        for (int i = 0; i < rows; i++) {
            out[i] = TriState.of(pattern.matches(data.data, data.start(i), data.end(i)));
        }
        TriState.applyNulls(data.nulls, out, rows);
    }
}
