package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ColumnRef;

/** Supplies column values to an expression being evaluated over one row. */
@FunctionalInterface
public interface RowContext {
    /** The value of the column; throws a {@link TesseraException} for an unknown column. */
    Object column(ColumnRef reference);

    /** For expressions evaluated without a FROM clause: any column is unknown. */
    RowContext NONE = reference -> {
        throw new TesseraException("Unknown column '" + reference.name() + "' in 'field list'");
    };
}
