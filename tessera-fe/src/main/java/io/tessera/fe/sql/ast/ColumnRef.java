package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code name} or {@code qualifier.name}; names as written (back-quotes removed), qualifier null when absent. */
public record ColumnRef(String qualifier, String name) implements Expression {
    public ColumnRef {
        Objects.requireNonNull(name, "name is null");
    }
}
