package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code expr [NOT] BETWEEN low AND high}. */
public record BetweenExpression(Expression operand, Expression low, Expression high, boolean negated) implements Expression {
    public BetweenExpression {
        Objects.requireNonNull(operand, "operand is null");
        Objects.requireNonNull(low, "low is null");
        Objects.requireNonNull(high, "high is null");
    }
}
