package io.tessera.fe.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * information_schema's TABLES, COLUMNS and fixed tables over a hand-built catalog, a visibility
 * that hides one database and one table, and fake table sizes.
 */
class InformationSchemaTablesTest {
    private static final long CREATED_MS = 1_735_689_600_000L; // 2025-01-01 00:00:00 UTC
    private final TableDefinition orders = TableDefinition.newBuilder().setTableId(10).setName("orders")
            .setComment("all orders").setCreateTimeMs(CREATED_MS)
            .addColumns(column(ColumnSchema.newBuilder().setName("id").setType(DataType.BIGINT).setIsKey(true))
                    .build())
            .addColumns(column(ColumnSchema.newBuilder().setName("note").setType(DataType.VARCHAR).setLength(20)
                    .setNullable(true)).setDefaultValue("none").setComment("free text").build())
            .addColumns(column(ColumnSchema.newBuilder().setName("paid").setType(DataType.BOOLEAN).setNullable(true))
                    .build())
            .addColumns(column(ColumnSchema.newBuilder().setName("price").setType(DataType.DECIMAL).setPrecision(10)
                    .setScale(2).setNullable(true)).build())
            .addColumns(column(ColumnSchema.newBuilder().setName("day").setType(DataType.DATE).setNullable(true))
                    .build())
            .addColumns(column(ColumnSchema.newBuilder().setName("at").setType(DataType.DATETIME).setNullable(true))
                    .setDefaultCurrentTimestamp(true).build())
            .addColumns(column(ColumnSchema.newBuilder().setName("body").setType(DataType.STRING).setNullable(true))
                    .build())
            .addPartitions(PartitionDefinition.newBuilder().setName("orders").setVisibleVersionTimeMs(CREATED_MS
                    + 60_000))
            .build();
    private final TableDefinition secret = TableDefinition.newBuilder().setTableId(11).setName("secret")
            .setCreateTimeMs(CREATED_MS).build();
    private final CatalogSnapshot catalog = new CatalogSnapshot(Map.of(
            "sales", new DatabaseEntry(1, "sales", CREATED_MS, Map.of("orders", orders, "secret", secret)),
            "hidden", new DatabaseEntry(2, "hidden", CREATED_MS, Map.of())), Map.of(), Map.of(), Map.of(), 0);
    private final SchemaVisibility visibility = new SchemaVisibility() {
        @Override
        public boolean database(SessionContext session, String database) {
            return !database.equals("hidden");
        }

        @Override
        public boolean table(SessionContext session, String database, String table) {
            return !table.equals("secret");
        }
    };
    private final TableSizes sizes = table -> table.getName().equals("orders")
            ? Optional.of(new TableSizes.Size(10, 1000)) : Optional.empty();
    private final DatabaseDirectory directory = new DatabaseDirectory(() -> catalog, visibility, sizes,
            ZoneOffset.ofHours(8));
    private final SessionContext session = new SessionContext(1, new UserIdentity("jack", "127.0.0.1"),
            new SystemVariables(ZoneOffset.UTC), null);

    private static ColumnDefinition.Builder column(ColumnSchema.Builder schema) {
        return ColumnDefinition.newBuilder().setSchema(schema);
    }

    private List<List<Object>> rows(String table) {
        return directory.tableOrThrow("information_schema", table).rows(session);
    }

    @Test
    void informationSchemaHoldsDorisTablesInNameOrder() {
        assertThat(directory.tableNames("information_schema")).containsExactly("character_sets", "collations",
                "columns", "engines", "key_column_usage", "referential_constraints", "routines", "schemata",
                "statistics", "table_constraints", "tables", "triggers", "views");
    }

    @Test
    void tablesListsVisibleTablesOfVisibleDatabasesWithDorisTypesAndSizes() {
        List<Column> columns = directory.tableOrThrow("information_schema", "TABLES").columns();
        assertThat(columns).extracting(Column::name).containsExactly("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME",
                "TABLE_TYPE", "ENGINE", "VERSION", "ROW_FORMAT", "TABLE_ROWS", "AVG_ROW_LENGTH", "DATA_LENGTH",
                "MAX_DATA_LENGTH", "INDEX_LENGTH", "DATA_FREE", "AUTO_INCREMENT", "CREATE_TIME", "UPDATE_TIME",
                "CHECK_TIME", "TABLE_COLLATION", "CHECKSUM", "CREATE_OPTIONS", "TABLE_COMMENT");
        assertThat(columns.get(7).type()).isEqualTo(ColumnType.BIGINT);
        assertThat(columns.get(14).type()).isEqualTo(ColumnType.DATETIME);
        assertThat(columns.get(0).table()).isEqualTo("tables");

        List<List<Object>> rows = rows("tables");
        assertThat(rows).extracting(row -> row.get(1) + "." + row.get(2)).contains("sales.orders",
                "information_schema.tables", "information_schema.columns").doesNotContain("sales.secret")
                .noneMatch(name -> name.startsWith("hidden."));
        assertThat(rows).filteredOn(row -> row.get(2).equals("orders")).containsExactly(Arrays.asList(
                "internal", "sales", "orders", "BASE TABLE", "Doris", null, null, 10L, 100L, 1000L, null, null, null,
                null, "2025-01-01 08:00:00", "2025-01-01 08:01:00", null, "utf-8", null, null, "all orders"));
        assertThat(rows).filteredOn(row -> row.get(2).equals("schemata"))
                .extracting(row -> row.get(3) + "/" + row.get(4)).containsExactly("SYSTEM VIEW/SYSTEM VIEW");
    }

