package io.tessera.be.storage.scan;

import java.util.Arrays;

/** The same truth value for every row (a predicate over literals only). Immutable. */
record ConstantPredicate(byte value) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        Arrays.fill(out, 0, batch.rowCount(), value);
    }
}
