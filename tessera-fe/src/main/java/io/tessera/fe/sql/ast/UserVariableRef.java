package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code @name}; name lower-cased. */
public record UserVariableRef(String name) implements Expression {
    public UserVariableRef {
        Objects.requireNonNull(name, "name is null");
    }
}
