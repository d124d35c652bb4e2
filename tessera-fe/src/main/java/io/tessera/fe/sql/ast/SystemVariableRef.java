package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code @@name}, {@code @@session.name}, {@code @@local.name}, {@code @@global.name}; scope null when not written; name lower-cased. */
public record SystemVariableRef(VariableScope scope, String name) implements Expression {
    public SystemVariableRef {
        Objects.requireNonNull(name, "name is null");
    }
}
