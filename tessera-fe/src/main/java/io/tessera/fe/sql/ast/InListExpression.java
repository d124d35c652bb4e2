package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code expr [NOT] IN (v1, v2, ...)}. */
public record InListExpression(Expression operand, List<Expression> values, boolean negated) implements Expression {
    public InListExpression {
        Objects.requireNonNull(operand, "operand is null");
        values = List.copyOf(values);
    }
}
