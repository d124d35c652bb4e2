package io.tessera.fe.expr;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ColumnRef;

/** Supplies column values to an expression being evaluated over one row. */
@FunctionalInterface
public interface RowContext {
    /** Returned by {@link #resolve} when the context has no precomputed value for an expression. */
    Object UNRESOLVED = new Object();

    /** The value of the column; throws a {@link TesseraException} for an unknown column. */
    Object column(ColumnRef reference);

    /**
     * A value the context already has for a whole expression (an aggregate's result, a GROUP BY
     * expression's value), or {@link #UNRESOLVED}. Evaluation asks this first.
     */
    default Object resolve(io.tessera.fe.sql.ast.Expression expression) {
        return UNRESOLVED;
    }

    /** For expressions evaluated without a FROM clause: any column is unknown. */
    RowContext NONE = reference -> {
        throw new TesseraException("Unknown column '" + reference.name() + "' in 'field list'");
    };
}
