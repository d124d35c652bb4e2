package io.tessera.fe.sql.ast;

/**
 * One value of a partition bound, as written: the catalog converts it to the column's type.
 *
 * @param literal  the constant ({@link Literal#NULL} for NULL; a negative number is one literal);
 *                 null exactly when {@code maxValue}
 * @param maxValue true for {@code MAXVALUE}
 */
public record PartitionValue(Literal literal, boolean maxValue) {
    public static final PartitionValue MAX_VALUE = new PartitionValue(null, true);

    public PartitionValue {
        if ((literal == null) != maxValue) {
            throw new IllegalArgumentException("a partition value is either a literal or MAXVALUE");
        }
    }

    /** A constant value: a String, Long, BigDecimal, Boolean or null (SQL NULL). */
    public static PartitionValue of(Object value) {
        return new PartitionValue(value == null ? Literal.NULL : new Literal(value), false);
    }
}
