package io.tessera.fe.schema;

import java.util.List;

/**
 * The {@code information_schema} tables whose rows do not come from the catalog, with Doris's
 * columns ({@code SchemaTable.TABLE_MAP}) and the rows Tessera answers. The character set and
 * collation are the ones every Tessera string uses (utf8mb4, compared by binary value), the same
 * that SCHEMATA and the session variables report. Stateless.
 */
public final class FixedTables {
    public static final String CHARSET = "utf8mb4";
    public static final String CHARSET_DESCRIPTION = "UTF-8 Unicode";
    public static final String COLLATION = "utf8mb4_0900_bin";
    public static final long CHARSET_MAX_BYTES = 4;
    /** MySQL 8's id of utf8mb4_0900_bin. */
    public static final long COLLATION_ID = 309;
    /** Doris's one row for its own storage engine in SHOW ENGINES. */
    public static final List<Object> OLAP_ENGINE = List.of("Olap engine", "YES", "Default storage engine of palo",
            "NO", "NO", "NO");

    private static final int NAME_LENGTH = 64;

    private FixedTables() {
    }

    static FixedRowsTable engines() {
        return new FixedRowsTable("engines", SystemColumns.of("engines").varchar("ENGINE", NAME_LENGTH)
                .varchar("SUPPORT", 8).varchar("COMMENT", 80).varchar("TRANSACTIONS", 3).varchar("XA", 3)
                .varchar("SAVEPOINTS", 3).build(), List.of(OLAP_ENGINE));
    }

    static FixedRowsTable characterSets() {
        return new FixedRowsTable("character_sets", SystemColumns.of("character_sets")
                .varchar("CHARACTER_SET_NAME", 512).varchar("DEFAULT_COLLATE_NAME", NAME_LENGTH)
                .varchar("DESCRIPTION", NAME_LENGTH).bigint("MAXLEN").build(),
                List.of(List.of(CHARSET, COLLATION, CHARSET_DESCRIPTION, CHARSET_MAX_BYTES)));
    }

    static FixedRowsTable collations() {
        return new FixedRowsTable("collations", SystemColumns.of("collations").varchar("COLLATION_NAME", 512)
                .varchar("CHARACTER_SET_NAME", NAME_LENGTH).bigint("ID").varchar("IS_DEFAULT", NAME_LENGTH)
                .varchar("IS_COMPILED", NAME_LENGTH).bigint("SORTLEN").build(),
                List.of(List.of(COLLATION, CHARSET, COLLATION_ID, "Yes", "Yes", 1L)));
    }

    static FixedRowsTable views() {
        return new FixedRowsTable("views", SystemColumns.of("views").varchar("TABLE_CATALOG", 512)
                .varchar("TABLE_SCHEMA", NAME_LENGTH).varchar("TABLE_NAME", NAME_LENGTH)
                .varchar("VIEW_DEFINITION", 8096).varchar("CHECK_OPTION", 8).varchar("IS_UPDATABLE", 3)
                .varchar("DEFINER", 77).varchar("SECURITY_TYPE", 7).varchar("CHARACTER_SET_CLIENT", 32)
                .varchar("COLLATION_CONNECTION", 32).build(), List.of());
    }

    static FixedRowsTable statistics() {
        return new FixedRowsTable("statistics", SystemColumns.of("statistics").varchar("TABLE_CATALOG", 512)
                .varchar("TABLE_SCHEMA", NAME_LENGTH).varchar("TABLE_NAME", NAME_LENGTH).bigint("NON_UNIQUE")
                .varchar("INDEX_SCHEMA", NAME_LENGTH).varchar("INDEX_NAME", NAME_LENGTH).bigint("SEQ_IN_INDEX")
                .varchar("COLUMN_NAME", NAME_LENGTH).varchar("COLLATION", 1).bigint("CARDINALITY")
                .bigint("SUB_PART").varchar("PACKED", 10).varchar("NULLABLE", 3).varchar("INDEX_TYPE", 16)
                .varchar("COMMENT", 16).varchar("INDEX_COMMENT", 1024).build(), List.of());
    }

