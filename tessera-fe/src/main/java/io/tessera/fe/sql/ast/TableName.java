package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code [db.]table} as written (back-quotes removed); database null when not written (the current one). */
public record TableName(String database, String table) {
    public TableName {
        Objects.requireNonNull(table, "table is null");
    }
}
