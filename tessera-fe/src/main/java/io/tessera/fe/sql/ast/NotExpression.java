package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code NOT expr} (also {@code !expr}). */
public record NotExpression(Expression operand) implements Expression {
    public NotExpression {
        Objects.requireNonNull(operand, "operand is null");
    }
}
