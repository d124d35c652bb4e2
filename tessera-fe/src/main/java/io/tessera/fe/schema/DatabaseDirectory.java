package io.tessera.fe.schema;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every database a client can see and the tables in it. For now these are the system databases
 * ({@code information_schema}, {@code mysql}); the catalog adds user databases later. System
 * database names match without regard to case, as in MySQL. Immutable and thread-safe.
 */
public final class DatabaseDirectory {
    public static final String INFORMATION_SCHEMA = "information_schema";
    public static final String MYSQL = "mysql";
    /** Doris's name for its internal catalog, the only one Tessera has. */
    public static final String INTERNAL_CATALOG = "internal";

    private final Map<String, List<SchemaTable>> systemDatabases;

    public DatabaseDirectory() {
        Map<String, List<SchemaTable>> map = new TreeMap<>();
        map.put(INFORMATION_SCHEMA, List.of(new SchemataTable(this)));
        map.put(MYSQL, List.of());
        this.systemDatabases = Map.copyOf(map);
    }

    /** Database names, sorted. */
    public List<String> databaseNames() {
        return new ArrayList<>(new TreeMap<>(systemDatabases).keySet());
    }

    /** The database's canonical name, or an error 1049 {@code Unknown database 'x'}. */
    public String databaseOrThrow(String name) {
        String canonical = name.toLowerCase(Locale.ROOT);
        if (!systemDatabases.containsKey(canonical)) {
            throw new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database '" + name + "'");
        }
        return canonical;
    }

    public List<SchemaTable> tables(String database) {
        return systemDatabases.getOrDefault(databaseOrThrow(database), List.of());
    }

    public Optional<SchemaTable> table(String database, String table) {
        for (SchemaTable candidate : tables(database)) {
            if (candidate.name().equalsIgnoreCase(table)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public SchemaTable tableOrThrow(String database, String table) {
        String canonical = databaseOrThrow(database);
        return table(canonical, table).orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_TABLE,
                "Unknown table '" + table + "' in " + canonical));
    }
}
