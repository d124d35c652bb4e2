package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code expr IS [NOT] NULL}. */
public record IsNullExpression(Expression operand, boolean negated) implements Expression {
    public IsNullExpression {
        Objects.requireNonNull(operand, "operand is null");
    }
}
