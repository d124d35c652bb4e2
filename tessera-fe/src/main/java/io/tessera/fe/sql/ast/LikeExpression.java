package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code expr [NOT] LIKE pattern}. */
public record LikeExpression(Expression operand, Expression pattern, boolean negated) implements Expression {
    public LikeExpression {
        Objects.requireNonNull(operand, "operand is null");
        Objects.requireNonNull(pattern, "pattern is null");
    }
}
