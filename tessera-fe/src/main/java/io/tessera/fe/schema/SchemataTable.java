package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.session.SessionContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code information_schema.SCHEMATA}: one row per database, what MariaDB Connector/J's
 * {@code getCatalogs()} reads, only those the session may see (as SHOW DATABASES). Stateless apart
 * from the directory it lists.
 */
final class SchemataTable implements SchemaTable {
    private static final List<Column> COLUMNS = List.of(
            Column.varchar("CATALOG_NAME", 512),
            Column.varchar("SCHEMA_NAME", 32),
            Column.varchar("DEFAULT_CHARACTER_SET_NAME", 32),
            Column.varchar("DEFAULT_COLLATION_NAME", 32),
            Column.varchar("SQL_PATH", 512),
            Column.varchar("DEFAULT_ENCRYPTION", 3))
            .stream().map(c -> c.inTable(DatabaseDirectory.INFORMATION_SCHEMA, "schemata")).toList();

    private final DatabaseDirectory directory;
    private final SchemaVisibility visible;

    SchemataTable(DatabaseDirectory directory, SchemaVisibility visible) {
        this.directory = directory;
        this.visible = visible;
    }

    @Override
    public String name() {
        return "schemata";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<List<Object>> rows(SessionContext session) {
        List<List<Object>> rows = new ArrayList<>();
        for (String database : directory.databaseNames()) {
            if (!visible.database(session, database)) {
                continue;
            }
            rows.add(Arrays.asList(DatabaseDirectory.INTERNAL_CATALOG, database, FixedTables.CHARSET,
                    FixedTables.COLLATION, null, "NO"));
        }
        return rows;
    }
}
