package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code [db.]table [[AS] alias]} in a FROM clause, or a table function {@code name(args) [[AS]
 * alias]}; database and alias are null when absent.
 *
 * @param functionArguments the arguments of a table function as written; null for a named table
 */
public record TableRef(String database, String table, String alias, List<Expression> functionArguments) {
    public TableRef {
        Objects.requireNonNull(table, "table is null");
        functionArguments = functionArguments == null ? null : List.copyOf(functionArguments);
    }

    /** A named table. */
    public TableRef(String database, String table, String alias) {
        this(database, table, alias, null);
    }

    /** Whether this is a table function such as {@code backends()}. */
    public boolean isFunction() {
        return functionArguments != null;
    }
}
