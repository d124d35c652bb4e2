package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code expr [ASC|DESC]} in ORDER BY. */
public record OrderItem(Expression expression, boolean descending) {
    public OrderItem {
        Objects.requireNonNull(expression, "expression is null");
    }
}
