package io.tessera.be.storage.tablet;

import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;

/**
 * Which repeated field of a {@code ColumnVector} (data.proto) carries a column's values, and so
 * which Java representation the BE works with: {@code long} for {@link #INT}, {@code double} for
 * {@link #DOUBLE}, UTF-8 bytes for {@link #STRING}, and {@code BigDecimal} (sent as plain text) for
 * {@link #WIDE_DECIMAL}. Stateless.
 */
public enum WireEncoding {
    /** BOOLEAN (0/1), TINYINT..BIGINT, DATE (days), DATETIME (micros), DECIMAL p &lt;= 18 (unscaled). */
    INT,
    /** FLOAT, DOUBLE. */
    DOUBLE,
    /** CHAR, VARCHAR, STRING. */
    STRING,
    /** DECIMAL with precision above 18, as plain decimal text. */
    WIDE_DECIMAL;

    /** The widest DECIMAL precision whose unscaled values fit a {@code long}. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;

    public static WireEncoding of(ColumnSchema column) {
        return of(column.getType(), column.getPrecision());
    }

    public static WireEncoding of(DataType type, int precision) {
        return switch (type) {
            case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, DATE, DATETIME -> INT;
            case FLOAT, DOUBLE -> DOUBLE;
            case CHAR, VARCHAR, STRING -> STRING;
            case DECIMAL -> precision <= MAX_LONG_DECIMAL_PRECISION ? INT : WIDE_DECIMAL;
            default -> throw new IllegalArgumentException("no encoding for type " + type);
        };
    }
}
