package io.tessera.be.storage.scan;

/**
 * {@code column op 'literal'} for a CHAR, VARCHAR or STRING column: UTF-8 bytes compared unsigned,
 * which orders by code point (binary collation, as Doris). Immutable.
 */
record CompareStringPredicate(int column, CompareOp op, byte[] literal) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        ColumnData.Strings data = batch.strings(column);
        int rows = batch.rowCount();
        if (op == CompareOp.EQ || op == CompareOp.NE) {
            boolean equal = op == CompareOp.EQ;
            for (int i = 0; i < rows; i++) {
                out[i] = TriState.of(data.equalsBytes(i, literal) == equal);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                out[i] = TriState.of(op.test(data.compare(i, literal)));
            }
        }
        TriState.applyNulls(data.nulls, out, rows);
    }
}
