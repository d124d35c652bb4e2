package io.tessera.fe.sql.ast;

/** {@code SHOW WARNINGS}, or {@code SHOW ERRORS} ({@code errorsOnly}), which shares the shape. */
public record ShowWarningsStatement(boolean errorsOnly) implements Statement {
}
