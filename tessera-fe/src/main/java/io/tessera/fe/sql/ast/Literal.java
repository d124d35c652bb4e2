package io.tessera.fe.sql.ast;

/**
 * A constant: {@code null} (SQL NULL), a {@link Long} (integer literal that fits), a
 * {@link java.math.BigDecimal} (other numbers, e.g. {@code 1.5}, {@code 1e3}, huge integers),
 * a {@link String} (quotes removed, escapes resolved, adjacent literals concatenated), or a
 * {@link Boolean} (TRUE/FALSE).
 */
public record Literal(Object value) implements Expression {
    public static final Literal NULL = new Literal(null);
}
