package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.session.SessionContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code information_schema.COLUMNS}: one row per column of every table the session may see, in
 * Doris's columns, described by {@link ColumnDescriptions}. What MariaDB Connector/J's and
 * SQLAlchemy's column listings read. Stateless apart from the directory it lists.
 */
final class ColumnsTable implements SchemaTable {
    private static final List<Column> COLUMNS = SystemColumns.of("columns").varchar("TABLE_CATALOG", 512)
            .varchar("TABLE_SCHEMA", 64).varchar("TABLE_NAME", 64).varchar("COLUMN_NAME", 64)
            .bigint("ORDINAL_POSITION").varchar("COLUMN_DEFAULT", 1024).varchar("IS_NULLABLE", 3)
            .varchar("DATA_TYPE", 64).bigint("CHARACTER_MAXIMUM_LENGTH").bigint("CHARACTER_OCTET_LENGTH")
            .bigint("NUMERIC_PRECISION").bigint("NUMERIC_SCALE").bigint("DATETIME_PRECISION")
            .varchar("CHARACTER_SET_NAME", 32).varchar("COLLATION_NAME", 32).varchar("COLUMN_TYPE", 32)
            .varchar("COLUMN_KEY", 3).varchar("EXTRA", 27).varchar("PRIVILEGES", 80)
            .varchar("COLUMN_COMMENT", 1024).bigint("COLUMN_SIZE").bigint("DECIMAL_DIGITS")
            .varchar("GENERATION_EXPRESSION", 64).bigint("SRS_ID").build();

    private final DatabaseDirectory directory;

    ColumnsTable(DatabaseDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "columns";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<List<Object>> rows(SessionContext session) {
        List<List<Object>> rows = new ArrayList<>();
        for (TableEntry table : directory.visibleTables(session)) {
            for (ColumnDescription column : table.columns()) {
                boolean text = column.characterLength() != null;
                rows.add(Arrays.asList(DatabaseDirectory.INTERNAL_CATALOG, table.database(), table.name(),
                        column.name(), column.ordinalPosition(), column.defaultValue(),
                        column.nullable() ? "YES" : "NO", column.dataType(), column.characterLength(),
                        column.characterOctetLength(), column.numericPrecision(), column.numericScale(),
                        column.datetimePrecision(), text ? FixedTables.CHARSET : null,
                        text ? FixedTables.COLLATION : null, column.columnType(), column.key(), "", "",
                        column.comment(), column.columnSize(), column.numericScale(), null, null));
            }
        }
        return rows;
    }
}
