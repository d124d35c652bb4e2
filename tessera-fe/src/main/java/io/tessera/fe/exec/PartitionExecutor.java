package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.ddl.PartitionLayouts;
import io.tessera.fe.ddl.BucketLimit;
import io.tessera.fe.ddl.ReplicaCreator;
import io.tessera.fe.ddl.TableDefinitionBuilder;
import io.tessera.common.Clock;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.placement.PlacementCandidate;
import io.tessera.fe.placement.ReplicaPlacer;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.AddPartitionStatement;
import io.tessera.fe.sql.ast.DropPartitionStatement;
import io.tessera.proto.journal.AddPartitionRecord;
import io.tessera.proto.journal.DropPartitionRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * ALTER TABLE ... ADD PARTITION and DROP PARTITION. A new partition's replicas are created on
 * their backends before it is journaled (all or nothing); a dropped partition's replicas are
 * removed from their backends after the drop is journaled.
 *
 * <p>Threading: blocking; run it off I/O threads.
 */
public final class PartitionExecutor {
    private final Catalog catalog;
    private final MetadataWriter writer;
    private final ReplicaCreator replicas;
    private final BucketLimit bucketLimit;
    private final Supplier<List<PlacementCandidate>> candidates;
    private final Clock clock;
    private final Random random;

    public PartitionExecutor(Catalog catalog, MetadataWriter writer, ReplicaCreator replicas, BucketLimit bucketLimit,
                             Supplier<List<PlacementCandidate>> candidates, Clock clock, Random random) {
        this.catalog = catalog;
        this.writer = writer;
        this.replicas = replicas;
        this.bucketLimit = bucketLimit;
        this.candidates = candidates;
        this.clock = clock;
        this.random = random;
    }

    public QueryResult addPartition(AddPartitionStatement statement, SessionContext session) {
        String databaseName = DdlExecutor.databaseOf(statement.table(), session);
        String tableName = statement.table().table();
        Draft draft = writer.submit(ids -> {
            DatabaseEntry database = database(databaseName);
            TableDefinition table = table(database, tableName);
            if (statement.partition().ifNotExists() && table.getPartitionsList().stream()
                    .anyMatch(p -> p.getName().equals(statement.partition().name()))) {
                return new WriteResult<Draft>(List.of(), null);
            }
            PartitionLayouts.PartitionShape shape = PartitionLayouts.addedShape(table, statement.partition());
            int buckets = statement.distribution() != null && statement.distribution().buckets() != null
                    ? statement.distribution().buckets() : table.getDistribution().getBuckets();
            bucketLimit.check(buckets);
            Map<String, Integer> allocation = new LinkedHashMap<>();
            for (TagReplicaCount count : table.getReplicaAllocationList()) {
                allocation.put(count.getLocation(), count.getCount());
            }
            List<List<Long>> backends = ReplicaPlacer.place(buckets, allocation, candidates.get(), random);
            PartitionDefinition partition = TableDefinitionBuilder.partition(shape, buckets, ids, backends,
                    clock.wallMillis());
            return new WriteResult<>(List.of(), new Draft(database.id(), table, partition));
        }).join();
        if (draft == null) {
            return OkResult.EMPTY;
        }
        replicas.createThenJournal(draft.table(), List.of(draft.partition()), () -> writer.submit(ids -> {
            TableDefinition table = table(database(databaseName), tableName);
            if (table.getTableId() != draft.table().getTableId()) {
                throw new TesseraException("Table '" + tableName + "' was replaced during ADD PARTITION");
            }
            PartitionLayouts.addedShape(table, statement.partition());
            return new WriteResult<Void>(List.of(JournalRecord.newBuilder().setAddPartition(AddPartitionRecord
                    .newBuilder().setDatabaseId(draft.databaseId()).setTableId(table.getTableId())
                    .setPartition(draft.partition())).build()), null);
        }).join());
        return OkResult.EMPTY;
    }

    public QueryResult dropPartition(DropPartitionStatement statement, SessionContext session) {
        String databaseName = DdlExecutor.databaseOf(statement.table(), session);
        PartitionDefinition dropped = writer.submit(ids -> {
            DatabaseEntry database = database(databaseName);
            TableDefinition table = table(database, statement.table().table());
            PartitionDefinition partition = table.getPartitionsList().stream()
                    .filter(p -> p.getName().equals(statement.partition())).findFirst().orElse(null);
            if (partition == null) {
                if (statement.ifExists()) {
                    return new WriteResult<PartitionDefinition>(List.of(), null);
                }
                throw new TesseraException("Error in list of partitions to " + statement.partition());
            }
            return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropPartition(DropPartitionRecord
                    .newBuilder().setDatabaseId(database.id()).setTableId(table.getTableId())
                    .setPartitionId(partition.getPartitionId())).build()), partition);
        }).join();
        if (dropped != null) {
            replicas.drop(List.of(dropped));
        }
        return OkResult.EMPTY;
    }

    private DatabaseEntry database(String name) {
        return catalog.snapshot().database(name).orElseThrow(
                () -> new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database '" + name + "'"));
    }

    private static TableDefinition table(DatabaseEntry database, String name) {
        return database.table(name).orElseThrow(
                () -> new TesseraException(ErrorCode.UNKNOWN_TABLE, "Unknown table '" + name + "'"));
    }

    private record Draft(long databaseId, TableDefinition table, PartitionDefinition partition) {
    }
}
