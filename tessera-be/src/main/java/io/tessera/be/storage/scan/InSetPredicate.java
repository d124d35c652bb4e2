package io.tessera.be.storage.scan;

import java.util.Arrays;

/**
 * {@code column IN (many literals)} with a sorted set: binary search of an INT-encoded column's
 * values among {@code longs}, or of a string column's UTF-8 bytes among {@code strings}. With SQL's
 * rules: a NULL value gives NULL; a value not found gives NULL when the list holds a NULL, else
 * FALSE. (Short lists compile to ORs of comparisons instead.) Immutable.
 *
 * @param longs   sorted values for an INT-encoded column, or null
 * @param strings values sorted as unsigned bytes for a string column, or null
 */
record InSetPredicate(int column, long[] longs, byte[][] strings, boolean listHasNull) implements Predicate {
    @Override
    public void evaluate(BatchView batch, byte[] out) {
        int rows = batch.rowCount();
        byte notFound = listHasNull ? TriState.NULL : TriState.FALSE;
        boolean[] nulls;
        if (longs != null) {
            ColumnData.Longs data = batch.longs(column);
            long[] values = data.values;
            for (int i = 0; i < rows; i++) {
                out[i] = Arrays.binarySearch(longs, values[i]) >= 0 ? TriState.TRUE : notFound;
            }
            nulls = data.nulls;
        } else {
            ColumnData.Strings data = batch.strings(column);
            for (int i = 0; i < rows; i++) {
                out[i] = contains(data, i) ? TriState.TRUE : notFound;
            }
            nulls = data.nulls;
        }
        TriState.applyNulls(nulls, out, rows);
    }

    private boolean contains(ColumnData.Strings data, int row) {
        int low = 0;
        int high = strings.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            byte[] candidate = strings[middle];
            int comparison = Arrays.compareUnsigned(candidate, 0, candidate.length, data.data, data.start(row),
                    data.end(row));
            if (comparison < 0) {
                low = middle + 1;
            } else if (comparison > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
