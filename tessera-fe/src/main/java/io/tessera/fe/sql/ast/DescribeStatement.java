package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code DESC [db.]t [ALL]} (also {@code DESCRIBE}); {@code all} is true for the ALL form. */
public record DescribeStatement(TableName table, boolean all) implements Statement {
    public DescribeStatement {
        Objects.requireNonNull(table, "table is null");
    }
}
