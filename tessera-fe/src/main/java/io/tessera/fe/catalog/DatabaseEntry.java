package io.tessera.fe.catalog;

import io.tessera.proto.journal.TableDefinition;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One database: its id, name and tables (by name, sorted). Immutable; a change produces a new
 * entry.
 */
public record DatabaseEntry(long id, String name, long createTimeMs, Map<String, TableDefinition> tables) {
    public DatabaseEntry {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    }

    public Optional<TableDefinition> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName));
    }

    public Optional<TableDefinition> table(long tableId) {
        return tables.values().stream().filter(t -> t.getTableId() == tableId).findFirst();
    }

    DatabaseEntry withTable(TableDefinition table) {
        Map<String, TableDefinition> copy = new TreeMap<>(tables);
        copy.put(table.getName(), table);
        return new DatabaseEntry(id, name, createTimeMs, copy);
    }

    DatabaseEntry withoutTable(String tableName) {
        Map<String, TableDefinition> copy = new TreeMap<>(tables);
        copy.remove(tableName);
        return new DatabaseEntry(id, name, createTimeMs, copy);
    }
}
