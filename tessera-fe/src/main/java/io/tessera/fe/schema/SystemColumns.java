package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the column list of an {@code information_schema} table in Doris's order and types
 * ({@code SchemaTable.TABLE_MAP}): VARCHAR(n), BIGINT and DATETIME columns, named after the table.
 * Not thread-safe while building; the list it returns is immutable.
 */
final class SystemColumns {
    private final String table;
    private final List<Column> columns = new ArrayList<>();

    private SystemColumns(String table) {
        this.table = table;
    }

    static SystemColumns of(String table) {
        return new SystemColumns(table);
    }

    SystemColumns varchar(String name, int length) {
        columns.add(Column.varchar(name, length));
        return this;
    }

    SystemColumns bigint(String name) {
        columns.add(new Column(name, ColumnType.BIGINT));
        return this;
    }

    SystemColumns datetime(String name) {
        columns.add(new Column(name, ColumnType.DATETIME));
        return this;
    }

    List<Column> build() {
        return columns.stream().map(c -> c.inTable(DatabaseDirectory.INFORMATION_SCHEMA, table)).toList();
    }
}
