package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code [db.]table [[AS] alias]} in a FROM clause; database and alias are null when absent. */
public record TableRef(String database, String table, String alias) {
    public TableRef {
        Objects.requireNonNull(table, "table is null");
    }
}
