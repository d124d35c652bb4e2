package io.tessera.fe.catalog;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.proto.journal.TableDefinition;

/**
 * The one way a statement looks up a database or table by name, so that a missing one is
 * answered the same everywhere, with Doris's codes and texts: {@code Unknown database 'x'} (error
 * 1049, ERR_BAD_DB_ERROR) and {@code Unknown table 'x'} (error 1051, ERR_BAD_TABLE_ERROR), both in
 * the {@code errCode = 2, detailMessage = } shape. Doris itself also says
 * {@code Unknown table 'x' in db} (1109) for DROP TABLE and
 * {@code Table [x] does not exist in database [db].} in its newer planner; Tessera uses the one
 * wording its older planner and most of its statements use (see docs/compatibility.md).
 *
 * <p>Threading: stateless; it reads the immutable snapshot it is given.
 */
public final class CatalogLookup {
    private CatalogLookup() {
    }

    /** The database named {@code name} in {@code snapshot}, or error 1049. */
    public static DatabaseEntry databaseOrThrow(CatalogSnapshot snapshot, String name) {
        return snapshot.database(name).orElseThrow(() -> unknownDatabase(name));
    }

    /** The table {@code table} of database {@code database}, or error 1049 or 1051. */
    public static TableDefinition tableOrThrow(CatalogSnapshot snapshot, String database, String table) {
        return tableOrThrow(databaseOrThrow(snapshot, database), table);
    }

    /** The table {@code table} of {@code database}, or error 1051. */
    public static TableDefinition tableOrThrow(DatabaseEntry database, String table) {
        return database.table(table).orElseThrow(() -> unknownTable(table));
    }

    /** {@code Unknown database 'x'}, error 1049 (42000). */
    public static TesseraException unknownDatabase(String name) {
        return new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database '" + name + "'");
    }

    /** {@code Unknown table 'x'}, error 1051 (42S02). */
    public static TesseraException unknownTable(String name) {
        return new TesseraException(ErrorCode.UNKNOWN_TABLE, "Unknown table '" + name + "'");
    }
}
