package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code name(args)}, {@code name(DISTINCT args)}, {@code COUNT(*)} ({@code star} true, no args).
 * Also the niladic keywords that act as functions: {@code CURRENT_USER}, {@code CURRENT_TIMESTAMP}.
 *
 * @param name lower-cased function name
 */
public record FunctionCall(String name, List<Expression> arguments, boolean distinct, boolean star) implements Expression {
    public FunctionCall {
        Objects.requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
    }
}
