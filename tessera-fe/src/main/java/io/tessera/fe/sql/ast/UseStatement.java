package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code USE db} or {@code USE catalog.db}; catalog is null when not written. */
public record UseStatement(String catalog, String database) implements Statement {
    public UseStatement {
        Objects.requireNonNull(database, "database is null");
    }
}
