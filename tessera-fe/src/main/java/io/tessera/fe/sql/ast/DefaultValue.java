package io.tessera.fe.sql.ast;

/** The keyword {@code DEFAULT} on the right of {@code SET name = DEFAULT}. */
public record DefaultValue() implements Expression {
}
