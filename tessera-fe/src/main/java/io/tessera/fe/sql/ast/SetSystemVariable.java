package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * {@code SET [GLOBAL|SESSION|LOCAL] name = expr}, {@code SET @@[global.|session.|local.]name = expr}.
 *
 * @param scope null when no scope was written (session is meant)
 * @param name  variable name, lower-cased
 * @param value the new value; {@link DefaultValue} for {@code = DEFAULT}
 */
public record SetSystemVariable(VariableScope scope, String name, Expression value) implements SetItem {
    public SetSystemVariable {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
    }
}
