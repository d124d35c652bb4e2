package io.tessera.fe.sql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] [db.]t (column, ...) [ENGINE = olap] [DUPLICATE KEY (cols)]
 * [COMMENT 'text'] [PARTITION BY ...] [DISTRIBUTED BY ...] [PROPERTIES (...)]}. Only what was
 * written: the catalog applies Doris's defaults (key columns, RANDOM BUCKETS AUTO, ...).
 *
 * @param engine       the engine name lower-cased; null when not written
 * @param keys         null when no KEY clause was written
 * @param comment      the table comment; null when not written
 * @param partitioning null for an unpartitioned table
 * @param distribution null when DISTRIBUTED BY was not written
 * @param properties   the pairs in the order written (a repeated key keeps its last value); empty when absent
 */
public record CreateTableStatement(
        boolean ifNotExists,
        TableName table,
        List<ColumnDefinition> columns,
        String engine,
        KeysDescription keys,
        String comment,
        PartitionDescription partitioning,
        DistributionDescription distribution,
        Map<String, String> properties) implements Statement {
    public CreateTableStatement {
        Objects.requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
