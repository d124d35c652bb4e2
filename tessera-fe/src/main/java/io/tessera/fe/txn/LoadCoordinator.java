package io.tessera.fe.txn;

import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.data.RowBatches;
import io.tessera.data.TableRouting;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs an INSERT's rows as one load transaction: route rows to partitions and buckets, write each
 * tablet's rows to every replica on an alive backend as a pending rowset, then hand the outcome to
 * {@link LoadTransactions}, which commits when a majority of every tablet's replicas has them,
 * publishes and finishes (the same path Stream Load takes). A load that cannot commit leaves
 * nothing visible.
 *
 * <p>Threading: loads run on the caller's thread (blocking on backend calls) and may run
 * concurrently; see {@link LoadTransactions} for how commits of one table are ordered.
 */
public final class LoadCoordinator {
    /** Doris's {@code insert_timeout} default (4 h), shown as the transaction's TimeoutMs. */
    static final long INSERT_TIMEOUT_MS = 14_400_000L;
    private static final int ROWS_PER_MESSAGE = 4096;

    private final Catalog catalog;
    private final LoadTransactions transactions;
    private final BackendCalls backends;
    private final Supplier<ClusterView> cluster;
    private final Random random;
    /** Running INSERT loads: transaction id to table id. */
    private final Map<Long, Long> running = new ConcurrentHashMap<>();

    /** @param cluster which backends are alive now: a replica on a dead one is not written */
    public LoadCoordinator(Catalog catalog, LoadTransactions transactions, BackendCalls backends,
                           Supplier<ClusterView> cluster, Random random) {
        this.catalog = catalog;
        this.transactions = transactions;
        this.backends = backends;
        this.cluster = cluster;
        this.random = random;
    }

    /**
     * Loads typed rows (every column, in table order) into the table.
     *
     * @param label the load's label, or null to generate one
     */
    public LoadResult load(String database, String tableName, String label, List<List<Object>> rows) {
        CatalogLookup.tableOrThrow(catalog.snapshot(), database, tableName);
        // The id first, the table's layout after: a replica the tablet scheduler places later has a
        // higher min_transaction_id than this load, so the load's finish never counts it as written.
        long transactionId = transactions.allocateTransactionId();
        CatalogSnapshot snapshot = catalog.snapshot();
        DatabaseEntry db = CatalogLookup.databaseOrThrow(snapshot, database);
        TableDefinition table = CatalogLookup.tableOrThrow(db, tableName);
        String actualLabel = label != null ? label : generatedLabel();
        if (snapshot.labelUsed(db.id(), actualLabel)) {
            throw CatalogControl.labelUsed(actualLabel);
        }
        running.put(transactionId, table.getTableId());
        transactions.history().beginInsert(transactionId, db.id(), actualLabel, INSERT_TIMEOUT_MS);
        try {
            return load(db.id(), table, transactionId, actualLabel, rows);
        } catch (RuntimeException e) {
            transactions.aborted(transactionId, String.valueOf(Failures.rootMessage(e)));
            throw e;
        } finally {
            running.remove(transactionId);
        }
    }

    /** Transactions of the INSERTs running now. */
    public Set<Long> runningTransactionIds() {
        return Set.copyOf(running.keySet());
    }

    /** Tables an INSERT is loading into now (its rows may be on their way to replicas). */
    public Set<Long> runningTableIds() {
        return Set.copyOf(running.values());
    }

    private LoadResult load(long databaseId, TableDefinition table, long transactionId, String actualLabel,
                            List<List<Object>> rows) {
        Map<Long, List<List<Object>>> rowsByTablet = route(table, rows);
        TableTablets layout = new TableTablets(table);
        Map<Long, CompletableFuture<WriteRowsResponse>> writes = new LinkedHashMap<>();
        Map<Long, String> errors = new LinkedHashMap<>();
        ClusterView view = cluster.get();
        for (Map.Entry<Long, List<List<Object>>> entry : rowsByTablet.entrySet()) {
            for (ReplicaDefinition replica : layout.tablet(entry.getKey()).getReplicasList()) {
                if (!view.isAlive(replica.getBackendId())) {
                    // As Doris's table sink: only replicas on alive backends are written, so an
                    // unreachable (hung, partitioned) backend holds no load up for its call deadline.
                    // The replica misses the version and is repaired once its backend is back.
                    errors.put(replica.getReplicaId(), "not alive, not written");
                    continue;
                }
                writes.put(replica.getReplicaId(), write(transactionId, entry.getKey(), replica, table, entry.getValue()));
            }
        }
        Set<Long> written = new HashSet<>();
        for (Map.Entry<Long, CompletableFuture<WriteRowsResponse>> entry : writes.entrySet()) {
            try {
                entry.getValue().join();
                written.add(entry.getKey());
            } catch (RuntimeException e) {
                errors.put(entry.getKey(), String.valueOf(Failures.rootMessage(e)));
            }
        }
        return transactions.commit(new LoadCommit(databaseId, table, transactionId, actualLabel, rowsByTablet.keySet(),
                written, errors, rows.size()));
    }

    private CompletableFuture<WriteRowsResponse> write(long transactionId, long tabletId, ReplicaDefinition replica,
                                                       TableDefinition table, List<List<Object>> rows) {
        List<ColumnSchema> schema = table.getColumnsList().stream().map(ColumnDefinition::getSchema).toList();
        WriteHeader header = WriteHeader.newBuilder().setTransactionId(transactionId).setTabletId(tabletId)
                .setReplicaId(replica.getReplicaId()).build();
        return backends.writeRows(replica.getBackendId(), () -> messages(header, schema, rows).iterator());
    }

    /** The stream's messages, encoded as they are sent: the header on the first, eos on the last. */
    private static List<WriteRowsRequest> messages(WriteHeader header, List<ColumnSchema> schema,
                                                   List<List<Object>> rows) {
        List<WriteRowsRequest> messages = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += ROWS_PER_MESSAGE) {
            WriteRowsRequest.Builder message = WriteRowsRequest.newBuilder().setBatch(
                    RowBatches.encode(schema, rows.subList(start, Math.min(rows.size(), start + ROWS_PER_MESSAGE))));
            if (messages.isEmpty()) {
                message.setHeader(header);
            }
            messages.add(message.build());
        }
        WriteRowsRequest.Builder end = WriteRowsRequest.newBuilder().setEos(true);
        if (messages.isEmpty()) {
            end.setHeader(header);
        }
        messages.add(end.build());
        return messages;
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

    private String generatedLabel() {
        return "label_" + Long.toHexString(random.nextLong()) + "_" + Long.toHexString(random.nextLong());
    }
}
