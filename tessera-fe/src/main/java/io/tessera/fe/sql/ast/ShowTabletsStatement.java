package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code SHOW TABLETS FROM [db.]t [PARTITION (p1, p2)]}.
 *
 * @param partitions the partition names as written; empty when no PARTITION clause (all partitions)
 */
public record ShowTabletsStatement(TableName table, List<String> partitions) implements Statement {
    public ShowTabletsStatement {
        Objects.requireNonNull(table, "table is null");
        partitions = List.copyOf(partitions);
    }
}
