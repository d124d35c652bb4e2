package io.tessera.be.storage.scan;

import java.util.List;

/**
 * AND or OR of two or more predicates, with SQL's NULL rules. Stops evaluating the remaining
 * operands once every row is decided (all FALSE for AND, all TRUE for OR).
 *
 * <p>Threading: not thread-safe (scratch buffer).
 */
final class LogicalPredicate implements Predicate {
    private final boolean and;
    private final List<Predicate> operands;
    private byte[] scratch = new byte[0];

    LogicalPredicate(boolean and, List<Predicate> operands) {
        this.and = and;
        this.operands = List.copyOf(operands);
    }

    @Override
    public void evaluate(BatchView batch, byte[] out) {
        int rows = batch.rowCount();
        operands.get(0).evaluate(batch, out);
        if (scratch.length < rows) {
            scratch = new byte[rows];
        }
        for (int i = 1; i < operands.size(); i++) {
            if (TriState.all(out, rows, and ? TriState.FALSE : TriState.TRUE)) {
                return;
            }
            operands.get(i).evaluate(batch, scratch);
            if (and) {
                TriState.and(out, scratch, rows);
            } else {
                TriState.or(out, scratch, rows);
            }
        }
    }
}