    @Test
    void columnsDescribeEveryTypeAsDorisReportsItToMysqlTools() {
        List<Column> columns = directory.tableOrThrow("information_schema", "columns").columns();
        assertThat(columns).extracting(Column::name).containsExactly("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME",
                "COLUMN_NAME", "ORDINAL_POSITION", "COLUMN_DEFAULT", "IS_NULLABLE", "DATA_TYPE",
                "CHARACTER_MAXIMUM_LENGTH", "CHARACTER_OCTET_LENGTH", "NUMERIC_PRECISION", "NUMERIC_SCALE",
                "DATETIME_PRECISION", "CHARACTER_SET_NAME", "COLLATION_NAME", "COLUMN_TYPE", "COLUMN_KEY", "EXTRA",
                "PRIVILEGES", "COLUMN_COMMENT", "COLUMN_SIZE", "DECIMAL_DIGITS", "GENERATION_EXPRESSION", "SRS_ID");
        List<List<Object>> rows = rows("columns").stream().filter(row -> row.get(2).equals("orders")).toList();
        assertThat(rows).containsExactly(
                Arrays.asList("internal", "sales", "orders", "id", 1L, null, "NO", "bigint", null, null, 19L, 0L,
                        null, null, null, "bigint(20)", "DUP", "", "", "", 19L, 0L, null, null),
                Arrays.asList("internal", "sales", "orders", "note", 2L, "none", "YES", "varchar", 20L, 80L, null,
                        null, null, "utf8mb4", "utf8mb4_0900_bin", "varchar(20)", "", "", "", "free text", 20L, null,
                        null, null),
                Arrays.asList("internal", "sales", "orders", "paid", 3L, null, "YES", "tinyint", null, null, 3L, 0L,
                        null, null, null, "tinyint(1)", "", "", "", "", 3L, 0L, null, null),
                Arrays.asList("internal", "sales", "orders", "price", 4L, null, "YES", "decimal", null, null, 10L, 2L,
                        null, null, null, "decimal(10,2)", "", "", "", "", 10L, 2L, null, null),
                Arrays.asList("internal", "sales", "orders", "day", 5L, null, "YES", "date", null, null, null, null,
                        null, null, null, "date", "", "", "", "", null, null, null, null),
                Arrays.asList("internal", "sales", "orders", "at", 6L, "CURRENT_TIMESTAMP", "YES", "datetime", null,
                        null, null, null, 0L, null, null, "datetime", "", "", "", "", null, null, null, null),
                Arrays.asList("internal", "sales", "orders", "body", 7L, null, "YES", "text", 2_147_483_643L,
                        2_147_483_647L, null, null, null, "utf8mb4", "utf8mb4_0900_bin", "text", "", "", "", "", 
                        2_147_483_643L, null, null, null));
        assertThat(rows("columns")).filteredOn(row -> row.get(2).equals("schemata")).extracting(row -> row.get(3))
                .containsExactly("CATALOG_NAME", "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME",
                        "DEFAULT_COLLATION_NAME", "SQL_PATH", "DEFAULT_ENCRYPTION");
        assertThat(rows("columns")).noneMatch(row -> row.get(2).equals("secret") || row.get(1).equals("hidden"));
    }

    @Test
    void schemataListsOnlyVisibleDatabases() {
        assertThat(rows("schemata")).extracting(row -> row.get(1))
                .containsExactly("information_schema", "mysql", "sales");
        assertThat(rows("schemata").get(0)).containsExactly("internal", "information_schema", "utf8mb4",
                "utf8mb4_0900_bin", null, "NO");
    }

    @Test
    void fixedTablesAnswerTesserasCharsetCollationAndEngineAndNoRoutinesOrIndexes() {
        assertThat(rows("character_sets")).containsExactly(List.of("utf8mb4", "utf8mb4_0900_bin", "UTF-8 Unicode",
                4L));
        assertThat(rows("collations")).containsExactly(List.of("utf8mb4_0900_bin", "utf8mb4", 309L, "Yes", "Yes",
                1L));
        assertThat(rows("engines")).containsExactly(List.of("Olap engine", "YES", "Default storage engine of palo",
                "NO", "NO", "NO"));
        assertThat(rows("views")).isEmpty();
        assertThat(rows("routines")).isEmpty();
        assertThat(rows("statistics")).isEmpty();
        assertThat(rows("key_column_usage")).isEmpty();
        assertThat(rows("table_constraints")).isEmpty();
        assertThat(rows("referential_constraints")).isEmpty();
        assertThat(rows("triggers")).isEmpty();
        assertThat(directory.tableOrThrow("information_schema", "triggers").columns()).hasSize(22);
        assertThat(directory.tableOrThrow("information_schema", "statistics").columns()).extracting(Column::name)
                .startsWith("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "NON_UNIQUE").endsWith("INDEX_COMMENT");
        assertThat(directory.tableOrThrow("information_schema", "routines").columns()).hasSize(23);
    }

    @Test
    void tablesOfOneDatabaseFollowShowTablesRule() {
        assertThat(directory.visibleTables(session, "sales")).extracting(TableEntry::name).containsExactly("orders");
        assertThat(directory.tableEntryOrThrow("sales", "secret").definition()).isEqualTo(secret);
        assertThat(directory.tableEntryOrThrow("INFORMATION_SCHEMA", "Tables").isSystem()).isTrue();
    }
}
