package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code SHOW CREATE TABLE [db.]t}. */
public record ShowCreateTableStatement(TableName table) implements Statement {
    public ShowCreateTableStatement {
        Objects.requireNonNull(table, "table is null");
    }
}
