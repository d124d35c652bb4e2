package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code ALTER TABLE [db.]t DROP PARTITION [IF EXISTS] p [FORCE]}. */
public record DropPartitionStatement(TableName table, boolean ifExists, String partition, boolean force)
        implements Statement {
    public DropPartitionStatement {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(partition, "partition is null");
    }
}
