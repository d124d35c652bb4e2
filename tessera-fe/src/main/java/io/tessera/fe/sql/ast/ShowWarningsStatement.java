package io.tessera.fe.sql.ast;

/** {@code SHOW WARNINGS} (and {@code SHOW ERRORS}, which shares the shape). */
public record ShowWarningsStatement() implements Statement {
}
