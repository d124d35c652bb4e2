package io.tessera.data;

import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Converts SQL values into a column's type, with the checks a load must pass (NULL into NOT NULL,
 * integer ranges, DECIMAL digits, string lengths, date formats), and prints typed values as
 * MySQL clients expect them. Canonical Java values per type: BOOLEAN {@link Boolean}; TINYINT to
 * BIGINT {@link Long}; FLOAT and DOUBLE {@link Double}; DECIMAL {@link BigDecimal} at the column's
 * scale; DATE {@link LocalDate}; DATETIME {@link LocalDateTime}; CHAR, VARCHAR, STRING
 * {@link String}. Stateless.
 */
public final class ColumnValues {
    /** Doris's default maximum for a STRING value (string_type_length_soft_limit_bytes). */
    public static final int STRING_MAX_BYTES = 1024 * 1024;
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ HH:mm:ss]")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ColumnValues() {
    }

    /**
     * The value converted to the column's type; throws a {@link TesseraException} naming the
     * column when it does not fit.
     */
    public static Object coerce(ColumnSchema column, Object value) {
        if (value == null) {
            if (!column.getNullable()) {
                throw new TesseraException("Column '" + column.getName() + "' is NOT NULL: it cannot take NULL");
            }
            return null;
        }
        try {
            return switch (column.getType()) {
                case BOOLEAN -> toBoolean(column, value);
                case TINYINT -> integer(column, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case SMALLINT -> integer(column, value, Short.MIN_VALUE, Short.MAX_VALUE);
                case INT -> integer(column, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT -> integer(column, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case FLOAT, DOUBLE -> toDouble(column, value);
                case DECIMAL -> decimal(column, value);
                case DATE -> inRange(column, value,
                        value instanceof LocalDate date ? date : LocalDate.from(parseDateTime(column, value)));
                case DATETIME -> inRange(column, value,
                        value instanceof LocalDateTime time ? time : parseDateTime(column, value));
                case CHAR, VARCHAR -> string(column, value, column.getLength());
                case STRING -> string(column, value, -1);
                case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED ->
                        throw new IllegalStateException("column " + column.getName() + " has no type");
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(column, value);
        }
    }

    /** How a typed value prints in a result set (null stays null). */
    public static String display(ColumnSchema column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.getType()) {
            case BOOLEAN -> ((Boolean) value) ? "1" : "0";
            case DECIMAL -> ((BigDecimal) value).setScale(column.getScale(), RoundingMode.HALF_UP).toPlainString();
            case DATETIME -> DATE_TIME_OUT.format((LocalDateTime) value);
            case FLOAT -> displayDouble((Double) value, true);
            case DOUBLE -> displayDouble((Double) value, false);
            default -> value.toString();
        };
    }

    private static String displayDouble(double value, boolean single) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return single ? Float.toString((float) value) : Double.toString(value);
    }

    private static Boolean toBoolean(ColumnSchema column, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        switch (text) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> throw invalid(column, value);
        }
    }

    private static Long integer(ColumnSchema column, Object value, long min, long max) {
        if (value instanceof String text && isPlainInteger(text)) {
            // The common case of a load (a plain decimal integer) without a BigDecimal: the same
            // value and the same range check as below.
            long number = Long.parseLong(text);
            if (number < min || number > max) {
                throw new TesseraException("Value " + value + " is out of range for column '" + column.getName()
                        + "' (" + column.getType() + ")");
            }
            return number;
        }
        BigDecimal number = toDecimal(column, value);
        if (number.stripTrailingZeros().scale() > 0) {
            number = number.setScale(0, RoundingMode.HALF_UP);
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new TesseraException("Value " + value + " is out of range for column '" + column.getName() + "' ("
                    + column.getType() + ")");
        }
        return number.longValueExact();
    }

    private static BigDecimal decimal(ColumnSchema column, Object value) {
        BigDecimal number = toDecimal(column, value).setScale(column.getScale(), RoundingMode.HALF_UP);
        if (number.precision() - number.scale() > column.getPrecision() - column.getScale()) {
            throw new TesseraException("Value " + value + " is out of range for column '" + column.getName()
                    + "' (DECIMAL(" + column.getPrecision() + ", " + column.getScale() + "))");
        }
        return number;
    }

    /**
     * A FLOAT or DOUBLE value: {@code toDecimal(...).doubleValue()}, with a plain decimal text
     * ({@code -12.5}) parsed directly, which rounds the same (both round correctly to the nearest
     * double) without making a BigDecimal; zero stays positive, as BigDecimal has no -0.
     */
    private static double toDouble(ColumnSchema column, Object value) {
        if (value instanceof String text && isPlainDecimal(text)) {
            double number = Double.parseDouble(text);
            return number == 0 ? 0.0 : number;
        }
        return toDecimal(column, value).doubleValue();
    }

    /** An optional sign and 1 to 18 digits: fits a long, means what BigDecimal would read. */
    private static boolean isPlainInteger(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** An optional sign, digits with at most one '.', at least one digit, at most 30 characters. */
    private static boolean isPlainDecimal(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (text.length() > 30) {
            return false;
        }
        boolean digit = false;
        boolean dot = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static BigDecimal toDecimal(ColumnSchema column, Object value) {
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw invalid(column, value);
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(column, value);
        }
    }

    /** The first and last year a DATE or DATETIME holds, as in Doris (0000-01-01 .. 9999-12-31). */
    public static final int MIN_YEAR = 0;
    public static final int MAX_YEAR = 9999;

    private static <T extends java.time.temporal.TemporalAccessor> T inRange(ColumnSchema column, Object value,
                                                                          T typed) {
        int year = typed.get(ChronoField.YEAR);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw invalid(column, value);
        }
        return typed;
    }

    private static LocalDateTime parseDateTime(ColumnSchema column, Object value) {
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        try {
            return LocalDateTime.parse(value.toString().strip(), DATE_TIME);
        } catch (DateTimeParseException e) {
            throw invalid(column, value);
        }
    }

    private static String string(ColumnSchema column, Object value, int maxCharacters) {
        String text = value instanceof Boolean b ? (b ? "1" : "0")
                : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (maxCharacters >= 0 && text.codePointCount(0, text.length()) > maxCharacters) {
            throw new TesseraException("Value '" + abbreviate(text) + "' is too long for column '" + column.getName()
                    + "' (" + column.getType() + "(" + maxCharacters + "))");
        }
        if (maxCharacters < 0 && text.length() * 3L > STRING_MAX_BYTES
                && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > STRING_MAX_BYTES) {
            throw new TesseraException("Value is too long for column '" + column.getName() + "' (STRING, at most "
                    + STRING_MAX_BYTES + " bytes)");
        }
        return text;
    }

    private static TesseraException invalid(ColumnSchema column, Object value) {
        return new TesseraException("Invalid value '" + abbreviate(String.valueOf(value)) + "' for column '"
                + column.getName() + "' (" + typeName(column) + ")");
    }

    /** {@code DECIMAL(10, 2)}, {@code VARCHAR(20)}, {@code INT}. */
    public static String typeName(ColumnSchema column) {
        return switch (column.getType()) {
            case DECIMAL -> "DECIMAL(" + column.getPrecision() + ", " + column.getScale() + ")";
            case CHAR, VARCHAR -> column.getType() + "(" + column.getLength() + ")";
            default -> column.getType().name();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    /** True for types whose values the protocol sends as numbers. */
    public static boolean isNumeric(DataType type) {
        return switch (type) {
            case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }
}
