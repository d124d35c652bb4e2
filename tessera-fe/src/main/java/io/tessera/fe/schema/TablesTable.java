package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.session.SessionContext;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code information_schema.TABLES}: one row per table the session may see, system tables
 * included, with Doris's columns and values: TABLE_TYPE {@code BASE TABLE} and ENGINE
 * {@code Doris} for a catalog table, {@code SYSTEM VIEW} for both on a system table; TABLE_ROWS
 * and DATA_LENGTH from the backends' reports (0 until every tablet is reported), CREATE_TIME the
 * table's, UPDATE_TIME its last visible version's. SHOW TABLE STATUS shows the same rows
 * ({@link #row}). Stateless apart from the directory it lists.
 */
final class TablesTable implements SchemaTable {
    static final String BASE_TABLE = "BASE TABLE";
    static final String SYSTEM_VIEW = "SYSTEM VIEW";
    /** Doris's ENGINE for an OLAP table ({@code TableType.OLAP.toEngineName()}). */
    static final String DORIS_ENGINE = "Doris";
    /** What Doris puts in the collation of a table's status. */
    static final String TABLE_COLLATION = "utf-8";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<Column> COLUMNS = SystemColumns.of("tables").varchar("TABLE_CATALOG", 512)
            .varchar("TABLE_SCHEMA", 64).varchar("TABLE_NAME", 64).varchar("TABLE_TYPE", 64)
            .varchar("ENGINE", 64).bigint("VERSION").varchar("ROW_FORMAT", 10).bigint("TABLE_ROWS")
            .bigint("AVG_ROW_LENGTH").bigint("DATA_LENGTH").bigint("MAX_DATA_LENGTH").bigint("INDEX_LENGTH")
            .bigint("DATA_FREE").bigint("AUTO_INCREMENT").datetime("CREATE_TIME").datetime("UPDATE_TIME")
            .datetime("CHECK_TIME").varchar("TABLE_COLLATION", 32).bigint("CHECKSUM")
            .varchar("CREATE_OPTIONS", 255).varchar("TABLE_COMMENT", 2048).build();

    private final DatabaseDirectory directory;

    TablesTable(DatabaseDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "tables";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<List<Object>> rows(SessionContext session) {
        List<List<Object>> rows = new ArrayList<>();
        for (TableEntry table : directory.visibleTables(session)) {
            rows.add(row(table, directory.sizes(), directory.zone()));
        }
        return rows;
    }

    /** The TABLES row of one table, in {@link #COLUMNS}' order. */
    static List<Object> row(TableEntry table, TableSizes sizes, ZoneId zone) {
        if (table.isSystem()) {
            return Arrays.asList(DatabaseDirectory.INTERNAL_CATALOG, table.database(), table.name(), SYSTEM_VIEW,
                    SYSTEM_VIEW, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    "", "");
        }
        TableDefinition definition = table.definition();
        Optional<TableSizes.Size> size = sizes.of(definition);
        long rows = size.map(TableSizes.Size::rows).orElse(0L);
        long bytes = size.map(TableSizes.Size::dataBytes).orElse(0L);
        long updateMs = definition.getPartitionsList().stream().mapToLong(PartitionDefinition::getVisibleVersionTimeMs)
                .max().orElse(0);
        // Doris's SHOW TABLE STATUS values: no version, row format, maximum or index length, free
        // space, auto increment, check time, checksum or create options.
        return Arrays.asList(DatabaseDirectory.INTERNAL_CATALOG, table.database(), table.name(), BASE_TABLE,
                DORIS_ENGINE, null, null, rows, rows == 0 ? 0L : bytes / rows, bytes, null, null, null, null,
                time(definition.getCreateTimeMs(), zone), time(updateMs, zone), null, TABLE_COLLATION, null, null,
                definition.getComment());
    }

    private static String time(long epochMs, ZoneId zone) {
        return epochMs <= 0 ? null : DATE_TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }
}
