package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code DROP {DATABASE | SCHEMA} [IF EXISTS] db [FORCE]}. */
public record DropDatabaseStatement(boolean ifExists, String database, boolean force) implements Statement {
    public DropDatabaseStatement {
        Objects.requireNonNull(database, "database is null");
    }
}
