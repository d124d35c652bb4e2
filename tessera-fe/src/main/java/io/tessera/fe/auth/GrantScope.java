package io.tessera.fe.auth;

import java.util.Objects;

/**
 * What a grant covers: everything ({@code *.*.*}), one database ({@code db.*}) or one table
 * ({@code db.table}). Empty strings stand for "all", so a scope is a plain value with no nulls.
 */
public record GrantScope(String database, String table) implements Comparable<GrantScope> {
    public static final GrantScope GLOBAL = new GrantScope("", "");

    public GrantScope {
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(table, "table is null");
        if (database.isEmpty() && !table.isEmpty()) {
            throw new IllegalArgumentException("a table scope needs its database: " + table);
        }
    }

    public static GrantScope database(String database) {
        return new GrantScope(database, "");
    }

    public static GrantScope table(String database, String table) {
        return new GrantScope(database, table);
    }

    public boolean global() {
        return database.isEmpty();
    }

    public boolean databaseLevel() {
        return !database.isEmpty() && table.isEmpty();
    }

    /**
     * Whether a privilege held here applies to {@code database} and {@code table} (empty: the
     * whole database): a global scope covers everything, a database scope its tables.
     */
    public boolean covers(String database, String table) {
        if (global()) {
            return true;
        }
        if (!this.database.equals(database)) {
            return false;
        }
        return this.table.isEmpty() || this.table.equals(table);
    }

    /** Doris's TablePattern text: {@code *.*.*}, {@code internal.db.*}, {@code internal.db.t}. */
    @Override
    public String toString() {
        if (global()) {
            return "*.*.*";
        }
        return "internal." + database + "." + (table.isEmpty() ? "*" : table);
    }

    @Override
    public int compareTo(GrantScope other) {
        int byDatabase = database.compareTo(other.database);
        return byDatabase != 0 ? byDatabase : table.compareTo(other.table);
    }
}
