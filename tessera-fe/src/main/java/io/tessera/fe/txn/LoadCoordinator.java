package io.tessera.fe.txn;

import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.data.RowBatches;
import io.tessera.data.TableRouting;
import io.tessera.fe.cluster.DataChannels;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.AbortTransactionResponse;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.TabletVersion;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a load as one transaction: route rows to partitions and buckets, write each tablet's rows
 * to every replica as a pending rowset, commit when a majority of every tablet's replicas has them
 * (journaled: the load is then durable and must become visible), publish the new versions on the
 * backends, and journal the finish. A replica that misses a version is recorded as such, for
 * repair. A load that cannot commit aborts its pending rowsets and leaves nothing visible.
 *
 * <p>Threading: loads run on the caller's thread (blocking on backend calls) and may run
 * concurrently; commit, publish and finish of one table are serialised by a per-table lock so
 * versions are published in order.
 */
public final class LoadCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(LoadCoordinator.class);
    private static final int ROWS_PER_MESSAGE = 4096;
    private static final long RPC_TIMEOUT_MS = 60_000;

    private final Catalog catalog;
    private final MetadataWriter writer;
    private final DataChannels channels;
    private final Clock clock;
    private final Random random;
    private final Map<Long, ReentrantLock> tableLocks = new ConcurrentHashMap<>();

    public LoadCoordinator(Catalog catalog, MetadataWriter writer, DataChannels channels, Clock clock, Random random) {
        this.catalog = catalog;
        this.writer = writer;
        this.channels = channels;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Loads typed rows (every column, in table order) into the table.
     *
     * @param label the load's label, or null to generate one
     */
    public LoadResult load(String database, String tableName, String label, List<List<Object>> rows) {
        CatalogSnapshot snapshot = catalog.snapshot();
        DatabaseEntry db = snapshot.database(database).orElseThrow(
                () -> new TesseraException("Unknown database '" + database + "'"));
        TableDefinition table = db.table(tableName).orElseThrow(
                () -> new TesseraException("Unknown table '" + tableName + "' in " + database));
        String actualLabel = label != null ? label : generatedLabel();
        if (snapshot.labelUsed(db.id(), actualLabel)) {
            throw labelUsed(actualLabel);
        }
        long transactionId = writer.submit(ids -> new WriteResult<>(List.of(), ids.allocate())).join();
        Map<Long, List<List<Object>>> rowsByTablet = route(table, rows);
        Map<Long, TabletDefinition> tablets = tabletsById(table);
        Map<Long, Long> partitionOfTablet = partitionOfTablet(table);
        Map<Long, CompletableFuture<WriteRowsResponse>> writes = new LinkedHashMap<>();
        Map<Long, Long> backendOfReplica = new HashMap<>();
        for (Map.Entry<Long, List<List<Object>>> entry : rowsByTablet.entrySet()) {
            for (ReplicaDefinition replica : tablets.get(entry.getKey()).getReplicasList()) {
                backendOfReplica.put(replica.getReplicaId(), replica.getBackendId());
                writes.put(replica.getReplicaId(), write(transactionId, entry.getKey(), replica, table, entry.getValue()));
            }
        }
        Set<Long> written = new HashSet<>();
        Map<Long, String> errors = new LinkedHashMap<>();
        for (Map.Entry<Long, CompletableFuture<WriteRowsResponse>> entry : writes.entrySet()) {
            try {
                WriteRowsResponse response = entry.getValue().get(RPC_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (response.getStatus().getErrorMessage().isEmpty()) {
                    written.add(entry.getKey());
                } else {
                    errors.put(entry.getKey(), response.getStatus().getErrorMessage());
                }
            } catch (Exception e) {
                errors.put(entry.getKey(), String.valueOf(rootMessage(e)));
            }
        }
        checkMajorities(table, rowsByTablet.keySet(), tablets, written, errors, transactionId, backendOfReplica);
        ReentrantLock lock = tableLocks.computeIfAbsent(table.getTableId(), id -> new ReentrantLock());
        lock.lock();
        try {
            CommitTransactionRecord commit;
            try {
                commit = writer.submit(ids -> generateCommit(db.id(), table.getTableId(), transactionId, actualLabel,
                        rowsByTablet.keySet(), partitionOfTablet, writes.keySet(), written, rows.size())).join();
            } catch (RuntimeException e) {
                abort(transactionId, backendOfReplica);
                throw e;
            }
            // Committed: from here the load must become visible, so failures only mark replicas.
            List<Long> publishFailures = publish(commit, tablets, written);
            writer.submit(ids -> new WriteResult<>(List.of(JournalRecord.newBuilder().setFinishTransaction(
                    FinishTransactionRecord.newBuilder().setTransactionId(transactionId)
                            .setFinishTimeMs(clock.wallMillis()).addAllFailedReplicaIds(publishFailures)).build()),
                    null)).join();
        } finally {
            lock.unlock();
        }
        return new LoadResult(transactionId, actualLabel, rows.size(), "VISIBLE");
    }

    private WriteResult<CommitTransactionRecord> generateCommit(long databaseId, long tableId, long transactionId,
            String label, Set<Long> tabletIds, Map<Long, Long> partitionOfTablet, Set<Long> replicaIds,
            Set<Long> written, long rowCount) {
        CatalogSnapshot snapshot = catalog.snapshot();
        DatabaseEntry db = snapshot.database(databaseId).orElseThrow(
                () -> new TesseraException("the database was dropped during the load"));
        TableDefinition table = db.table(tableId).orElseThrow(
                () -> new TesseraException("the table was dropped during the load"));
        if (snapshot.labelUsed(databaseId, label)) {
            throw labelUsed(label);
        }
        Map<Long, Long> versions = new TreeMap<>();
        for (long tabletId : tabletIds) {
            long partitionId = partitionOfTablet.get(tabletId);
            versions.computeIfAbsent(partitionId, id -> nextVersion(snapshot, table, id));
        }
        CommitTransactionRecord.Builder commit = CommitTransactionRecord.newBuilder()
                .setTransactionId(transactionId).setLabel(label).setDatabaseId(databaseId).setTableId(tableId)
                .setCommitTimeMs(clock.wallMillis()).setLoadedRows(rowCount);
        versions.forEach((partition, version) -> commit.addPartitions(
                PartitionVersion.newBuilder().setPartitionId(partition).setVersion(version)));
        for (long replicaId : replicaIds) {
            if (!written.contains(replicaId)) {
                commit.addFailedReplicaIds(replicaId);
            }
        }
        CommitTransactionRecord record = commit.build();
        return new WriteResult<>(List.of(JournalRecord.newBuilder().setCommitTransaction(record).build()), record);
    }

    private static long nextVersion(CatalogSnapshot snapshot, TableDefinition table, long partitionId) {
        long version = table.getPartitionsList().stream().filter(p -> p.getPartitionId() == partitionId)
                .mapToLong(PartitionDefinition::getVisibleVersion).findFirst().orElseThrow();
        for (CommitTransactionRecord committed : snapshot.committed().values()) {
            for (PartitionVersion pv : committed.getPartitionsList()) {
                if (pv.getPartitionId() == partitionId) {
                    version = Math.max(version, pv.getVersion());
                }
            }
        }
        return version + 1;
    }

    private List<Long> publish(CommitTransactionRecord commit, Map<Long, TabletDefinition> tablets,
                               Set<Long> written) {
        Map<Long, Long> versionByPartition = new HashMap<>();
        commit.getPartitionsList().forEach(pv -> versionByPartition.put(pv.getPartitionId(), pv.getVersion()));
        Map<Long, Long> partitionOfTablet = new HashMap<>();
        TableDefinition table = catalog.snapshot().database(commit.getDatabaseId())
                .flatMap(db -> db.table(commit.getTableId())).orElseThrow();
        partitionOfTablet.putAll(partitionOfTablet(table));
        Map<Long, PublishVersionRequest.Builder> byBackend = new TreeMap<>();
        Map<TabletOnBackend, Long> replicaOfTabletOnBackend = new HashMap<>();
        for (TabletDefinition tablet : tablets.values()) {
            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                if (!written.contains(replica.getReplicaId())) {
                    continue;
                }
                long version = versionByPartition.get(partitionOfTablet.get(tablet.getTabletId()));
                byBackend.computeIfAbsent(replica.getBackendId(), id -> PublishVersionRequest.newBuilder()
                        .setTransactionId(commit.getTransactionId()))
                        .addTablets(TabletVersion.newBuilder().setTabletId(tablet.getTabletId())
                                .setReplicaId(replica.getReplicaId()).setVersion(version));
                replicaOfTabletOnBackend.put(new TabletOnBackend(tablet.getTabletId(), replica.getBackendId()),
                        replica.getReplicaId());
            }
        }
        List<Long> failed = new ArrayList<>();
        Map<Long, CompletableFuture<PublishVersionResponse>> calls = new LinkedHashMap<>();
        for (Map.Entry<Long, PublishVersionRequest.Builder> entry : byBackend.entrySet()) {
            CompletableFuture<PublishVersionResponse> future = new CompletableFuture<>();
            try {
                channels.stub(entry.getKey()).withDeadline(Deadline.after(RPC_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                        .publishVersion(entry.getValue().build(), GrpcCalls.completing(future));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
            calls.put(entry.getKey(), future);
        }
        for (Map.Entry<Long, CompletableFuture<PublishVersionResponse>> entry : calls.entrySet()) {
            PublishVersionRequest request = byBackend.get(entry.getKey()).build();
            try {
                PublishVersionResponse response = entry.getValue().join();
                for (long tabletId : response.getFailedTabletIdsList()) {
                    failed.add(replicaOfTabletOnBackend.get(new TabletOnBackend(tabletId, entry.getKey())));
                }
            } catch (RuntimeException e) {
                LOG.warn("publish of transaction {} failed on backend {}: {}", commit.getTransactionId(),
                        entry.getKey(), rootMessage(e));
                request.getTabletsList().forEach(t -> failed.add(t.getReplicaId()));
            }
        }
        return failed;
    }

    private record TabletOnBackend(long tabletId, long backendId) {
    }

    private CompletableFuture<WriteRowsResponse> write(long transactionId, long tabletId, ReplicaDefinition replica,
                                                       TableDefinition table, List<List<Object>> rows) {
        CompletableFuture<WriteRowsResponse> future = new CompletableFuture<>();
        try {
            List<ColumnSchema> schema = table.getColumnsList().stream().map(ColumnDefinition::getSchema).toList();
            StreamObserver<WriteRowsRequest> requests = channels.stub(replica.getBackendId())
                    .withDeadline(Deadline.after(RPC_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .writeRows(GrpcCalls.completing(future));
            WriteHeader header = WriteHeader.newBuilder().setTransactionId(transactionId).setTabletId(tabletId)
                    .setReplicaId(replica.getReplicaId()).build();
            boolean first = true;
            for (int start = 0; start < rows.size(); start += ROWS_PER_MESSAGE) {
                WriteRowsRequest.Builder message = WriteRowsRequest.newBuilder().setBatch(
                        RowBatches.encode(schema, rows.subList(start, Math.min(rows.size(), start + ROWS_PER_MESSAGE))));
                if (first) {
                    message.setHeader(header);
                    first = false;
                }
                requests.onNext(message.build());
            }
            WriteRowsRequest.Builder end = WriteRowsRequest.newBuilder().setEos(true);
            if (first) {
                end.setHeader(header);
            }
            requests.onNext(end.build());
            requests.onCompleted();
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    private void checkMajorities(TableDefinition table, Set<Long> tabletIds, Map<Long, TabletDefinition> tablets,
                                 Set<Long> written, Map<Long, String> errors, long transactionId,
                                 Map<Long, Long> backendOfReplica) {
        for (long tabletId : tabletIds) {
            TabletDefinition tablet = tablets.get(tabletId);
            int replicas = tablet.getReplicasCount();
            long ok = tablet.getReplicasList().stream().filter(r -> written.contains(r.getReplicaId())).count();
            if (ok < replicas / 2 + 1) {
                abort(transactionId, backendOfReplica);
                List<String> reasons = new ArrayList<>();
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    if (errors.containsKey(replica.getReplicaId())) {
                        reasons.add("backend " + replica.getBackendId() + ": " + errors.get(replica.getReplicaId()));
                    }
                }
                throw new TesseraException("Failed to load into table '" + table.getName() + "': tablet " + tabletId
                        + " was written on " + ok + " of " + replicas + " replicas, a majority is needed ("
                        + String.join("; ", reasons) + "). Nothing was loaded.");
            }
        }
    }

    private void abort(long transactionId, Map<Long, Long> backendOfReplica) {
        for (long backendId : new HashSet<>(backendOfReplica.values())) {
            try {
                channels.stub(backendId).withDeadline(Deadline.after(10, TimeUnit.SECONDS)).abortTransaction(
                        AbortTransactionRequest.newBuilder().setTransactionId(transactionId).build(),
                        GrpcCalls.completing(new CompletableFuture<AbortTransactionResponse>()));
            } catch (RuntimeException e) {
                LOG.info("could not tell backend {} to abort transaction {}: {}", backendId, transactionId,
                        e.getMessage());
            }
        }
    }

    /**
     * Rows grouped by the tablet they belong to. Every tablet of a partition the load touches takes
     * part (with no rows if none fall into it), so the whole partition moves to the new version.
     */
    private Map<Long, List<List<Object>>> route(TableDefinition table, List<List<Object>> rows) {
        Map<Long, List<List<Object>>> byTablet = new LinkedHashMap<>();
        Set<Integer> touched = new HashSet<>();
        for (List<Object> row : rows) {
            int partitionIndex = TableRouting.partitionIndex(table, row);
            if (touched.add(partitionIndex)) {
                for (TabletDefinition tablet : table.getPartitions(partitionIndex).getTabletsList()) {
                    byTablet.putIfAbsent(tablet.getTabletId(), new ArrayList<>());
                }
            }
            PartitionDefinition partition = table.getPartitions(partitionIndex);
            int bucket = TableRouting.bucket(table, row, random.nextLong());
            long tabletId = partition.getTablets(bucket).getTabletId();
            byTablet.computeIfAbsent(tabletId, id -> new ArrayList<>()).add(row);
        }
        return byTablet;
    }

    private static Map<Long, TabletDefinition> tabletsById(TableDefinition table) {
        Map<Long, TabletDefinition> tablets = new HashMap<>();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                tablets.put(tablet.getTabletId(), tablet);
            }
        }
        return tablets;
    }

    private static Map<Long, Long> partitionOfTablet(TableDefinition table) {
        Map<Long, Long> result = new HashMap<>();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                result.put(tablet.getTabletId(), partition.getPartitionId());
            }
        }
        return result;
    }

    private String generatedLabel() {
        return "label_" + Long.toHexString(random.nextLong()) + "_" + Long.toHexString(random.nextLong());
    }

    private static TesseraException labelUsed(String label) {
        return new TesseraException("Label [" + label + "] has already been used.");
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
