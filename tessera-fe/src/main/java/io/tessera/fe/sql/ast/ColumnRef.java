package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * {@code name}, {@code qualifier.name} or {@code database.qualifier.name}; names as written
 * (back-quotes removed).
 *
 * @param database  the database of {@code db.t.c}; null when not written
 * @param qualifier the table (or table alias) of {@code t.c} and {@code db.t.c}; null when not written
 */
public record ColumnRef(String database, String qualifier, String name) implements Expression {
    public ColumnRef {
        Objects.requireNonNull(name, "name is null");
        if (database != null) {
            Objects.requireNonNull(qualifier, "qualifier is null while database is set");
        }
    }

    /** {@code name} or {@code qualifier.name}: no database. */
    public ColumnRef(String qualifier, String name) {
        this(null, qualifier, name);
    }
}
