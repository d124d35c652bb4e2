package io.tessera.fe.catalog;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.journal.AddPartitionRecord;
import io.tessera.proto.journal.AddReplicaRecord;
import io.tessera.proto.journal.CatchUpReplicaRecord;
import io.tessera.proto.journal.DropReplicaRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropDatabaseRecord;
import io.tessera.proto.journal.DropPartitionRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.TableDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The generate half of every catalog change, as {@code cluster.BackendControl} is for backends:
 * checks a request against the catalog as it is now and returns the journal records that carry it
 * out (CREATE/DROP DATABASE, CREATE/DROP TABLE, ADD/DROP PARTITION, a load's commit and finish, the
 * tablet scheduler's added and dropped replicas),
 * or throws with Doris's message. It never changes state; {@link Catalog#replay} does, once the
 * records are applied. Analysis of the statement text (names, partitions, distribution) and the
 * creation of replicas on backends happen before, in {@code ddl} and {@code exec}.
 *
 * <p>Threading: called on the metadata writer's thread only, so what it checks is what the
 * records will be applied to.
 */
public final class CatalogControl {
    private final Catalog catalog;
    private final Clock clock;

    public CatalogControl(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** CREATE DATABASE: a new id for a free name; a taken one is an error unless IF NOT EXISTS. */
    public WriteResult<Void> generateCreateDatabase(String name, boolean ifNotExists, IdAllocator ids) {
        if (catalog.snapshot().database(name).isPresent()) {
            if (ifNotExists) {
                return new WriteResult<>(List.of(), null);
            }
            throw new TesseraException(ErrorCode.CONFLICT, "Can't create database '" + name + "'; database exists");
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setCreateDatabase(
                CreateDatabaseRecord.newBuilder().setDatabaseId(ids.allocate()).setName(name)
                        .setCreateTimeMs(clock.wallMillis())).build()), null);
    }

    /**
     * DROP DATABASE with every table in it. The response is the dropped database (its replicas are
     * the caller's to remove from the backends), or null when IF EXISTS found none.
     */
    public WriteResult<DatabaseEntry> generateDropDatabase(String name, boolean ifExists) {
        DatabaseEntry database = catalog.snapshot().database(name).orElse(null);
        if (database == null) {
            if (ifExists) {
                return new WriteResult<>(List.of(), null);
            }
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT,
                    "Can't drop database '" + name + "'; database doesn't exist");
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropDatabase(
                DropDatabaseRecord.newBuilder().setDatabaseId(database.id())).build()), database);
    }

    /**
     * CREATE TABLE, once the drafted table's replicas exist on their backends: the table's name
     * must still be free (another session may have taken it meanwhile).
     */
    public WriteResult<Void> generateCreateTable(String databaseName, TableDefinition draft) {
        DatabaseEntry database = CatalogLookup.databaseOrThrow(catalog.snapshot(), databaseName);
        if (database.table(draft.getName()).isPresent()) {
            throw tableExists(draft.getName());
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder()
                .setDatabaseId(database.id()).setTable(draft)).build()), null);
    }

    /** Doris's text for CREATE TABLE of a name that is taken (error 1050). */
    public static TesseraException tableExists(String table) {
        return new TesseraException(ErrorCode.TABLE_EXISTS, "Table '" + table + "' already exists");
    }

    /**
     * DROP TABLE. The response is the dropped table (its replicas are the caller's to remove), or
     * null when IF EXISTS found none.
     */
    public WriteResult<TableDefinition> generateDropTable(String databaseName, String tableName, boolean ifExists) {
        DatabaseEntry database = CatalogLookup.databaseOrThrow(catalog.snapshot(), databaseName);
        TableDefinition table = database.table(tableName).orElse(null);
        if (table == null) {
            if (ifExists) {
                return new WriteResult<>(List.of(), null);
            }
            throw CatalogLookup.unknownTable(tableName);
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropTable(DropTableRecord.newBuilder()
                .setDatabaseId(database.id()).setTableId(table.getTableId())).build()), table);
    }

    /**
     * ALTER TABLE ADD PARTITION, once the drafted partition's replicas exist on their backends: the
     * table must still be the one the partition was drafted for. (Whether the partition's range
     * still fits is analysis, checked by the caller against {@link #table} before this.)
     */
    public WriteResult<Void> generateAddPartition(String databaseName, String tableName, long draftedForTableId,
                                                  PartitionDefinition partition) {
        DatabaseEntry database = CatalogLookup.databaseOrThrow(catalog.snapshot(), databaseName);
        TableDefinition table = CatalogLookup.tableOrThrow(database, tableName);
        if (table.getTableId() != draftedForTableId) {
            throw new TesseraException(ErrorCode.CONFLICT,
                    "Table '" + tableName + "' was replaced during ADD PARTITION");
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setAddPartition(AddPartitionRecord.newBuilder()
                .setDatabaseId(database.id()).setTableId(table.getTableId()).setPartition(partition)).build()), null);
    }

    /**
     * ALTER TABLE DROP PARTITION. The response is the dropped partition (its replicas are the
     * caller's to remove), or null when IF EXISTS found none.
     */
    public WriteResult<PartitionDefinition> generateDropPartition(String databaseName, String tableName,
                                                                  String partitionName, boolean ifExists) {
        DatabaseEntry database = CatalogLookup.databaseOrThrow(catalog.snapshot(), databaseName);
        TableDefinition table = CatalogLookup.tableOrThrow(database, tableName);
        PartitionDefinition partition = table.getPartitionsList().stream()
                .filter(p -> p.getName().equals(partitionName)).findFirst().orElse(null);
        if (partition == null) {
            if (ifExists) {
                return new WriteResult<>(List.of(), null);
            }
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Error in list of partitions to " + partitionName);
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropPartition(DropPartitionRecord.newBuilder()
                .setDatabaseId(database.id()).setTableId(table.getTableId())
                .setPartitionId(partition.getPartitionId())).build()), partition);
    }

    /** The table as the catalog holds it now, for the caller's analysis inside a write. */
    public TableDefinition table(String databaseName, String tableName) {
        return CatalogLookup.tableOrThrow(catalog.snapshot(), databaseName, tableName);
    }

    /**
     * A load's commit: its database, table and partitions must still exist and its label must be
     * unused; each partition it wrote gets the version after the visible one and after every
     * version committed but not yet finished. The response is the record, for the publish.
     *
     * @param load what was written: ids, label, rows, partitions, and the replicas that missed it
     */
    public WriteResult<CommitTransactionRecord> generateCommit(LoadToCommit load) {
        CatalogSnapshot snapshot = catalog.snapshot();
        DatabaseEntry database = snapshot.database(load.databaseId()).orElseThrow(
                () -> new TesseraException(ErrorCode.CONFLICT, "the database was dropped during the load"));
        TableDefinition table = database.table(load.tableId()).orElseThrow(
                () -> new TesseraException(ErrorCode.CONFLICT, "the table was dropped during the load"));
        if (snapshot.labelUsed(load.databaseId(), load.label())) {
            throw labelUsed(load.label());
        }
        Map<Long, Long> versions = new TreeMap<>();
        for (long partitionId : load.partitionIds()) {
            versions.computeIfAbsent(partitionId, id -> nextVersion(snapshot, table, id));
        }
        CommitTransactionRecord.Builder commit = CommitTransactionRecord.newBuilder()
                .setTransactionId(load.transactionId()).setLabel(load.label()).setDatabaseId(load.databaseId())
                .setTableId(load.tableId()).setCommitTimeMs(clock.wallMillis()).setLoadedRows(load.loadedRows());
        versions.forEach((partition, version) -> commit.addPartitions(
                PartitionVersion.newBuilder().setPartitionId(partition).setVersion(version)));
        commit.addAllFailedReplicaIds(load.failedReplicaIds());
        CommitTransactionRecord record = commit.build();
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setCommitTransaction(record).build()), record);
    }

    /** What a load wrote, as its commit needs it. */
    public record LoadToCommit(long transactionId, String label, long databaseId, long tableId, long loadedRows,
                               Collection<Long> partitionIds, List<Long> failedReplicaIds) {
    }

    /** A committed load's finish: its versions become visible; replicas whose publish failed are marked. */
    public WriteResult<Void> generateFinish(long transactionId, List<Long> failedReplicaIds) {
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setFinishTransaction(
                FinishTransactionRecord.newBuilder().setTransactionId(transactionId)
                        .setFinishTimeMs(clock.wallMillis()).addAllFailedReplicaIds(failedReplicaIds)).build()),
                null);
    }

    /** Doris's text for a label that already loaded. */
    public static TesseraException labelUsed(String label) {
        return new TesseraException(ErrorCode.CONFLICT, "Label [" + label + "] has already been used.");
    }

    /**
     * The tablet scheduler installed a clone: the replica joins its tablet unless the tablet is gone
     * (its table or partition dropped during the copy: no record, the caller removes the files) or
     * already has a replica on that backend.
     *
     * @param place    where the tablet was when the clone was decided
     * @param replica  the new replica: id, backend, the version the clone reached, and the first
     *                 transaction id that may write to it ({@code min_transaction_id})
     * @return the records (none when the tablet is gone); the response says whether it was added
     */
    public WriteResult<Boolean> generateAddReplica(TabletLocation place, ReplicaDefinition replica) {
        Optional<TabletLocation> now = locate(place);
        if (now.isEmpty()) {
            return new WriteResult<>(List.of(), false);
        }
        for (ReplicaDefinition existing : now.get().tablet().getReplicasList()) {
            if (existing.getBackendId() == replica.getBackendId() || existing.getReplicaId() == replica.getReplicaId()) {
                return new WriteResult<>(List.of(), false);
            }
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setAddReplica(AddReplicaRecord.newBuilder()
                .setDatabaseId(place.databaseId()).setTableId(place.table().getTableId())
                .setPartitionId(place.partition().getPartitionId()).setTabletId(place.tabletId())
                .setReplica(replica)).build()), true);
    }

    /**
     * The tablet scheduler removes a replica from the catalog; nothing when the tablet or the
     * replica is already gone.
     *
     * @return the records; the response says whether the replica was there
     */
    public WriteResult<Boolean> generateDropReplica(TabletLocation place, long replicaId, String reason) {
        Optional<TabletLocation> now = locate(place);
        if (now.isEmpty() || now.get().tablet().getReplicasList().stream()
                .noneMatch(replica -> replica.getReplicaId() == replicaId)) {
            return new WriteResult<>(List.of(), false);
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setDropReplica(DropReplicaRecord.newBuilder()
                .setDatabaseId(place.databaseId()).setTableId(place.table().getTableId())
                .setPartitionId(place.partition().getPartitionId()).setTabletId(place.tabletId())
                .setReplicaId(replicaId).setReason(reason)).build()), true);
    }

    /**
     * A replica was caught up in place to {@code version}; nothing when the tablet or the replica is
     * gone.
     */
    public WriteResult<Boolean> generateCatchUp(TabletLocation place, long replicaId, long version) {
        Optional<TabletLocation> now = locate(place);
        if (now.isEmpty() || now.get().tablet().getReplicasList().stream()
                .noneMatch(replica -> replica.getReplicaId() == replicaId)) {
            return new WriteResult<>(List.of(), false);
        }
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setCatchUpReplica(CatchUpReplicaRecord.newBuilder()
                .setDatabaseId(place.databaseId()).setTableId(place.table().getTableId())
                .setPartitionId(place.partition().getPartitionId()).setTabletId(place.tabletId())
                .setReplicaId(replicaId).setVersion(version)).build()), true);
    }

    /** The tablet as the catalog holds it now, if its database, table and partition still exist. */
    public Optional<TabletLocation> locate(TabletLocation place) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Optional<TableDefinition> table = snapshot.database(place.databaseId())
                .flatMap(database -> database.table(place.table().getTableId()));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        for (PartitionDefinition partition : table.get().getPartitionsList()) {
            if (partition.getPartitionId() == place.partition().getPartitionId()) {
                for (var tablet : partition.getTabletsList()) {
                    if (tablet.getTabletId() == place.tabletId()) {
                        return Optional.of(new TabletLocation(place.databaseId(), table.get(), partition, tablet));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static long nextVersion(CatalogSnapshot snapshot, TableDefinition table, long partitionId) {
        long version = table.getPartitionsList().stream().filter(p -> p.getPartitionId() == partitionId)
                .mapToLong(PartitionDefinition::getVisibleVersion).findFirst().orElseThrow(
                        () -> new TesseraException(ErrorCode.CONFLICT,
                                "partition " + partitionId + " was dropped during the load"));
        for (CommitTransactionRecord committed : snapshot.committed().values()) {
            for (PartitionVersion partitionVersion : committed.getPartitionsList()) {
                if (partitionVersion.getPartitionId() == partitionId) {
                    version = Math.max(version, partitionVersion.getVersion());
                }
            }
        }
        return version + 1;
    }
}
