package io.tessera.be.storage.scan;

/**
 * SQL's three truth values, one byte per row: {@link #FALSE} 0, {@link #TRUE} 1, {@link #NULL} 2
 * (unknown). A row passes a filter only when it is TRUE. Stateless.
 */
final class TriState {
    static final byte FALSE = 0;
    static final byte TRUE = 1;
    static final byte NULL = 2;

    private static final byte[] AND = {
        FALSE, FALSE, FALSE,
        FALSE, TRUE, NULL,
        FALSE, NULL, NULL};
    private static final byte[] OR = {
        FALSE, TRUE, NULL,
        TRUE, TRUE, TRUE,
        NULL, TRUE, NULL};
    private static final byte[] NOT = {TRUE, FALSE, NULL};

    private TriState() {
    }

    static byte of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** {@code into[i] = into[i] AND other[i]} for the first {@code rows} rows. */
    static void and(byte[] into, byte[] other, int rows) {
        for (int i = 0; i < rows; i++) {
            into[i] = AND[into[i] * 3 + other[i]];
        }
    }

    /** {@code into[i] = into[i] OR other[i]} for the first {@code rows} rows. */
    static void or(byte[] into, byte[] other, int rows) {
        for (int i = 0; i < rows; i++) {
            into[i] = OR[into[i] * 3 + other[i]];
        }
    }

    static void not(byte[] values, int rows) {
        for (int i = 0; i < rows; i++) {
            values[i] = NOT[values[i]];
        }
    }

    /** Sets rows whose flag is set to NULL; {@code nulls} may be null (no nulls). */
    static void applyNulls(boolean[] nulls, byte[] values, int rows) {
        if (nulls == null) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            if (nulls[i]) {
                values[i] = NULL;
            }
        }
    }

    /** True when each of the first {@code rows} values is {@code value}. */
    static boolean all(byte[] values, int rows, byte value) {
        for (int i = 0; i < rows; i++) {
            if (values[i] != value) {
                return false;
            }
        }
        return true;
    }
}
