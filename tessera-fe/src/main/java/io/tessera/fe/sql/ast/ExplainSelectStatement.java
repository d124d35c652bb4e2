package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code EXPLAIN SELECT ...}: the plan of the SELECT, not its rows. */
public record ExplainSelectStatement(SelectStatement select) implements Statement {
    public ExplainSelectStatement {
        Objects.requireNonNull(select, "select is null");
    }
}
