package io.tessera.fe.sql.ast;

/** {@code SHOW ENGINES}. */
public record ShowEnginesStatement() implements Statement {
}
