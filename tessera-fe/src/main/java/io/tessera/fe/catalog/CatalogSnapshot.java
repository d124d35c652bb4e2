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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An immutable view of the catalog: databases by name, how many replicas each backend holds, and
 * the transactions that committed but are not yet visible.
 *
 * <p>Equality is the catalog's contents: {@code placementVersion} is left out of {@link #equals}
 * and {@link #hashCode}. It counts the changes of placement one {@link Catalog} went through, not
 * what the catalog holds, and is not written to metadata snapshots: an FE restored from a snapshot
 * holds the very catalog it was taken from, with another count.
 *
 * @param databases            by name
 * @param replicasByBackend    backend id to its replica count (SHOW BACKENDS' TabletNum)
 * @param committed            committed, not yet finished transactions, by id
 * @param labels               every label used, per database id (a label loads at most once)
 * @param placementVersion     changes (goes up) with every record of a type that adds, drops or moves
 *                             replicas, and only then, so a reader can tell cheaply that no replica
 *                             moved since a snapshot of the same {@link Catalog} (see
 *                             report.ReplicaIndex; which records change it: {@link Catalog}); soft,
 *                             0 for a catalog not built by replaying records
 */
public record CatalogSnapshot(
        Map<String, DatabaseEntry> databases,
        Map<Long, Long> replicasByBackend,
        Map<Long, CommitTransactionRecord> committed,
        Map<Long, java.util.Set<String>> labels,
        long placementVersion) implements StateImage {

    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(Map.of(), Map.of(), Map.of(), Map.of(), 0);

    /** Equal contents; the placement version is not compared (see the class comment). */
    @Override
    public boolean equals(Object other) {
        return other instanceof CatalogSnapshot that && databases.equals(that.databases)
                && replicasByBackend.equals(that.replicasByBackend) && committed.equals(that.committed)
                && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(databases, replicasByBackend, committed, labels);
    }

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
