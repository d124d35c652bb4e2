package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code CASE [operand] WHEN a THEN x ... [ELSE y] END}. With an operand, the first WHEN value
 * equal to it chooses (a NULL operand matches none); without one, the first true WHEN condition.
 *
 * @param operand   null for the searched form
 * @param whens     the WHEN ... THEN ... pairs, in order, at least one
 * @param otherwise the ELSE result, or null for none (the result is then NULL)
 */
public record CaseExpression(Expression operand, List<When> whens, Expression otherwise) implements Expression {
    public CaseExpression {
        whens = List.copyOf(whens);
        if (whens.isEmpty()) {
            throw new IllegalArgumentException("CASE needs at least one WHEN");
        }
    }

    /** One {@code WHEN condition THEN result}. */
    public record When(Expression condition, Expression result) {
        public When {
            Objects.requireNonNull(condition, "condition is null");
            Objects.requireNonNull(result, "result is null");
        }
    }
}
