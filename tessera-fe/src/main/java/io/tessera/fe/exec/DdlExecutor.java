package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.CatalogLookup;
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
    private final CatalogControl control;

    public DdlExecutor(Catalog catalog, MetadataWriter writer, ReplicaCreator replicas, BucketLimit bucketLimit,
                       Supplier<List<PlacementCandidate>> candidates, Clock clock, Random random) {
        this.catalog = catalog;
        this.writer = writer;
        this.replicas = replicas;
        this.bucketLimit = bucketLimit;
        this.candidates = candidates;
        this.clock = clock;
        this.random = random;
        this.control = new CatalogControl(catalog, clock);
    }

    public QueryResult createDatabase(CreateDatabaseStatement statement) {
        String name = statement.database();
        if (!NAME.matcher(name).matches() || isSystem(name)) {
            throw new TesseraException("Incorrect database name '" + name + "'");
        }
        writer.submit(ids -> control.generateCreateDatabase(name, statement.ifNotExists(), ids)).join();
        return OkResult.EMPTY;
    }

    public QueryResult dropDatabase(DropDatabaseStatement statement) {
        String name = statement.database();
        DatabaseEntry dropped = writer.submit(ids -> control.generateDropDatabase(name, statement.ifExists())).join();
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
                throw CatalogControl.tableExists(tableName);
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
        replicas.createThenJournal(draft, draft.getPartitionsList(),
                () -> writer.submit(ids -> control.generateCreateTable(databaseName, draft)).join());
        return OkResult.EMPTY;
    }

    public QueryResult dropTable(DropTableStatement statement, SessionContext session) {
        String databaseName = databaseOf(statement.table(), session);
        String tableName = statement.table().table();
        TableDefinition dropped = writer.submit(
                ids -> control.generateDropTable(databaseName, tableName, statement.ifExists())).join();
        if (dropped != null) {
            replicas.drop(dropped.getPartitionsList());
        }
        return OkResult.EMPTY;
    }

    private DatabaseEntry databaseOrThrow(String name) {
        return CatalogLookup.databaseOrThrow(catalog.snapshot(), name);
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
