package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;

/**
 * One aggregate function's partial state for every group of a scan.
 *
 * <p>Threading: not thread-safe (one scan).
 */
interface Accumulator {
    /** Makes room for groups {@code 0..groupCount-1}. */
    void grow(int groupCount);

    /**
     * Folds in the selected rows of a batch.
     *
     * @param groups the group of each selected row, or null when all are group 0
     */
    void add(BatchView batch, Selection selection, int[] groups);

    /** Writes the group's result (data.proto's encoding of {@link #encoding()}). */
    void write(int group, OutputColumn out);

    /** Which field of the result column holds the values. */
    WireEncoding encoding();

    /** The group of the k-th selected row. */
    static int groupOf(int[] groups, int k) {
        return groups == null ? 0 : groups[k];
    }

    /** A capacity of at least {@code needed}, doubling from {@code current}. */
    static int grownCapacity(int current, int needed) {
        int capacity = Math.max(current, 16);
        while (capacity < needed) {
            capacity *= 2;
        }
        return capacity;
    }
}
