package io.tessera.fe.sql.ast;

import java.util.Objects;

/** Unary minus {@code -expr} (a minus directly before a numeric literal may fold into the literal). */
public record NegateExpression(Expression operand) implements Expression {
    public NegateExpression {
        Objects.requireNonNull(operand, "operand is null");
    }
}
