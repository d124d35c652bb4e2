package io.tessera.fe.schema;

import io.tessera.fe.result.ClientColumns;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.result.Column;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.fe.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * Every database a client can see and the tables in it: the system databases
 * ({@code information_schema}, {@code mysql}), whose names match without regard to case as in
 * MySQL, and the catalog's databases, whose names are case-sensitive as in Doris. Thread-safe:
 * reads the catalog's immutable snapshots.
 */
public final class DatabaseDirectory {
    public static final String INFORMATION_SCHEMA = "information_schema";
    public static final String MYSQL = "mysql";
    /** Doris's name for its internal catalog, the only one Tessera has. */
    public static final String INTERNAL_CATALOG = "internal";

    private final Map<String, List<SchemaTable>> systemDatabases;
    private final Supplier<CatalogSnapshot> catalog;
    private final SchemaVisibility visibility;
    private final TableSizes sizes;
    private final ZoneId zone;

    /** A directory whose {@code information_schema} shows every object to every session, no sizes, in UTC. */
    public DatabaseDirectory(Supplier<CatalogSnapshot> catalog) {
        this(catalog, SchemaVisibility.ALL, TableSizes.UNKNOWN, ZoneOffset.UTC);
    }

    /**
     * @param visibility which databases and tables a session may see in {@code information_schema}
     *                   (the privilege rule SHOW DATABASES and SHOW TABLES follow, decided outside
     *                   this package)
     * @param sizes      what the backends reported of each table's rows and bytes
     * @param zone       the zone CREATE_TIME and UPDATE_TIME are shown in
     */
    public DatabaseDirectory(Supplier<CatalogSnapshot> catalog, SchemaVisibility visibility, TableSizes sizes,
                             ZoneId zone) {
        this(catalog, visibility, sizes, zone, List.of());
    }

    /**
     * @param visibility as above
     * @param sizes      as above
     * @param zone       as above
     * @param moreTables further {@code information_schema} tables whose rows come from outside this
     *                   package ({@link ProcesslistTable})
     */
    public DatabaseDirectory(Supplier<CatalogSnapshot> catalog, SchemaVisibility visibility, TableSizes sizes,
                             ZoneId zone, List<SchemaTable> moreTables) {
        this.catalog = catalog;
        this.visibility = visibility;
        this.sizes = sizes;
        this.zone = zone;
        List<SchemaTable> informationSchema = new ArrayList<>(List.of(new SchemataTable(this, visibility),
                new TablesTable(this), new ColumnsTable(this), FixedTables.views(), FixedTables.statistics(),
                FixedTables.keyColumnUsage(), FixedTables.tableConstraints(), FixedTables.referentialConstraints(),
                FixedTables.routines(), FixedTables.triggers(), FixedTables.engines(), FixedTables.characterSets(),
                FixedTables.collations()));
        informationSchema.addAll(moreTables);
        informationSchema.sort(Comparator.comparing(SchemaTable::name));
        Map<String, List<SchemaTable>> map = new TreeMap<>();
        map.put(INFORMATION_SCHEMA, List.copyOf(informationSchema));
        map.put(MYSQL, List.of());
        this.systemDatabases = Map.copyOf(map);
    }

    TableSizes sizes() {
        return sizes;
    }

    ZoneId zone() {
        return zone;
    }

    /** Whether the session may see the database (SHOW DATABASES' rule). */
    public boolean visible(SessionContext session, String database) {
        return visibility.database(session, database);
    }

    /**
     * Every table of every database the session may see, system tables included, by database and
     * then table name: the rows of {@code information_schema.TABLES} and {@code COLUMNS}.
     */
    public List<TableEntry> visibleTables(SessionContext session) {
        List<TableEntry> tables = new ArrayList<>();
        for (String database : databaseNames()) {
            if (visibility.database(session, database)) {
                tables.addAll(visibleTables(session, database));
            }
        }
        return tables;
    }

