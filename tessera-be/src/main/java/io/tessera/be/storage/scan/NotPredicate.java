package io.tessera.be.storage.scan;

/** NOT of a predicate: TRUE and FALSE swap, NULL stays NULL. Not thread-safe (its operand may not be). */
record NotPredicate(Predicate operand) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        operand.evaluate(batch, out);
        TriState.not(out, batch.rowCount());
    }
}
