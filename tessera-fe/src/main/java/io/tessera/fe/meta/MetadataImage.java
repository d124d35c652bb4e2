package io.tessera.fe.meta;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.SetGlobalVariableRecord;
import io.tessera.proto.journal.SnapshotRecord;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.UsedLabelsRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The FE's whole hard state at one applied journal index, made of the immutable snapshots the
 * state objects already publish, so capturing it costs four reads and copies nothing. A metadata
 * snapshot file is this image in record form ({@link #forEachRecord}); loading one goes through
 * {@link ReplayDispatcher#replaySnapshot}.
 *
 * <p>Threading: immutable; capture it on the journal's apply thread (see
 * {@link ReplayDispatcher#capture}) so its three parts belong to the same index, then read it on
 * any thread.
 *
 * @param catalog  databases, tables, committed transactions and used labels
 * @param backends every registered backend with its flags
 * @param nextId   the id generator's watermark
 * @param globals  every SET GLOBAL in force, by name
 */
public record MetadataImage(CatalogSnapshot catalog, BackendRegistry.Snapshot backends, long nextId,
                            List<SetGlobalVariableRecord> globals) {

    /**
     * Streams the image as snapshot records, in file order: the id watermark, backends by id,
     * databases by name, each database's tables, committed transactions by id, used labels by
     * database id, global variables by name. Builds one record at a time, so a large catalog is never copied whole.
     */
    public void forEachRecord(Consumer<SnapshotRecord> sink) {
        sink.accept(SnapshotRecord.newBuilder()
                .setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId)).build());
        for (Backend backend : backends.backends()) {
            sink.accept(SnapshotRecord.newBuilder().setBackend(BackendRegistry.toImage(backend)).build());
        }
        Map<String, DatabaseEntry> databases = new TreeMap<>(catalog.databases());
        for (DatabaseEntry database : databases.values()) {
            sink.accept(SnapshotRecord.newBuilder().setDatabase(CreateDatabaseRecord.newBuilder()
                    .setDatabaseId(database.id()).setName(database.name())
                    .setCreateTimeMs(database.createTimeMs())).build());
        }
        for (DatabaseEntry database : databases.values()) {
            for (TableDefinition table : database.tables().values()) {
                sink.accept(SnapshotRecord.newBuilder().setTable(CreateTableRecord.newBuilder()
                        .setDatabaseId(database.id()).setTable(table)).build());
            }
        }
        catalog.committed().values().stream()
                .sorted(Comparator.comparingLong(CommitTransactionRecord::getTransactionId))
                .forEach(commit -> sink.accept(SnapshotRecord.newBuilder().setCommittedTransaction(commit).build()));
        for (Map.Entry<Long, Set<String>> labels : new TreeMap<>(catalog.labels()).entrySet()) {
            sink.accept(SnapshotRecord.newBuilder().setUsedLabels(UsedLabelsRecord.newBuilder()
                    .setDatabaseId(labels.getKey()).addAllLabels(labels.getValue().stream().sorted().toList()))
                    .build());
        }
        for (SetGlobalVariableRecord global : globals) {
            sink.accept(SnapshotRecord.newBuilder().setGlobalVariable(global).build());
        }
    }
}
