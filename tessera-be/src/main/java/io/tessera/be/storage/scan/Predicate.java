package io.tessera.be.storage.scan;

/**
 * A compiled filter (or part of one) evaluated a whole record batch at a time: it writes one
 * {@link TriState} per row. Nodes keep scratch buffers, so one compiled tree belongs to one scan.
 *
 * <p>Threading: not thread-safe.
 */
interface Predicate {
    /** Writes the truth value of rows {@code 0..batch.rowCount()-1} into {@code out}. */
    void evaluate(BatchView batch, byte[] out);
}
