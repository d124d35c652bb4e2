package io.tessera.fe.query;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.List;

/**
 * Resolves column references against the one table a query reads: by name (case-insensitive),
 * with an optional qualifier that must be the table's name or alias. Immutable.
 */
public final class TableColumns {
    private final String database;
    private final String tableName;
    private final String alias;
    private final List<ColumnSchema> columns;

    public TableColumns(String database, TableDefinition table, String alias) {
        this.database = database;
        this.tableName = table.getName();
        this.alias = alias;
        this.columns = table.getColumnsList().stream().map(ColumnDefinition::getSchema).toList();
    }

    public List<ColumnSchema> columns() {
        return columns;
    }

    public ColumnSchema column(int index) {
        return columns.get(index);
    }

    /** Whether {@code qualifier} (of {@code x.*} or {@code x.col}) names this table, by its name or alias. */
    public boolean isNamedBy(String qualifier) {
        return qualifier.equalsIgnoreCase(tableName) || (alias != null && qualifier.equalsIgnoreCase(alias));
    }

    /** The column's index, or -1 when the reference names no column of this table. */
    public int indexOf(ColumnRef reference) {
        if (reference.qualifier() != null && !isNamedBy(reference.qualifier())) {
            return -1;
        }
        if (reference.database() != null && !reference.database().equals(database)) {
            return -1;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equalsIgnoreCase(reference.name())) {
                return i;
            }
        }
        return -1;
    }

    public int indexOrThrow(ColumnRef reference) {
        int index = indexOf(reference);
        if (index < 0) {
            String name = reference.qualifier() == null ? reference.name() : reference.qualifier() + "." + reference.name();
            throw new TesseraException("Unknown column '" + name + "' in 'table list'");
        }
        return index;
    }
}
