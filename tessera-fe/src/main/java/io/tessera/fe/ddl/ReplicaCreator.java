package io.tessera.fe.ddl;

import io.tessera.common.Clock;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.rpc.BackendCallException;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.rpc.BackendError;
import io.tessera.fe.rpc.BackendErrors;
import io.tessera.fe.rpc.CallDeadline;
import io.tessera.proto.backend.CreateTabletRequest;
import io.tessera.proto.backend.CreateTabletResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every replica of new partitions on its backend before the catalog records them, and
 * removes replicas of dropped tables and partitions. Creation is all or nothing and goes partition
 * by partition, as in Doris: each partition's replicas have {@link TabletCreateTimeouts#timeoutMs}
 * together; a backend refusing one fails the statement at once (naming the backend and its
 * reason), and replicas unfinished at the deadline fail it with Doris's message
 * ({@code Failed to create partition[p].Timeout:30 seconds. Unfinished: ...}). Either way the
 * replicas that may exist are dropped again. All calls go through {@link BackendCalls}, which
 * bounds how many are in flight, so a table of many tablets never floods a backend.
 *
 * <p>Threading: blocking calls on the caller's thread; any number of callers.
 */
public final class ReplicaCreator {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaCreator.class);
    /** Doris shows at most this many unfinished replicas in a timeout message. */
    private static final int UNFINISHED_SHOWN = 3;

    private final BackendCalls backends;
    private final Supplier<TabletCreateTimeouts> timeouts;
    private final Clock clock;

    /** Tables being created or given a partition, with how many such statements run for each. */
    private final Map<Long, Integer> creating = new ConcurrentHashMap<>();

    /** @param timeouts the timeouts in force, asked once per partition (ADMIN SET FRONTEND CONFIG changes them) */
    public ReplicaCreator(BackendCalls backends, Supplier<TabletCreateTimeouts> timeouts, Clock clock) {
        this.backends = backends;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /**
     * Marks a table as being created (or given a partition) until the handle closes: open it before
     * the first replica is created and close it once the table's record is journaled or its replicas
     * are dropped again, so report reconciliation never takes those replicas for strays meanwhile.
     */
    Creation startCreation(long tableId) {
        creating.merge(tableId, 1, Integer::sum);
        return new Creation(tableId);
    }

    /**
     * Creates the replicas of the given partitions, then runs {@code journal} (which records them);
     * when that fails the replicas are dropped again. Throughout, the table counts as being created
     * ({@link #tablesBeingCreated}), so report reconciliation never takes the replicas for strays.
     */
    public void createThenJournal(TableDefinition table, List<PartitionDefinition> partitions, Runnable journal) {
        try (Creation creation = startCreation(table.getTableId())) {
            create(table, partitions);
            try {
                journal.run();
            } catch (RuntimeException e) {
                drop(partitions);
                throw e;
            }
        }
    }

    /** Tables whose replicas may exist on backends before their record is journaled. */
    public Set<Long> tablesBeingCreated() {
        return Set.copyOf(creating.keySet());
    }

    /** One statement's claim on a table being created; closing it twice is harmless. */
    final class Creation implements AutoCloseable {
        private final long tableId;
        private boolean closed;

        private Creation(long tableId) {
            this.tableId = tableId;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                creating.computeIfPresent(tableId, (id, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    /** Creates the replicas of the given partitions of the table, partition by partition. */
    public void create(TableDefinition table, List<PartitionDefinition> partitions) {
        TabletSchema schema = schema(table);
        List<ReplicaOnBackend> mayExist = new ArrayList<>();
        try {
            for (PartitionDefinition partition : partitions) {
                createPartition(table, schema, partition, mayExist);
            }
        } catch (RuntimeException e) {
            dropReplicas(mayExist);
            throw e;
        }
    }

    /**
     * Creates one partition's replicas; adds every replica that may now exist on its backend to
     * {@code mayExist}, even when it fails.
     */
    private void createPartition(TableDefinition table, TabletSchema schema, PartitionDefinition partition,
                                 List<ReplicaOnBackend> mayExist) {
        int replicaCount = partition.getTabletsList().stream().mapToInt(TabletDefinition::getReplicasCount).sum();
        long timeoutMs = timeouts.get().timeoutMs(replicaCount);
        CallDeadline deadline = CallDeadline.after(clock, timeoutMs);
        Map<ReplicaOnBackend, CompletableFuture<CreateTabletResponse>> calls = new LinkedHashMap<>();
        CompletableFuture<Void> refused = new CompletableFuture<>();
        for (TabletDefinition tablet : partition.getTabletsList()) {
            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                CompletableFuture<CreateTabletResponse> call = backends.createTablet(replica.getBackendId(),
                        CreateTabletRequest.newBuilder().setTabletId(tablet.getTabletId())
                                .setReplicaId(replica.getReplicaId()).setTableId(table.getTableId())
                                .setPartitionId(partition.getPartitionId()).setSchema(schema)
                                .setVersion(partition.getVisibleVersion()).build(), deadline);
                call.whenComplete((answer, failure) -> {
                    if (failure != null && error(replica.getBackendId(), failure).error() != BackendError.TIMEOUT) {
                        refused.complete(null);
                    }
                });
                calls.put(new ReplicaOnBackend(tablet.getTabletId(), replica.getReplicaId(), replica.getBackendId()),
                        call);
            }
        }
        // Every call ends by the deadline (the door fails those still waiting for their turn then).
        CompletableFuture.anyOf(CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)), refused)
                .handle((ended, failure) -> ended).join();
        calls.values().forEach(call -> call.cancel(false)); // those not sent yet never will be
        String failure = null;
        List<ReplicaOnBackend> unfinished = new ArrayList<>();
        for (Map.Entry<ReplicaOnBackend, CompletableFuture<CreateTabletResponse>> call : calls.entrySet()) {
            ReplicaOnBackend replica = call.getKey();
            Throwable thrown = call.getValue().handle((answer, error) -> error).join();
            if (thrown == null) {
                mayExist.add(replica);
                continue;
            }
            BackendCallException error = error(replica.backendId(), thrown);
            switch (error.error()) {
                case TIMEOUT -> {
                    unfinished.add(replica);
                    mayExist.add(replica);
                }
                case CANCELLED -> mayExist.add(replica);
                default -> {
                    if (failure == null) {
                        failure = "backend " + replica.backendId() + " could not create tablet " + replica.tabletId()
                                + ": " + Failures.rootMessage(error);
                    }
                }
            }
        }
        if (failure != null) {
            throw new TesseraException("Failed to create table '" + table.getName() + "': " + failure
                    + ". Nothing was created.");
        }
        if (!unfinished.isEmpty()) {
            String message = "Failed to create partition[" + partition.getName() + "].Timeout:" + (timeoutMs / 1000)
                    + " seconds. Unfinished: " + unfinished.stream().limit(UNFINISHED_SHOWN)
                    .map(r -> "(backendId = " + r.backendId() + ", tabletId = " + r.tabletId() + ")")
                    .collect(Collectors.joining(", "));
            LOG.warn("{} ({} of {} replicas unfinished)", message, unfinished.size(), calls.size());
            throw new TesseraException(message);
        }
    }

    private static BackendCallException error(long backendId, Throwable failure) {
        return BackendErrors.of(backendId, failure);
    }

    /** Removes the replicas of the given partitions; best effort (a dead backend keeps its files for now). */
    public void drop(List<PartitionDefinition> partitions) {
        List<ReplicaOnBackend> replicas = new ArrayList<>();
        for (PartitionDefinition partition : partitions) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    replicas.add(new ReplicaOnBackend(tablet.getTabletId(), replica.getReplicaId(),
                            replica.getBackendId()));
                }
            }
        }
        dropReplicas(replicas);
    }

    /** Asks the backends to drop the replicas, through the door's bounds; does not wait. */
    private void dropReplicas(List<ReplicaOnBackend> replicas) {
        for (ReplicaOnBackend replica : replicas) {
            backends.dropTablet(replica.backendId(), DropTabletRequest.newBuilder().setTabletId(replica.tabletId())
                    .setReplicaId(replica.replicaId()).build()).whenComplete((answer, failure) -> {
                        if (failure != null) {
                            LOG.info("could not drop tablet {} on backend {}: {}", replica.tabletId(),
                                    replica.backendId(), Failures.rootMessage(failure));
                        }
                    });
        }
    }

    /** The schema every replica of the table stores. */
    public static TabletSchema schema(TableDefinition table) {
        TabletSchema.Builder schema = TabletSchema.newBuilder().setSchemaHash(table.getSchemaHash());
        for (ColumnDefinition column : table.getColumnsList()) {
            schema.addColumns(column.getSchema());
        }
        return schema.build();
    }


    private record ReplicaOnBackend(long tabletId, long replicaId, long backendId) {
    }
}
