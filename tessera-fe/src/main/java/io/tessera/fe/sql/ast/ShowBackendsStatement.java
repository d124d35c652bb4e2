package io.tessera.fe.sql.ast;

/** {@code SHOW BACKENDS}. */
public record ShowBackendsStatement() implements Statement {
}
