package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code SELECT ... UNION [ALL | DISTINCT] SELECT ...}: the rows of every SELECT, in order, under
 * the first one's column names. As in MySQL, a DISTINCT union (the default) removes duplicates from
 * everything on its left, ALL unions on its left included.
 *
 * @param selects  the SELECTs, at least two
 * @param distinct for each UNION (one fewer than the SELECTs), whether it is DISTINCT
 */
public record UnionStatement(List<SelectStatement> selects, List<Boolean> distinct) implements Statement {
    public UnionStatement {
        selects = List.copyOf(selects);
        distinct = List.copyOf(distinct);
        if (selects.size() < 2 || distinct.size() != selects.size() - 1) {
            throw new IllegalArgumentException("a UNION needs n SELECTs and n - 1 unions");
        }
    }
}
