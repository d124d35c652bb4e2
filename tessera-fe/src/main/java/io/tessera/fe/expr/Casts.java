package io.tessera.fe.expr;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ColumnTypes;
import io.tessera.data.ColumnValues;
import io.tessera.fe.sql.ast.TypeDefinition;
import io.tessera.proto.data.ColumnSchema;

/**
 * {@code CAST(x AS type)} on expression values: the value converted into the type with the same
 * rules as a load, then back into an expression value (DATE and DATETIME as their text, so they
 * compare and print as MySQL shows them). Stateless.
 */
final class Casts {
    private Casts() {
    }

    static Object cast(Object value, TypeDefinition type) {
        if (value == null) {
            return null;
        }
        if (type.name().equals("LARGEINT")) {
            return SqlValues.toDecimal(value).toBigInteger().longValue();
        }
        ColumnSchema schema = ColumnTypes.schema("cast", type).setNullable(true).build();
        try {
            return toExpressionValue(ColumnValues.coerce(schema, value));
        } catch (TesseraException e) {
            return null;
        }
    }

    /** Typed column values as expression values (see {@link SqlValues#fromColumnValue}). */
    static Object toExpressionValue(Object typed) {
        return SqlValues.fromColumnValue(typed);
    }
}
