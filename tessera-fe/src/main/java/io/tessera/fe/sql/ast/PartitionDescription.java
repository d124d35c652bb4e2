package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code PARTITION BY RANGE (cols) (partitions)} or {@code PARTITION BY LIST (cols) (partitions)}.
 *
 * @param columns    the partition columns as written
 * @param partitions the partitions in the order written; may be empty ({@code PARTITION BY RANGE (k) ()})
 */
public record PartitionDescription(PartitionType type, List<String> columns, List<PartitionDefinition> partitions) {
    public PartitionDescription {
        Objects.requireNonNull(type, "type is null");
        columns = List.copyOf(columns);
        partitions = List.copyOf(partitions);
    }
}
