package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code left op right}. */
public record BinaryOperation(BinaryOperator operator, Expression left, Expression right) implements Expression {
    public BinaryOperation {
        Objects.requireNonNull(operator, "operator is null");
        Objects.requireNonNull(left, "left is null");
        Objects.requireNonNull(right, "right is null");
    }
}