    /** The tables of one database the session may see (SHOW TABLES' rule), by name; 1049 when unknown. */
    public List<TableEntry> visibleTables(SessionContext session, String database) {
        String canonical = databaseOrThrow(database);
        List<TableEntry> tables = new ArrayList<>();
        if (systemDatabases.containsKey(canonical)) {
            for (SchemaTable table : systemDatabases.get(canonical)) {
                if (visibility.table(session, canonical, table.name())) {
                    tables.add(new TableEntry(canonical, table.name(), null, table));
                }
            }
            return tables;
        }
        DatabaseEntry entry = catalog.get().database(canonical)
                .orElseThrow(() -> CatalogLookup.unknownDatabase(database));
        for (TableDefinition table : new TreeMap<>(entry.tables()).values()) {
            if (visibility.table(session, canonical, table.getName())) {
                tables.add(new TableEntry(canonical, table.getName(), table, null));
            }
        }
        return tables;
    }

    /** One table of any database, system or catalog; error 1049 or 1051 ({@code Unknown table}) when missing. */
    public TableEntry tableEntryOrThrow(String database, String table) {
        String canonical = databaseOrThrow(database);
        if (systemDatabases.containsKey(canonical)) {
            SchemaTable system = tableOrThrow(canonical, table);
            return new TableEntry(canonical, system.name(), null, system);
        }
        TableDefinition definition = CatalogLookup.tableOrThrow(catalog.get(), canonical, table);
        return new TableEntry(canonical, definition.getName(), definition, null);
    }

    /** The {@code information_schema.TABLES} row of a table (SHOW TABLE STATUS reads it). */
    public List<Object> tableStatus(TableEntry table) {
        return TablesTable.row(table, sizes, zone);
    }

    /** Database names, sorted. */
    public List<String> databaseNames() {
        TreeMap<String, Boolean> names = new TreeMap<>();
        systemDatabases.keySet().forEach(name -> names.put(name, true));
        catalog.get().databases().keySet().forEach(name -> names.put(name, true));
        return new ArrayList<>(names.keySet());
    }

    /** The database's canonical name, or error 1049 {@code Unknown database 'x'} ({@link CatalogLookup}). */
    public String databaseOrThrow(String name) {
        String system = name.toLowerCase(Locale.ROOT);
        if (systemDatabases.containsKey(system)) {
            return system;
        }
        if (catalog.get().database(name).isPresent()) {
            return name;
        }
        throw CatalogLookup.unknownDatabase(name);
    }

    public boolean isSystemDatabase(String canonicalName) {
        return systemDatabases.containsKey(canonicalName);
    }

    /** The system tables of a system database (none for a user database). */
    public List<SchemaTable> tables(String database) {
        return systemDatabases.getOrDefault(databaseOrThrow(database), List.of());
    }

    /** Table names of any database, sorted. */
    public List<String> tableNames(String database) {
        String canonical = databaseOrThrow(database);
        if (systemDatabases.containsKey(canonical)) {
            return systemDatabases.get(canonical).stream().map(SchemaTable::name).toList();
        }
        Optional<DatabaseEntry> entry = catalog.get().database(canonical);
        return entry.map(d -> List.copyOf(d.tables().keySet())).orElse(List.of());
    }

    public Optional<SchemaTable> table(String database, String table) {
        for (SchemaTable candidate : tables(database)) {
            if (candidate.name().equalsIgnoreCase(table)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The columns of any table, named after its database and table (COM_FIELD_LIST): a system
     * table's, or a user table's base schema in order; error 1049 or 1051 when missing.
     */
    public List<Column> columns(String database, String table) {
        String canonical = databaseOrThrow(database);
        if (systemDatabases.containsKey(canonical)) {
            return tableOrThrow(canonical, table).columns();
        }
        TableDefinition definition = CatalogLookup.tableOrThrow(catalog.get(), canonical, table);
        return definition.getColumnsList().stream()
                .map(column -> ClientColumns.of(column.getSchema().getName(), column.getSchema())
                        .inTable(canonical, definition.getName()))
                .toList();
    }

    public SchemaTable tableOrThrow(String database, String table) {
        String canonical = databaseOrThrow(database);
        return table(canonical, table).orElseThrow(() -> CatalogLookup.unknownTable(table));
    }
}
