package io.tessera.fe.expr;

import io.tessera.fe.result.ColumnType;
import java.math.BigDecimal;

/**
 * The runtime values of expressions and how they compare, convert and print. A value is null
 * (SQL NULL), a {@link Long}, a {@link BigDecimal}, a {@link Double}, a {@link String} or a
 * {@link Boolean}; MySQL's loose conversions apply between them. Stateless.
 */
public final class SqlValues {
    private SqlValues() {
    }

    public static boolean isNumeric(Object value) {
        return value instanceof Long || value instanceof BigDecimal || value instanceof Double
                || value instanceof Boolean;
    }

    /** MySQL's number conversion: a string's leading number, or 0. Null stays null. */
    public static BigDecimal toDecimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        String text = value.toString().strip();
        int end = 0;
        while (end < text.length() && (Character.isDigit(text.charAt(end))
                || (end == 0 && (text.charAt(0) == '-' || text.charAt(0) == '+'))
                || (text.charAt(end) == '.' && text.indexOf('.') == end))) {
            end++;
        }
        try {
            return new BigDecimal(text.substring(0, end));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** SQL truth: NULL and zero are false. */
    public static boolean isTrue(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return toDecimal(value).signum() != 0;
    }

    /** Compares two non-null values: numerically when either side is a number, else as strings. */
    public static int compare(Object left, Object right) {
        if (isNumeric(left) || isNumeric(right)) {
            return toDecimal(left).compareTo(toDecimal(right));
        }
        return left.toString().compareTo(right.toString());
    }

    /** The text the protocol sends for a value; null stays null (SQL NULL). */
    public static String toText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return value.toString();
    }

    /**
     * A typed column value (see {@code ColumnValues}) as an expression value: DATE and DATETIME
     * become their MySQL text, which compares and sorts correctly; numbers, strings and booleans
     * stay as they are.
     */
    public static Object fromColumnValue(Object typed) {
        if (typed instanceof java.time.LocalDate date) {
            return date.toString();
        }
        if (typed instanceof java.time.LocalDateTime time) {
            return DATE_TIME.format(time);
        }
        return typed;
    }

    private static final java.time.format.DateTimeFormatter DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The result-set column type for a value. */
    public static ColumnType columnType(Object value) {
        if (value instanceof Long || value instanceof Boolean) {
            return ColumnType.BIGINT;
        }
        if (value instanceof BigDecimal) {
            return ColumnType.DECIMAL;
        }
        if (value instanceof Double) {
            return ColumnType.DOUBLE;
        }
        return ColumnType.VARCHAR;
    }
}
