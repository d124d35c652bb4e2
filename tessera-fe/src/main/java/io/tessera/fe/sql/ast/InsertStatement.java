package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code INSERT INTO [db.]t [PARTITION (p, ...)] [WITH LABEL label] [(c1, ...)] VALUES (...), ...}
 * or {@code ... SELECT ...}. Exactly one of {@code rows} (non-empty) and {@code query} (non-null)
 * is the source.
 *
 * @param partitions the target partitions as written; empty when not written
 * @param label      the label as written; null when not written
 * @param columns    the target columns as written; empty when not written (all columns, in order)
 * @param rows       the VALUES rows: literals, simple expressions, {@link DefaultValue} for DEFAULT;
 *                   empty for INSERT ... SELECT
 * @param query      the SELECT source; null for INSERT ... VALUES
 */
public record InsertStatement(TableName table, List<String> partitions, String label, List<String> columns,
        List<List<Expression>> rows, SelectStatement query) implements Statement {
    public InsertStatement {
        Objects.requireNonNull(table, "table is null");
        partitions = List.copyOf(partitions);
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        if (rows.isEmpty() == (query == null)) {
            throw new IllegalArgumentException("an INSERT has either VALUES rows or a query");
        }
    }
}
