package io.tessera.fe.sql.ast;

/** {@code SHOW CREATE {DATABASE | SCHEMA} db}. */
public record ShowCreateDatabaseStatement(String database) implements Statement {
}
