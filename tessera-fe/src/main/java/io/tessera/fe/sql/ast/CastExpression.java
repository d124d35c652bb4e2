package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * {@code CAST(expr AS type)}. The typed literals {@code DATE 'yyyy-MM-dd'} and
 * {@code TIMESTAMP 'yyyy-MM-dd HH:mm:ss'} are parsed as casts of the string literal to
 * {@code DATE} and {@code DATETIME}.
 */
public record CastExpression(Expression operand, TypeDefinition type) implements Expression {
    public CastExpression {
        Objects.requireNonNull(operand, "operand is null");
        Objects.requireNonNull(type, "type is null");
    }
}
