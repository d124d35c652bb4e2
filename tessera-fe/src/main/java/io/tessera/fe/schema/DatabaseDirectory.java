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
import java.util.function.BiPredicate;
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

    /** A directory whose {@code information_schema} shows every database to every session. */
    public DatabaseDirectory(Supplier<CatalogSnapshot> catalog) {
        this(catalog, (session, database) -> true);
    }

    /**
     * @param visible whether a session may see a database in {@code information_schema} (the
     *                privilege rule SHOW DATABASES follows, decided outside this package)
     */
    public DatabaseDirectory(Supplier<CatalogSnapshot> catalog, BiPredicate<SessionContext, String> visible) {
        this(catalog, visible, List.of());
    }

    /**
     * @param visible     as above
     * @param moreTables  further {@code information_schema} tables whose rows come from outside this
     *                    package ({@link ProcesslistTable})
     */
    public DatabaseDirectory(Supplier<CatalogSnapshot> catalog, BiPredicate<SessionContext, String> visible,
                             List<SchemaTable> moreTables) {
        this.catalog = catalog;
        Map<String, List<SchemaTable>> map = new TreeMap<>();
        List<SchemaTable> informationSchema = new ArrayList<>();
        informationSchema.add(new SchemataTable(this, visible));
        informationSchema.addAll(moreTables);
        informationSchema.sort(java.util.Comparator.comparing(SchemaTable::name));
        map.put(INFORMATION_SCHEMA, List.copyOf(informationSchema));
        map.put(MYSQL, List.of());
        this.systemDatabases = Map.copyOf(map);
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
