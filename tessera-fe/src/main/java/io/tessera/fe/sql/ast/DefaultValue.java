package io.tessera.fe.sql.ast;

/**
 * The keyword {@code DEFAULT} on the right of {@code SET name = DEFAULT}, or as a value of
 * {@code INSERT ... VALUES (..., DEFAULT, ...)}.
 */
public record DefaultValue() implements Expression {
}
