package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code [ADMIN] SHOW REPLICA DISTRIBUTION FROM [db.]t [PARTITION (p, ...)]}; partitions empty when not written. */
public record ShowReplicaDistributionStatement(TableName table, List<String> partitions) implements Statement {
    public ShowReplicaDistributionStatement {
        Objects.requireNonNull(table, "table is null");
        partitions = List.copyOf(partitions);
    }
}
