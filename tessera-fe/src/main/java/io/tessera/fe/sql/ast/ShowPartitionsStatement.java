package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code SHOW PARTITIONS FROM [db.]t}. */
public record ShowPartitionsStatement(TableName table) implements Statement {
    public ShowPartitionsStatement {
        Objects.requireNonNull(table, "table is null");
    }
}
