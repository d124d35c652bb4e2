package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code SELECT [DISTINCT | ALL] items [FROM table] [WHERE expr] [GROUP BY exprs] [HAVING expr]
 * [ORDER BY items] [LIMIT [offset,] n | LIMIT n OFFSET m]}.
 *
 * @param distinct true for {@code SELECT DISTINCT}
 * @param from     null when there is no FROM
 * @param where    null when absent
 * @param having   null when absent
 * @param orderBy  items as written; an item may be an output alias ({@link ColumnRef}) or an
 *                 ordinal ({@link Literal} of a {@link Long}), which the executor resolves
 * @param limit    null when absent
 * @param offset   null when absent
 */
public record SelectStatement(
        boolean distinct,
        List<SelectItem> items,
        TableRef from,
        Expression where,
        List<Expression> groupBy,
        Expression having,
        List<OrderItem> orderBy,
        Long limit,
        Long offset) implements Statement {
    public SelectStatement {
        items = List.copyOf(items);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
    }

    /** A select without DISTINCT and without HAVING (the shape before those were parsed). */
    public SelectStatement(List<SelectItem> items, TableRef from, Expression where, List<Expression> groupBy,
            List<OrderItem> orderBy, Long limit, Long offset) {
        this(false, items, from, where, groupBy, null, orderBy, limit, offset);
    }
}
