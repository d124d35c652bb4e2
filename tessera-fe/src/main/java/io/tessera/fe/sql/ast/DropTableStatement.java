package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code DROP TABLE [IF EXISTS] [db.]t [FORCE]}. */
public record DropTableStatement(boolean ifExists, TableName table, boolean force) implements Statement {
    public DropTableStatement {
        Objects.requireNonNull(table, "table is null");
    }
}
