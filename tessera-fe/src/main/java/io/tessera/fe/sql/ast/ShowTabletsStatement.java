package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code SHOW TABLETS FROM [db.]t [PARTITION (p1, p2)] [WHERE ...] [ORDER BY ...] [LIMIT [offset,] n]}.
 *
 * @param partitions the partition names as written; empty when no PARTITION clause (all partitions)
 * @param where      the filter as written (Doris allows only AND-ed {@code Version}, {@code BackendId}
 *                   and {@code State} equalities; the executor checks); null when absent
 * @param orderBy    columns to sort by; empty when no ORDER BY
 * @param limit      the most rows; null when no LIMIT
 * @param offset     rows skipped; null when no offset
 */
public record ShowTabletsStatement(TableName table, List<String> partitions, Expression where,
                                   List<OrderItem> orderBy, Long limit, Long offset) implements Statement {
    public ShowTabletsStatement {
        Objects.requireNonNull(table, "table is null");
        partitions = List.copyOf(partitions);
        orderBy = List.copyOf(orderBy);
    }

    /** Every tablet of the partitions, in Doris's order. */
    public ShowTabletsStatement(TableName table, List<String> partitions) {
        this(table, partitions, null, List.of(), null, null);
    }
}
