package io.tessera.fe.report;

import java.util.Arrays;

/** Sorted primitive long arrays for the report package's compact indexes. Stateless. */
final class SortedLongs {
    private SortedLongs() {
    }

    /** The distinct values of {@code values}, ascending, in a new array ({@code values} is untouched). */
    static long[] distinctSorted(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
    }

    /** Whether ascending {@code sorted} holds {@code value}. */
    static boolean contains(long[] sorted, long value) {
        return Arrays.binarySearch(sorted, value) >= 0;
    }
}
