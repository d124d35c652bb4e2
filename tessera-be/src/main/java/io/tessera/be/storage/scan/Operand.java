package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.ColumnTypes;
import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Literal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A value-producing leaf of a filter: a column of the tablet or a typed literal, with what it takes
 * to read either as a number, a string or a time. Immutable.
 *
 * @param column  the column index, or -1 for a literal
 * @param type    the SQL type
 * @param scale   the DECIMAL scale (0 for other types)
 * @param literal the literal, or null for a column
 * @param schema  the column's schema, or null for a literal
 */
record Operand(int column, DataType type, int precision, int scale, Literal literal, ColumnSchema schema) {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    static Operand column(int index, ColumnSchema schema) {
        return new Operand(index, schema.getType(), schema.getPrecision(),
                schema.getType() == DataType.DECIMAL ? schema.getScale() : 0, null, schema);
    }

    static Operand literal(Literal literal) {
        if (literal.getType() == DataType.DATA_TYPE_UNSPECIFIED && !literal.getIsNull()) {
            throw new TesseraException("a literal in the filter has no type");
        }
        return new Operand(-1, literal.getType(), literal.getPrecision(),
                literal.getType() == DataType.DECIMAL ? literal.getScale() : 0, literal, null);
    }

    boolean isColumn() {
        return column >= 0;
    }

    boolean isNullLiteral() {
        return literal != null && literal.getIsNull();
    }

    /** How values of this operand compare with others. */
    Family family() {
        return switch (type) {
            case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, DECIMAL -> Family.EXACT;
            case FLOAT, DOUBLE -> Family.APPROXIMATE;
            case DATE, DATETIME -> Family.TEMPORAL;
            case CHAR, VARCHAR, STRING -> Family.STRING;
            // A NULL literal without a type compares with anything (the result is NULL anyway).
            default -> Family.ANY;
        };
    }

    /** The column's encoding (columns only). */
    WireEncoding encoding() {
        return WireEncoding.of(type, precision);
    }

    String describe() {
        if (isColumn()) {
            return "column " + schema.getName() + " (" + ColumnTypes.describe(schema) + ")";
        }
        return literal.getIsNull() ? "NULL" : type + " literal";
    }

    // ---- Literal values (literal operands only) ----

    /** The literal as an exact number (EXACT family). */
    BigDecimal exactLiteral() {
        if (type == DataType.DECIMAL) {
            return literal.getStringValue().isEmpty() ? BigDecimal.valueOf(literal.getIntValue(), scale)
                    : new BigDecimal(literal.getStringValue());
        }
        return BigDecimal.valueOf(literal.getIntValue());
    }

    /** The literal as a double (any numeric family). */
    double doubleLiteral() {
        return family() == Family.APPROXIMATE ? literal.getDoubleValue() : exactLiteral().doubleValue();
    }

    /** The literal's UTF-8 bytes (STRING family). */
    byte[] bytesLiteral() {
        return literal.getStringValue().getBytes(StandardCharsets.UTF_8);
    }

    /** The literal as microseconds since the epoch (TEMPORAL family). */
    long microsLiteral() {
        return type == DataType.DATE ? literal.getIntValue() * MICROS_PER_DAY : literal.getIntValue();
    }

    /** The column's value at a row as microseconds (TEMPORAL family, INT-encoded). */
    long micros(long raw) {
        return type == DataType.DATE ? raw * MICROS_PER_DAY : raw;
    }

    /** How operands compare with one another. */
    enum Family { EXACT, APPROXIMATE, TEMPORAL, STRING, ANY }
}
