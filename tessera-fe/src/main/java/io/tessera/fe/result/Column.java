package io.tessera.fe.result;

import java.util.Objects;

/**
 * One column of a result set as a client sees it.
 *
 * @param name       the column label ({@code AS} alias, or the expression text as written)
 * @param type       the protocol type
 * @param length     display length in characters
 * @param decimals   digits after the point for DECIMAL/DOUBLE, else 0
 * @param schema     database the column comes from, or "" for computed columns
 * @param table      table the column comes from, or "" for computed columns
 */
public record Column(String name, ColumnType type, int length, int decimals, String schema, String table) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(table, "table is null");
    }

    public Column(String name, ColumnType type) {
        this(name, type, type.defaultLength(), 0, "", "");
    }

    /** A VARCHAR column of the given display length, as Doris declares SHOW columns. */
    public static Column varchar(String name, int length) {
        return new Column(name, ColumnType.VARCHAR, length, 0, "", "");
    }

    public Column inTable(String schema, String table) {
        return new Column(name, type, length, decimals, schema, table);
    }
}
