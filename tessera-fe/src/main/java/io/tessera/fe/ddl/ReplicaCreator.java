package io.tessera.fe.ddl;

import io.grpc.Deadline;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.rpc.DataChannels;
import io.tessera.fe.rpc.GrpcCalls;
import io.tessera.proto.backend.CreateTabletRequest;
import io.tessera.proto.backend.CreateTabletResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every replica of new partitions on its backend before the catalog records them, and
 * removes replicas of dropped tables and partitions. Creation is all or nothing: if any backend
 * fails, the replicas already created are dropped again and the statement fails naming the
 * backend and its reason.
 *
 * <p>Threading: blocking calls on the caller's thread; any number of callers.
 */
public final class ReplicaCreator {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaCreator.class);
    private static final long TIMEOUT_MS = 30_000;

    private final DataChannels channels;

    /** Tables being created or given a partition, with how many such statements run for each. */
    private final Map<Long, Integer> creating = new ConcurrentHashMap<>();

    public ReplicaCreator(DataChannels channels) {
        this.channels = channels;
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

    /** Creates the replicas of the given partitions of the table. */
    public void create(TableDefinition table, List<PartitionDefinition> partitions) {
        TabletSchema schema = schema(table);
        Map<ReplicaOnBackend, CompletableFuture<CreateTabletResponse>> calls = new LinkedHashMap<>();
        for (PartitionDefinition partition : partitions) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    CompletableFuture<CreateTabletResponse> future = new CompletableFuture<>();
                    try {
                        channels.stub(replica.getBackendId()).withDeadline(Deadline.after(TIMEOUT_MS,
                                TimeUnit.MILLISECONDS)).createTablet(CreateTabletRequest.newBuilder()
                                .setTabletId(tablet.getTabletId()).setReplicaId(replica.getReplicaId())
                                .setTableId(table.getTableId()).setPartitionId(partition.getPartitionId())
                                .setSchema(schema).setVersion(partition.getVisibleVersion()).build(),
                                GrpcCalls.completing(future));
                    } catch (RuntimeException e) {
                        future.completeExceptionally(e);
                    }
                    calls.put(new ReplicaOnBackend(tablet.getTabletId(), replica.getReplicaId(), replica.getBackendId()),
                            future);
                }
            }
        }
        List<ReplicaOnBackend> created = new ArrayList<>();
        String failure = null;
        for (Map.Entry<ReplicaOnBackend, CompletableFuture<CreateTabletResponse>> call : calls.entrySet()) {
            String error;
            try {
                error = call.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).getStatus().getErrorMessage();
            } catch (Exception e) {
                error = Failures.rootMessage(e);
            }
            if (error.isEmpty()) {
                created.add(call.getKey());
            } else if (failure == null) {
                failure = "backend " + call.getKey().backendId() + " could not create tablet "
                        + call.getKey().tabletId() + ": " + error;
            }
        }
        if (failure != null) {
            dropReplicas(created);
            throw new TesseraException("Failed to create table '" + table.getName() + "': " + failure
                    + ". Nothing was created.");
        }
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

    private void dropReplicas(List<ReplicaOnBackend> replicas) {
        for (ReplicaOnBackend replica : replicas) {
            try {
                channels.stub(replica.backendId()).withDeadline(Deadline.after(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                        .dropTablet(DropTabletRequest.newBuilder().setTabletId(replica.tabletId())
                                .setReplicaId(replica.replicaId()).build(),
                                GrpcCalls.completing(new CompletableFuture<DropTabletResponse>()));
            } catch (RuntimeException e) {
                LOG.info("could not drop tablet {} on backend {}: {}", replica.tabletId(), replica.backendId(),
                        e.getMessage());
            }
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
