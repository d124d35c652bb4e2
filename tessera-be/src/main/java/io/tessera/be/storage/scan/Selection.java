package io.tessera.be.storage.scan;

/**
 * The rows of the current record batch that passed the filter: either all {@code count} rows, or
 * the row numbers in {@link #rows()} (ascending). Reused batch after batch by one scan.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class Selection {
    private int[] rows = new int[0];
    private int count;
    private boolean all;

    /** Selects every one of {@code rowCount} rows. */
    void selectAll(int rowCount) {
        all = true;
        count = rowCount;
    }

    /** Selects the rows whose state is TRUE. */
    void selectTrue(byte[] states, int rowCount) {
        all = false;
        if (rows.length < rowCount) {
            rows = new int[rowCount];
        }
        int selected = 0;
        for (int i = 0; i < rowCount; i++) {
            rows[selected] = i;
            selected += states[i] == TriState.TRUE ? 1 : 0;
        }
        count = selected;
    }

    /** Keeps only the first {@code limit} selected rows. */
    void truncate(int limit) {
        count = Math.min(count, limit);
    }

    boolean all() {
        return all;
    }

    int count() {
        return count;
    }

    /** The k-th selected row. */
    int row(int k) {
        return all ? k : rows[k];
    }

    /** The selected row numbers when not {@link #all()}; only the first {@link #count()} are valid. */
    int[] rows() {
        return rows;
    }
}
