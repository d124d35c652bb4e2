package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.ddl.BucketLimit;
import io.tessera.fe.ddl.ReplicaCreator;
import io.tessera.fe.ddl.TableDefinitionBuilder;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.placement.PlacementCandidate;
import io.tessera.fe.placement.ReplicaPlacer;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.CreateDatabaseStatement;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.DropDatabaseStatement;
import io.tessera.fe.sql.ast.DropTableStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropDatabaseRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * CREATE/DROP DATABASE and CREATE/DROP TABLE. A new table's replicas are created on their
 * backends before the table is journaled, so a table that exists has every replica; if any
 * backend fails, nothing is created. Dropped tables' replicas are removed from their backends
 * after the drop is journaled (Doris keeps non-FORCE drops in a recycle bin; Tessera drops at once).
 *
 * <p>Threading: blocking (backend calls, waits on the metadata writer); run it off I/O threads.
 */
public final class DdlExecutor {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_-]{0,63}$");

    private final Catalog catalog;
    private final MetadataWriter writer;
    private final ReplicaCreator replicas;
    private final BucketLimit bucketLimit;
    private final Supplier<List<PlacementCandidate>> candidates;
    private final Clock clock;
    private final Random random;

    public DdlExecutor(Catalog catalog, MetadataWriter writer, ReplicaCreator replicas, BucketLimit bucketLimit,
                       Supplier<List<PlacementCandidate>> candidates, Clock clock, Random random) {
        this.catalog = catalog;
        this.writer = writer;
        this.replicas = replicas;
        this.bucketLimit = bucketLimit;
        this.candidates = candidates;
        this.clock = clock;
        this.random = random;
    }

    public QueryResult createDatabase(CreateDatabaseStatement statement) {
        String name = statement.database();
        if (!NAME.matcher(name).matches() || isSystem(name)) {
            throw new TesseraException("Incorrect database name '" + name + "'");
        }
        return writer.submit(ids -> {
            if (catalog.snapshot().database(name).isPresent()) {
                if (statement.ifNotExists()) {
                    return new WriteResult<QueryResult>(List.of(), OkResult.EMPTY);
                }
                throw new TesseraException("Can't create database '" + name + "'; database exists");
            }
            return new WriteResult<QueryResult>(List.of(JournalRecord.newBuilder().setCreateDatabase(
                    CreateDatabaseRecord.newBuilder().setDatabaseId(ids.allocate()).setName(name)
                            .setCreateTimeMs(clock.wallMillis())).build()), OkResult.EMPTY);
        }).join();
    }

    public QueryResult dropDatabase(DropDatabaseStatement statement) {
        String name = statement.database();
        DatabaseEntry dropped = writer.submit(ids -> {
            DatabaseEntry database = catalog.snapshot().database(name).orElse(null);
            if (database == null) {
                if (statement.ifExists()) {
                    return new WriteResult<DatabaseEntry>(List.of(), null);
                }
                throw new TesseraException("Can't drop database '" + name + "'; database doesn't exist");
            }
            return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropDatabase(
                    DropDatabaseRecord.newBuilder().setDatabaseId(database.id())).build()), database);
        }).join();
        if (dropped != null) {
            List<PartitionDefinition> partitions = new ArrayList<>();
            dropped.tables().values().forEach(table -> partitions.addAll(table.getPartitionsList()));
            replicas.drop(partitions);
        }
        return OkResult.EMPTY;
    }

    public QueryResult createTable(CreateTableStatement statement, SessionContext session) {
        String databaseName = databaseOf(statement.table(), session);
        String tableName = statement.table().table();
        if (!NAME.matcher(tableName).matches()) {
            throw new TesseraException("Incorrect table name '" + tableName + "'");
        }
        if (statement.distribution() != null && statement.distribution().buckets() != null) {
            bucketLimit.check(statement.distribution().buckets());
        }
        TableDefinition draft = writer.submit(ids -> {
            DatabaseEntry database = databaseOrThrow(databaseName);
            if (database.table(tableName).isPresent()) {
                if (statement.ifNotExists()) {
                    return new WriteResult<TableDefinition>(List.of(), null);
                }
                throw new TesseraException(ErrorCode.TABLE_EXISTS, "Table '" + tableName + "' already exists");
            }
            List<PlacementCandidate> usable = candidates.get();
            TableDefinition table = TableDefinitionBuilder.build(statement, ids,
                    (tablets, allocation) -> ReplicaPlacer.place(tablets, allocation, usable, random),
                    clock.wallMillis());
            return new WriteResult<>(List.of(), table);
        }).join();
        if (draft == null) {
            return OkResult.EMPTY;
        }
        replicas.createThenJournal(draft, draft.getPartitionsList(), () -> writer.submit(ids -> {
            DatabaseEntry database = databaseOrThrow(databaseName);
            if (database.table(tableName).isPresent()) {
                throw new TesseraException(ErrorCode.TABLE_EXISTS, "Table '" + tableName + "' already exists");
            }
            return new WriteResult<Void>(List.of(JournalRecord.newBuilder().setCreateTable(CreateTableRecord
                    .newBuilder().setDatabaseId(database.id()).setTable(draft)).build()), null);
        }).join());
        return OkResult.EMPTY;
    }

    public QueryResult dropTable(DropTableStatement statement, SessionContext session) {
        String databaseName = databaseOf(statement.table(), session);
        String tableName = statement.table().table();
        TableDefinition dropped = writer.submit(ids -> {
            DatabaseEntry database = databaseOrThrow(databaseName);
            TableDefinition table = database.table(tableName).orElse(null);
            if (table == null) {
                if (statement.ifExists()) {
                    return new WriteResult<TableDefinition>(List.of(), null);
                }
                throw new TesseraException(ErrorCode.UNKNOWN_TABLE, "Unknown table '" + tableName + "'");
            }
            return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropTable(DropTableRecord.newBuilder()
                    .setDatabaseId(database.id()).setTableId(table.getTableId())).build()), table);
        }).join();
        if (dropped != null) {
            replicas.drop(dropped.getPartitionsList());
        }
        return OkResult.EMPTY;
    }

    private DatabaseEntry databaseOrThrow(String name) {
        return catalog.snapshot().database(name).orElseThrow(
                () -> new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database '" + name + "'"));
    }

    /** The statement's database, or the session's; none is error 1046. */
    public static String databaseOf(TableName table, SessionContext session) {
        String database = table.database() != null ? table.database() : session.database();
        if (database == null) {
            throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        return database;
    }

    private static boolean isSystem(String name) {
        return name.equalsIgnoreCase(DatabaseDirectory.INFORMATION_SCHEMA) || name.equalsIgnoreCase(DatabaseDirectory.MYSQL);
    }
}