    static FixedRowsTable keyColumnUsage() {
        return new FixedRowsTable("key_column_usage", SystemColumns.of("key_column_usage")
                .varchar("CONSTRAINT_CATALOG", NAME_LENGTH).varchar("CONSTRAINT_SCHEMA", NAME_LENGTH)
                .varchar("CONSTRAINT_NAME", NAME_LENGTH).varchar("TABLE_CATALOG", NAME_LENGTH)
                .varchar("TABLE_SCHEMA", NAME_LENGTH).varchar("TABLE_NAME", NAME_LENGTH)
                .varchar("COLUMN_NAME", NAME_LENGTH).bigint("ORDINAL_POSITION")
                .bigint("POSITION_IN_UNIQUE_CONSTRAINT").varchar("REFERENCED_TABLE_SCHEMA", NAME_LENGTH)
                .varchar("REFERENCED_TABLE_NAME", NAME_LENGTH).varchar("REFERENCED_COLUMN_NAME", NAME_LENGTH)
                .build(), List.of());
    }

    static FixedRowsTable tableConstraints() {
        return new FixedRowsTable("table_constraints", SystemColumns.of("table_constraints")
                .varchar("CONSTRAINT_CATALOG", 512).varchar("CONSTRAINT_SCHEMA", NAME_LENGTH)
                .varchar("CONSTRAINT_NAME", NAME_LENGTH).varchar("TABLE_SCHEMA", NAME_LENGTH)
                .varchar("TABLE_NAME", NAME_LENGTH).varchar("CONSTRAINT_TYPE", NAME_LENGTH).build(), List.of());
    }

    static FixedRowsTable referentialConstraints() {
        SystemColumns columns = SystemColumns.of("referential_constraints");
        for (String name : List.of("CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME",
                "UNIQUE_CONSTRAINT_CATALOG", "UNIQUE_CONSTRAINT_SCHEMA", "UNIQUE_CONSTRAINT_NAME", "MATCH_OPTION",
                "UPDATE_RULE", "DELETE_RULE", "TABLE_NAME", "REFERENCED_TABLE_NAME")) {
            columns.varchar(name, NAME_LENGTH);
        }
        return new FixedRowsTable("referential_constraints", columns.build(), List.of());
    }

    static FixedRowsTable triggers() {
        return new FixedRowsTable("triggers", SystemColumns.of("triggers").varchar("TRIGGER_CATALOG", 512)
                .varchar("TRIGGER_SCHEMA", NAME_LENGTH).varchar("TRIGGER_NAME", NAME_LENGTH)
                .varchar("EVENT_MANIPULATION", 6).varchar("EVENT_OBJECT_CATALOG", 512)
                .varchar("EVENT_OBJECT_SCHEMA", NAME_LENGTH).varchar("EVENT_OBJECT_TABLE", NAME_LENGTH)
                .varchar("ACTION_ORDER", 4).varchar("ACTION_CONDITION", 512).varchar("ACTION_STATEMENT", 512)
                .varchar("ACTION_ORIENTATION", 9).varchar("ACTION_TIMING", 6)
                .varchar("ACTION_REFERENCE_OLD_TABLE", NAME_LENGTH).varchar("ACTION_REFERENCE_NEW_TABLE", NAME_LENGTH)
                .varchar("ACTION_REFERENCE_OLD_ROW", 3).varchar("ACTION_REFERENCE_NEW_ROW", 3).datetime("CREATED")
                .varchar("SQL_MODE", 8192).varchar("DEFINER", 77).varchar("CHARACTER_SET_CLIENT", 32)
                .varchar("COLLATION_CONNECTION", 32).varchar("DATABASE_COLLATION", 32).build(), List.of());
    }

    static FixedRowsTable routines() {
        SystemColumns columns = SystemColumns.of("routines");
        for (String name : List.of("SPECIFIC_NAME", "ROUTINE_CATALOG", "ROUTINE_SCHEMA", "ROUTINE_NAME",
                "ROUTINE_TYPE", "DTD_IDENTIFIER", "ROUTINE_BODY", "ROUTINE_DEFINITION", "EXTERNAL_NAME",
                "EXTERNAL_LANGUAGE", "PARAMETER_STYLE", "IS_DETERMINISTIC", "SQL_DATA_ACCESS", "SQL_PATH",
                "SECURITY_TYPE")) {
            columns.varchar(name, NAME_LENGTH);
        }
        columns.datetime("CREATED").datetime("LAST_ALTERED");
        for (String name : List.of("SQL_MODE", "ROUTINE_COMMENT", "DEFINER", "CHARACTER_SET_CLIENT",
                "COLLATION_CONNECTION", "DATABASE_COLLATION")) {
            columns.varchar(name, NAME_LENGTH);
        }
        return new FixedRowsTable("routines", columns.build(), List.of());
    }
}
