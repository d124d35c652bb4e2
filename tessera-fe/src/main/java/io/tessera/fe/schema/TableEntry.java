package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.proto.journal.TableDefinition;
import java.util.List;

/**
 * A table some session can see: a catalog table (with its definition) or a system table (with
 * its columns).
 *
 * @param database   the canonical database name
 * @param name       the table's name
 * @param definition the catalog table's definition, or null for a system table
 * @param system     the system table, or null for a catalog table
 */
public record TableEntry(String database, String name, TableDefinition definition, SchemaTable system) {
    public boolean isSystem() {
        return system != null;
    }

    /** The columns as {@code information_schema.COLUMNS} describes them. */
    public List<ColumnDescription> columns() {
        return isSystem() ? ColumnDescriptions.ofSystem(system.columns()) : ColumnDescriptions.of(definition);
    }

    /** The system table's result columns (only for a system table). */
    public List<Column> systemColumns() {
        return system.columns();
    }
}
