package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code SET @name = expr}; name lower-cased. */
public record SetUserVariable(String name, Expression value) implements SetItem {
    public SetUserVariable {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
    }
}
