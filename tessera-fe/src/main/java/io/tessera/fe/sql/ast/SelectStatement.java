package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code SELECT items [FROM table] [WHERE expr] [GROUP BY exprs] [ORDER BY items] [LIMIT [offset,] n | LIMIT n OFFSET m]}.
 *
 * @param from    null when there is no FROM
 * @param where   null when absent
 * @param limit   null when absent
 * @param offset  null when absent
 */
public record SelectStatement(
        List<SelectItem> items,
        TableRef from,
        Expression where,
        List<Expression> groupBy,
        List<OrderItem> orderBy,
        Long limit,
        Long offset) implements Statement {
    public SelectStatement {
        items = List.copyOf(items);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
    }
}
