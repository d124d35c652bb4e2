package io.tessera.fe.catalog;

import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.SnapshotRecord;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.UsedLabelsRecord;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An immutable view of the catalog: databases by name, how many replicas each backend holds, and
 * the transactions that committed but are not yet visible.
 *
 * @param databases            by name
 * @param replicasByBackend    backend id to its replica count (SHOW BACKENDS' TabletNum); a change that
 *                             moves no replica carries the same instance over, so its identity tells
 *                             readers cheaply that placement is unchanged (see report.ReplicaIndex)
 * @param committed            committed, not yet finished transactions, by id
 * @param labels               every label used, per database id (a label loads at most once)
 */
public record CatalogSnapshot(
        Map<String, DatabaseEntry> databases,
        Map<Long, Long> replicasByBackend,
        Map<Long, CommitTransactionRecord> committed,
        Map<Long, java.util.Set<String>> labels) implements StateImage {

    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(Map.of(), Map.of(), Map.of(), Map.of());

    public Optional<DatabaseEntry> database(String name) {
        return Optional.ofNullable(databases.get(name));
    }

    public Optional<DatabaseEntry> database(long id) {
        return databases.values().stream().filter(d -> d.id() == id).findFirst();
    }

    public Optional<TableDefinition> table(String database, String table) {
        return database(database).flatMap(d -> d.table(table));
    }

    public long replicaCount(long backendId) {
        return replicasByBackend.getOrDefault(backendId, 0L);
    }

    public boolean labelUsed(long databaseId, String label) {
        return labels.getOrDefault(databaseId, java.util.Set.of()).contains(label);
    }

    /**
     * Streams the catalog as snapshot records, in file order: databases by name, each database's
     * tables, committed transactions by id, used labels by database id.
     */
    @Override
    public void forEachRecord(Consumer<SnapshotRecord> sink) {
        Map<String, DatabaseEntry> byName = new TreeMap<>(databases);
        for (DatabaseEntry database : byName.values()) {
            sink.accept(SnapshotRecord.newBuilder().setDatabase(CreateDatabaseRecord.newBuilder()
                    .setDatabaseId(database.id()).setName(database.name())
                    .setCreateTimeMs(database.createTimeMs())).build());
        }
        for (DatabaseEntry database : byName.values()) {
            for (TableDefinition table : database.tables().values()) {
                sink.accept(SnapshotRecord.newBuilder().setTable(CreateTableRecord.newBuilder()
                        .setDatabaseId(database.id()).setTable(table)).build());
            }
        }
        committed.values().stream()
                .sorted(Comparator.comparingLong(CommitTransactionRecord::getTransactionId))
                .forEach(commit -> sink.accept(SnapshotRecord.newBuilder().setCommittedTransaction(commit).build()));
        for (Map.Entry<Long, Set<String>> used : new TreeMap<>(labels).entrySet()) {
            sink.accept(SnapshotRecord.newBuilder().setUsedLabels(UsedLabelsRecord.newBuilder()
                    .setDatabaseId(used.getKey()).addAllLabels(used.getValue().stream().sorted().toList()))
                    .build());
        }
    }
}
