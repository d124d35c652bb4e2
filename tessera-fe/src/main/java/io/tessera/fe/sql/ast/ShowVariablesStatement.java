package io.tessera.fe.sql.ast;

/**
 * {@code SHOW [GLOBAL|SESSION] VARIABLES [LIKE 'pattern' | WHERE expr]}.
 *
 * @param scope       null when not written
 * @param likePattern null when no LIKE
 * @param where       null when no WHERE; may reference {@code Variable_name} and {@code Value}
 */
public record ShowVariablesStatement(VariableScope scope, String likePattern, Expression where) implements Statement {
}
