package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import java.util.Arrays;

/**
 * IS NULL / IS NOT NULL of a column, or of a predicate's truth value; never NULL itself.
 *
 * <p>Threading: not thread-safe (scratch buffer).
 */
final class IsNullPredicate implements Predicate {
    private final int column;
    private final Predicate operand;
    private final boolean negated;
    private byte[] scratch = new byte[0];

    /** @param column the column to test, or -1 to test {@code operand} */
    IsNullPredicate(int column, Predicate operand, boolean negated) {
        this.column = column;
        this.operand = operand;
        this.negated = negated;
    }

    @Override
    public void evaluate(BatchView batch, byte[] out) {
        int rows = batch.rowCount();
        byte whenNull = TriState.of(!negated);
        byte otherwise = TriState.of(negated);
        if (column >= 0) {
            boolean[] nulls = nullsOf(batch);
            if (nulls == null) {
                Arrays.fill(out, 0, rows, otherwise);
                return;
            }
            for (int i = 0; i < rows; i++) {
                out[i] = nulls[i] ? whenNull : otherwise;
            }
            return;
        }
        if (scratch.length < rows) {
            scratch = new byte[rows];
        }
        operand.evaluate(batch, scratch);
        for (int i = 0; i < rows; i++) {
            out[i] = scratch[i] == TriState.NULL ? whenNull : otherwise;
        }
    }

    private boolean[] nullsOf(BatchView batch) {
        return switch (WireEncoding.of(batch.column(column))) {
            case INT -> batch.longs(column).nulls;
            case DOUBLE -> batch.doubles(column).nulls;
            case STRING -> batch.strings(column).nulls;
            case WIDE_DECIMAL -> batch.decimals(column).nulls;
        };
    }
}
