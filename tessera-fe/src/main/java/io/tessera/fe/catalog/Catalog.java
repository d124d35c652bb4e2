package io.tessera.fe.catalog;

import io.tessera.common.BatchedState;
import io.tessera.fe.meta.JournaledState;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.ArrayList;
import io.tessera.proto.journal.AbortTransactionRecord;
import io.tessera.proto.journal.AddPartitionRecord;
import io.tessera.proto.journal.AddReplicaRecord;
import io.tessera.proto.journal.CatchUpReplicaRecord;
import io.tessera.proto.journal.DropReplicaRecord;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropDatabaseRecord;
import io.tessera.proto.journal.DropPartitionRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.UsedLabelsRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The FE's hard state about data: databases, tables with their partitions, tablets and replicas,
 * and load transactions between commit and visibility.
 *
 * <p>Only {@code replay} methods change it, on the journal's apply thread; each publishes a new
 * immutable {@link CatalogSnapshot} through a {@link BatchedState}, so readers (queries, SHOW, the
 * heartbeat-driven views) need no locks. A record that contradicts the state is an invariant
 * break ({@link IllegalStateException}), never silently applied.
 *
 * <p>{@link CatalogSnapshot#placementVersion()} goes up with every record of a type that adds,
 * drops or moves a replica, whether or not this one does (a DROP DATABASE of a database without
 * tables): CREATE TABLE, DROP TABLE, DROP DATABASE, ADD PARTITION, DROP PARTITION, and loading a
 * metadata snapshot. A needless change costs readers one re-check; a missed one would be wrong. It
 * stays the same for CREATE DATABASE (no replica), CATCH UP REPLICA (a replica's versions), COMMIT TRANSACTION (a label and a pending
 * version), FINISH TRANSACTION (replica versions and failed versions, not where the replicas are)
 * and ABORT TRANSACTION (nothing of the catalog).
 */
public final class Catalog implements JournaledState {
    private final BatchedState<CatalogSnapshot> state = new BatchedState<>(CatalogSnapshot.EMPTY);
    /** A metadata snapshot's catalog records while it loads (start-up only), applied whole at its end. */
    private SnapshotParts loading;

    private record SnapshotParts(List<CreateDatabaseRecord> databases, List<CreateTableRecord> tables,
                                 List<CommitTransactionRecord> committed, List<UsedLabelsRecord> labels) {
        SnapshotParts() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.CREATE_DATABASE, JournalRecord.PayloadCase.DROP_DATABASE,
                JournalRecord.PayloadCase.CREATE_TABLE, JournalRecord.PayloadCase.DROP_TABLE,
                JournalRecord.PayloadCase.COMMIT_TRANSACTION, JournalRecord.PayloadCase.FINISH_TRANSACTION,
                JournalRecord.PayloadCase.ABORT_TRANSACTION, JournalRecord.PayloadCase.ADD_PARTITION,
                JournalRecord.PayloadCase.DROP_PARTITION, JournalRecord.PayloadCase.ADD_REPLICA,
                JournalRecord.PayloadCase.DROP_REPLICA, JournalRecord.PayloadCase.CATCH_UP_REPLICA);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.DATABASE, SnapshotRecord.PayloadCase.TABLE,
                SnapshotRecord.PayloadCase.COMMITTED_TRANSACTION, SnapshotRecord.PayloadCase.USED_LABELS);
    }

    @Override
    public void replay(JournalRecord record) {
        switch (record.getPayloadCase()) {
            case CREATE_DATABASE -> replay(record.getCreateDatabase());
            case DROP_DATABASE -> replay(record.getDropDatabase());
            case CREATE_TABLE -> replay(record.getCreateTable());
            case DROP_TABLE -> replay(record.getDropTable());
            case COMMIT_TRANSACTION -> replay(record.getCommitTransaction());
            case FINISH_TRANSACTION -> replay(record.getFinishTransaction());
            case ABORT_TRANSACTION -> replay(record.getAbortTransaction());
            case ADD_PARTITION -> replay(record.getAddPartition());
            case DROP_PARTITION -> replay(record.getDropPartition());
            case ADD_REPLICA -> replay(record.getAddReplica());
            case DROP_REPLICA -> replay(record.getDropReplica());
            case CATCH_UP_REPLICA -> replay(record.getCatchUpReplica());
            default -> throw new IllegalArgumentException("not a catalog record: " + record.getPayloadCase());
        }
    }

    @Override
    public CatalogSnapshot capture() {
        return snapshot();
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        if (loading == null) {
            loading = new SnapshotParts();
        }
        switch (record.getPayloadCase()) {
            case DATABASE -> loading.databases().add(record.getDatabase());
            case TABLE -> loading.tables().add(record.getTable());
            case COMMITTED_TRANSACTION -> loading.committed().add(record.getCommittedTransaction());
            case USED_LABELS -> loading.labels().add(record.getUsedLabels());
            default -> throw new IllegalArgumentException("not a catalog snapshot record: " + record.getPayloadCase());
        }
    }

    @Override
    public void finishSnapshotLoad() {
        SnapshotParts parts = loading == null ? new SnapshotParts() : loading;
        loading = null;
        replaySnapshot(parts.databases(), parts.tables(), parts.committed(), parts.labels());
    }

    public CatalogSnapshot snapshot() {
        return state.published();
    }

    /**
     * Loads a whole catalog from a metadata snapshot into an empty catalog, in one publication
     * (replaying table by table would recount every replica once per table).
     *
     * @param databases every database
     * @param tables    every table as it stood, partition and replica versions included
     * @param committed transactions committed but not finished
     * @param labels    every used label per database, finished loads' labels included
     */
    public void replaySnapshot(List<CreateDatabaseRecord> databases, List<CreateTableRecord> tables,
                               List<CommitTransactionRecord> committed, List<UsedLabelsRecord> labels) {
        if (!state().equals(CatalogSnapshot.EMPTY)) {
            throw new IllegalStateException("a snapshot can only be loaded into an empty catalog");
        }
        Map<Long, Map<String, TableDefinition>> tablesByDatabase = new LinkedHashMap<>();
        for (CreateDatabaseRecord database : databases) {
            if (tablesByDatabase.put(database.getDatabaseId(), new TreeMap<>()) != null) {
                throw new IllegalStateException("database id " + database.getDatabaseId() + " appears twice");
            }
        }
        for (CreateTableRecord table : tables) {
            Map<String, TableDefinition> byName = tablesByDatabase.get(table.getDatabaseId());
            if (byName == null) {
                throw new IllegalStateException("table " + table.getTable().getName() + " of unknown database id "
                        + table.getDatabaseId());
            }
            if (byName.put(table.getTable().getName(), table.getTable()) != null) {
                throw new IllegalStateException("table " + table.getTable().getName() + " appears twice");
            }
        }
        Map<String, DatabaseEntry> byName = new TreeMap<>();
        for (CreateDatabaseRecord database : databases) {
            DatabaseEntry entry = new DatabaseEntry(database.getDatabaseId(), database.getName(),
                    database.getCreateTimeMs(), tablesByDatabase.get(database.getDatabaseId()));
            if (byName.put(database.getName(), entry) != null) {
                throw new IllegalStateException("database " + database.getName() + " appears twice");
            }
        }
        Map<Long, CommitTransactionRecord> committedById = new HashMap<>();
        for (CommitTransactionRecord record : committed) {
            if (committedById.put(record.getTransactionId(), record) != null) {
                throw new IllegalStateException("transaction " + record.getTransactionId() + " appears twice");
            }
        }
        Map<Long, Set<String>> labelsByDatabase = new HashMap<>();
        for (UsedLabelsRecord record : labels) {
            labelsByDatabase.put(record.getDatabaseId(), Set.copyOf(record.getLabelsList()));
        }
        Map<Long, Long> counts = Map.of();
        for (CreateTableRecord table : tables) {
            counts = recount(counts, table.getTable().getPartitionsList(), +1);
        }
        publishNewPlacement(byName, counts, committedById, labelsByDatabase);
    }


    /** The state replays read and write: the batch's working copy while one is open. */
    private CatalogSnapshot state() {
        return state.current();
    }

    private void set(CatalogSnapshot next) {
        state.set(next);
    }

    /**
     * Opens a journal batch: the replays that follow change a working copy that readers do not
     * see until {@link #publishBatch}, so a statement's records become visible together.
     */
    @Override
    public void beginBatch() {
        state.begin();
    }

    /** Makes everything replayed since {@link #beginBatch} visible at once. */
    @Override
    public void publishBatch() {
        state.publish();
    }

    /** Drops what was replayed since {@link #beginBatch}: a batch that could not be applied whole. */
    @Override
    public void discardBatch() {
        loading = null;
        state.discard();
    }

    public void replay(CreateDatabaseRecord record) {
        CatalogSnapshot current = state();
        if (current.databases().containsKey(record.getName()) || current.database(record.getDatabaseId()).isPresent()) {
            throw new IllegalStateException("database " + record.getName() + " already exists");
        }
        Map<String, DatabaseEntry> databases = new TreeMap<>(current.databases());
        databases.put(record.getName(), new DatabaseEntry(record.getDatabaseId(), record.getName(),
                record.getCreateTimeMs(), Map.of()));
        publishSamePlacement(current, databases, current.committed(), current.labels());
    }

    public void replay(DropDatabaseRecord record) {
        CatalogSnapshot current = state();
        DatabaseEntry database = databaseOrThrow(current, record.getDatabaseId());
        Map<String, DatabaseEntry> databases = new TreeMap<>(current.databases());
        databases.remove(database.name());
        Map<Long, Set<String>> labels = new HashMap<>(current.labels());
        labels.remove(database.id());
        Map<Long, Long> counts = current.replicasByBackend();
        for (TableDefinition table : database.tables().values()) {
            counts = recount(counts, table.getPartitionsList(), -1);
        }
        publishNewPlacement(databases, counts, current.committed(), labels);
    }

    public void replay(CreateTableRecord record) {
        CatalogSnapshot current = state();
        DatabaseEntry database = databaseOrThrow(current, record.getDatabaseId());
        if (database.tables().containsKey(record.getTable().getName())) {
            throw new IllegalStateException("table " + record.getTable().getName() + " already exists");
        }
        putDatabase(current, database.withTable(record.getTable()),
                recount(current.replicasByBackend(), record.getTable().getPartitionsList(), +1));
    }

    public void replay(DropTableRecord record) {
        CatalogSnapshot current = state();
        DatabaseEntry database = databaseOrThrow(current, record.getDatabaseId());
        TableDefinition table = database.table(record.getTableId()).orElseThrow(() ->
                new IllegalStateException("table id " + record.getTableId() + " does not exist"));
        putDatabase(current, database.withoutTable(table.getName()),
                recount(current.replicasByBackend(), table.getPartitionsList(), -1));
    }

    public void replay(AddPartitionRecord record) {
        CatalogSnapshot current = state();
        DatabaseEntry database = databaseOrThrow(current, record.getDatabaseId());
        TableDefinition table = tableOrThrow(database, record.getTableId());
        for (PartitionDefinition partition : table.getPartitionsList()) {
            if (partition.getName().equals(record.getPartition().getName())) {
                throw new IllegalStateException("partition " + partition.getName() + " already exists");
            }
        }
        putDatabase(current, database.withTable(table.toBuilder().addPartitions(record.getPartition()).build()),
                recount(current.replicasByBackend(), List.of(record.getPartition()), +1));
    }

    public void replay(DropPartitionRecord record) {
        CatalogSnapshot current = state();
        DatabaseEntry database = databaseOrThrow(current, record.getDatabaseId());
        TableDefinition table = tableOrThrow(database, record.getTableId());
        TableDefinition.Builder builder = table.toBuilder().clearPartitions();
        boolean found = false;
        PartitionDefinition dropped = null;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            if (partition.getPartitionId() == record.getPartitionId()) {
                found = true;
                dropped = partition;
            } else {
                builder.addPartitions(partition);
            }
        }
        if (!found) {
            throw new IllegalStateException("partition id " + record.getPartitionId() + " does not exist");
        }
        putDatabase(current, database.withTable(builder.build()),
                recount(current.replicasByBackend(), List.of(dropped), -1));
    }

    /** The tablet scheduler installed a replica: it joins its tablet; its backend counts one more. */
    public void replay(AddReplicaRecord record) {
        CatalogSnapshot current = state();
        ReplicaDefinition added = record.getReplica();
        changeTablet(current, record.getDatabaseId(), record.getTableId(), record.getPartitionId(),
                record.getTabletId(), tablet -> {
                    for (ReplicaDefinition replica : tablet.getReplicasList()) {
                        if (replica.getReplicaId() == added.getReplicaId()
                                || replica.getBackendId() == added.getBackendId()) {
                            throw new IllegalStateException("tablet " + record.getTabletId() + " already has replica "
                                    + replica.getReplicaId() + " on backend " + replica.getBackendId());
                        }
                    }
                    return tablet.toBuilder().addReplicas(added).build();
                }, recountOne(current.replicasByBackend(), added.getBackendId(), +1));
    }

    /** The tablet scheduler removed a replica: it leaves its tablet; its backend counts one fewer. */
    public void replay(DropReplicaRecord record) {
        CatalogSnapshot current = state();
        TableDefinition table = tableOrThrow(databaseOrThrow(current, record.getDatabaseId()), record.getTableId());
        long backendId = tabletOrThrow(table, record.getPartitionId(), record.getTabletId()).getReplicasList().stream()
                .filter(replica -> replica.getReplicaId() == record.getReplicaId())
                .mapToLong(ReplicaDefinition::getBackendId).findFirst()
                .orElseThrow(() -> new IllegalStateException("tablet " + record.getTabletId() + " has no replica "
                        + record.getReplicaId()));
        changeTablet(current, record.getDatabaseId(), record.getTableId(), record.getPartitionId(),
                record.getTabletId(), t -> {
                    TabletDefinition.Builder builder = t.toBuilder().clearReplicas();
                    t.getReplicasList().stream().filter(r -> r.getReplicaId() != record.getReplicaId())
                            .forEach(builder::addReplicas);
                    return builder.build();
                }, recountOne(current.replicasByBackend(), backendId, -1));
    }

    /**
     * A replica caught up in place: it holds every version up to the record's, so a missed version
     * at or below it is no longer missing. Its place does not change.
     */
    public void replay(CatchUpReplicaRecord record) {
        CatalogSnapshot current = state();
        DatabaseEntry database = databaseOrThrow(current, record.getDatabaseId());
        TableDefinition table = tableOrThrow(database, record.getTableId());
        TabletDefinition tablet = tabletOrThrow(table, record.getPartitionId(), record.getTabletId());
        TabletDefinition.Builder changed = tablet.toBuilder();
        boolean found = false;
        for (int r = 0; r < changed.getReplicasCount(); r++) {
            ReplicaDefinition replica = changed.getReplicas(r);
            if (replica.getReplicaId() == record.getReplicaId()) {
                found = true;
                long version = Math.max(replica.getVersion(), record.getVersion());
                ReplicaDefinition.Builder builder = replica.toBuilder().setVersion(version);
                if (replica.getLastFailedVersion() <= version) {
                    builder.setLastFailedVersion(-1);
                }
                changed.setReplicas(r, builder);
            }
        }
        if (!found) {
            throw new IllegalStateException("tablet " + record.getTabletId() + " has no replica " + record.getReplicaId());
        }
        TableDefinition.Builder builder = table.toBuilder();
        for (int p = 0; p < builder.getPartitionsCount(); p++) {
            PartitionDefinition.Builder partition = builder.getPartitions(p).toBuilder();
            if (partition.getPartitionId() != record.getPartitionId()) {
                continue;
            }
            for (int t = 0; t < partition.getTabletsCount(); t++) {
                if (partition.getTablets(t).getTabletId() == record.getTabletId()) {
                    partition.setTablets(t, changed);
                }
            }
            builder.setPartitions(p, partition);
        }
        Map<String, DatabaseEntry> databases = new TreeMap<>(current.databases());
        databases.put(database.name(), database.withTable(builder.build()));
        publishSamePlacement(current, databases, current.committed(), current.labels());
    }

    /** Replaces one tablet of one partition and publishes the new placement. */
    private void changeTablet(CatalogSnapshot current, long databaseId, long tableId, long partitionId, long tabletId,
                              java.util.function.UnaryOperator<TabletDefinition> change, Map<Long, Long> counts) {
        DatabaseEntry database = databaseOrThrow(current, databaseId);
        TableDefinition table = tableOrThrow(database, tableId);
        TableDefinition.Builder builder = table.toBuilder();
        for (int p = 0; p < builder.getPartitionsCount(); p++) {
            PartitionDefinition partition = builder.getPartitions(p);
            if (partition.getPartitionId() != partitionId) {
                continue;
            }
            PartitionDefinition.Builder partitionBuilder = partition.toBuilder();
            for (int t = 0; t < partitionBuilder.getTabletsCount(); t++) {
                if (partitionBuilder.getTablets(t).getTabletId() == tabletId) {
                    partitionBuilder.setTablets(t, change.apply(partitionBuilder.getTablets(t)));
                    builder.setPartitions(p, partitionBuilder);
                    putDatabase(current, database.withTable(builder.build()), counts);
                    return;
                }
            }
        }
        throw new IllegalStateException("tablet " + tabletId + " of partition " + partitionId + " does not exist");
    }

    private static TabletDefinition tabletOrThrow(TableDefinition table, long partitionId, long tabletId) {
        for (PartitionDefinition partition : table.getPartitionsList()) {
            if (partition.getPartitionId() == partitionId) {
                for (TabletDefinition tablet : partition.getTabletsList()) {
                    if (tablet.getTabletId() == tabletId) {
                        return tablet;
                    }
                }
            }
        }
        throw new IllegalStateException("tablet " + tabletId + " of partition " + partitionId + " does not exist");
    }

    private static Map<Long, Long> recountOne(Map<Long, Long> counts, long backendId, int sign) {
        Map<Long, Long> result = new HashMap<>(counts);
        long count = result.getOrDefault(backendId, 0L) + sign;
        if (count < 0) {
            throw new IllegalStateException("backend " + backendId + " would hold fewer than no replicas");
        }
        if (count == 0) {
            result.remove(backendId);
        } else {
            result.put(backendId, count);
        }
        return Map.copyOf(result);
    }

    private static TableDefinition tableOrThrow(DatabaseEntry database, long tableId) {
        return database.table(tableId).orElseThrow(
                () -> new IllegalStateException("table id " + tableId + " does not exist"));
    }

    public void replay(CommitTransactionRecord record) {
        CatalogSnapshot current = state();
        if (current.committed().containsKey(record.getTransactionId())) {
            throw new IllegalStateException("transaction " + record.getTransactionId() + " already committed");
        }
        Map<Long, CommitTransactionRecord> committed = new HashMap<>(current.committed());
        committed.put(record.getTransactionId(), record);
        Map<Long, Set<String>> labels = new HashMap<>(current.labels());
        Set<String> used = new HashSet<>(labels.getOrDefault(record.getDatabaseId(), Set.of()));
        used.add(record.getLabel());
        labels.put(record.getDatabaseId(), Set.copyOf(used));
        publishSamePlacement(current, current.databases(), committed, labels);
    }

    /** Makes a committed transaction's versions visible and moves its replicas forward. */
    public void replay(FinishTransactionRecord record) {
        CatalogSnapshot current = state();
        CommitTransactionRecord commit = current.committed().get(record.getTransactionId());
        if (commit == null) {
            throw new IllegalStateException("transaction " + record.getTransactionId() + " is not committed");
        }
        DatabaseEntry database = current.database(commit.getDatabaseId()).orElse(null);
        TableDefinition table = database == null ? null : database.table(commit.getTableId()).orElse(null);
        Map<Long, CommitTransactionRecord> committed = new HashMap<>(current.committed());
        committed.remove(record.getTransactionId());
        if (table == null) {
            // The table (or its database) was dropped while the load was finishing: nothing to make visible.
            publishSamePlacement(current, current.databases(), committed, current.labels());
            return;
        }
        Set<Long> failed = new HashSet<>(commit.getFailedReplicaIdsList());
        failed.addAll(record.getFailedReplicaIdsList());
        Map<Long, Long> versions = new HashMap<>();
        for (PartitionVersion version : commit.getPartitionsList()) {
            versions.put(version.getPartitionId(), version.getVersion());
        }
        TableDefinition.Builder builder = table.toBuilder();
        for (int p = 0; p < builder.getPartitionsCount(); p++) {
            PartitionDefinition partition = builder.getPartitions(p);
            Long version = versions.get(partition.getPartitionId());
            if (version != null) {
                builder.setPartitions(p, advance(partition, version, record.getTransactionId(),
                        record.getFinishTimeMs(), failed));
            }
        }
        Map<String, DatabaseEntry> databases = new TreeMap<>(current.databases());
        databases.put(database.name(), database.withTable(builder.build()));
        publishSamePlacement(current, databases, committed, current.labels());
    }

    public void replay(AbortTransactionRecord record) {
        // Aborted transactions never committed, so the catalog holds nothing of them.
    }

    /**
     * A finished load's version on each replica of the partition: a replica that holds the
     * version already (a clone caught it) keeps it; one the load failed on, one that missed the
     * version before, and one placed after the load began ({@code min_transaction_id}) are marked
     * as missing it; the rest reach it.
     */
    private static PartitionDefinition advance(PartitionDefinition partition, long version, long transactionId,
                                               long timeMs, Set<Long> failed) {
        PartitionDefinition.Builder builder = partition.toBuilder()
                .setVisibleVersion(Math.max(partition.getVisibleVersion(), version))
                .setVisibleVersionTimeMs(timeMs);
        for (int t = 0; t < builder.getTabletsCount(); t++) {
            TabletDefinition.Builder tablet = builder.getTablets(t).toBuilder();
            for (int r = 0; r < tablet.getReplicasCount(); r++) {
                ReplicaDefinition replica = tablet.getReplicas(r);
                if (replica.getVersion() >= version) {
                    // A clone caught this version up from its source before the finish was recorded.
                    continue;
                }
                if (failed.contains(replica.getReplicaId()) || replica.getVersion() != version - 1
                        || replica.getMinTransactionId() > transactionId) {
                    tablet.setReplicas(r, replica.toBuilder()
                            .setLastFailedVersion(Math.max(replica.getLastFailedVersion(), version)));
                } else {
                    tablet.setReplicas(r, replica.toBuilder().setVersion(version));
                }
            }
            builder.setTablets(t, tablet);
        }
        return builder.build();
    }

    private void putDatabase(CatalogSnapshot current, DatabaseEntry database, Map<Long, Long> replicasByBackend) {
        Map<String, DatabaseEntry> databases = new TreeMap<>(current.databases());
        databases.put(database.name(), database);
        publishNewPlacement(databases, replicasByBackend, current.committed(), current.labels());
    }

    private static DatabaseEntry databaseOrThrow(CatalogSnapshot current, long id) {
        return current.database(id).orElseThrow(() -> new IllegalStateException("database id " + id + " does not exist"));
    }

    /**
     * Publishes a change that moves no replica (a database created, a transaction's commit or
     * finish): the replica counts per backend and the placement version carry over, instead of the
     * counts being recounted over the whole catalog on every load.
     */
    private void publishSamePlacement(CatalogSnapshot current, Map<String, DatabaseEntry> databases,
                                      Map<Long, CommitTransactionRecord> committed, Map<Long, Set<String>> labels) {
        set(new CatalogSnapshot(Map.copyOf(databases), current.replicasByBackend(), Map.copyOf(committed),
                Map.copyOf(labels), current.placementVersion()));
    }

    /**
     * Publishes a change of placement (tables or partitions added or dropped, a snapshot loaded)
     * with its new counts and the next placement version.
     */
    private void publishNewPlacement(Map<String, DatabaseEntry> databases, Map<Long, Long> replicasByBackend,
                                     Map<Long, CommitTransactionRecord> committed, Map<Long, Set<String>> labels) {
        set(new CatalogSnapshot(Map.copyOf(databases), replicasByBackend, Map.copyOf(committed),
                Map.copyOf(labels), state().placementVersion() + 1));
    }

    /**
     * Replicas per backend (SHOW BACKENDS' TabletNum) after adding ({@code sign} +1) or removing
     * (-1) the given partitions' replicas, so a change costs the size of what changed, not of the
     * whole catalog. Backends left with no replica drop out of the map.
     */
    private static Map<Long, Long> recount(Map<Long, Long> counts, Iterable<PartitionDefinition> partitions, int sign) {
        Map<Long, Long> result = new HashMap<>(counts);
        for (PartitionDefinition partition : partitions) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    long count = result.getOrDefault(replica.getBackendId(), 0L) + sign;
                    if (count < 0) {
                        throw new IllegalStateException("backend " + replica.getBackendId()
                                + " would hold fewer than no replicas");
                    }
                    if (count == 0) {
                        result.remove(replica.getBackendId());
                    } else {
                        result.put(replica.getBackendId(), count);
                    }
                }
            }
        }
        return Map.copyOf(result);
    }
}
