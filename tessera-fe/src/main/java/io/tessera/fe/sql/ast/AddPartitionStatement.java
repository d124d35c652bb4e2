package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * {@code ALTER TABLE [db.]t ADD PARTITION [IF NOT EXISTS] p VALUES ... [("k" = "v")] [DISTRIBUTED BY ...]}.
 *
 * @param distribution null when not written (the table's distribution applies)
 */
public record AddPartitionStatement(TableName table, PartitionDefinition partition,
        DistributionDescription distribution) implements Statement {
    public AddPartitionStatement {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(partition, "partition is null");
    }
}
