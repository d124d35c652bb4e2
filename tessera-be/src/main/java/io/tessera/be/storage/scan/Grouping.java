package io.tessera.be.storage.scan;

/**
 * Assigns the selected rows of each batch to dense group numbers (0, 1, ...) by their GROUP BY
 * values, and writes a group's values into the result.
 *
 * <p>Threading: not thread-safe (one scan).
 */
interface Grouping {
    /**
     * The group of each selected row ({@code ids[k]} for the k-th selected row), creating groups as
     * needed; null when every row belongs to group 0 (no GROUP BY).
     */
    int[] assign(BatchView batch, Selection selection);

    int groupCount();

    /** Adds the group's GROUP BY values to output columns {@code 0..n-1}. */
    void writeKey(int group, ScanOutput output);
}
