package io.tessera.fe.ddl;

import io.tessera.common.Clock;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.rpc.BackendCallException;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.rpc.BackendError;
import io.tessera.fe.rpc.BackendErrors;
import io.tessera.fe.rpc.CallDeadline;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.TabletToCreate;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every replica of new partitions on its backend before the catalog records them, and
 * removes replicas of dropped tables and partitions. Creation is all or nothing. Doris creates a
 * statement's partitions one after another, one task per replica; Tessera sends each backend its
 * share of the whole statement in a few {@code CreateTablets} calls ({@value #REPLICAS_PER_CALL}
 * replicas at most each), so a table of 10,000 tablets on 1,000 backends costs about a thousand
 * calls, not 30,000. The statement's replicas therefore share one deadline, Doris's formula
 * ({@link TabletCreateTimeouts#timeoutMs}) applied to all of them: the same as Doris's for one
 * partition, at most {@code max_create_table_timeout_second} for many (see
 * docs/compatibility.md). A backend refusing a replica fails the statement at once (naming the
 * backend, the tablet and its reason), and replicas unfinished at the deadline fail it with Doris's
 * message naming the first partition with unfinished replicas
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
    /** At most this many replicas go in one CreateTablets call (one backend's, one table's). */
    static final int REPLICAS_PER_CALL = 256;

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

    /**
     * Creates the replicas of the given partitions of the table: each backend's share in calls of
     * at most {@value #REPLICAS_PER_CALL} replicas, all calls at once, under one deadline.
     */
    public void create(TableDefinition table, List<PartitionDefinition> partitions) {
        List<ReplicaOnBackend> mayExist = new ArrayList<>();
        try {
            createAll(table, partitions, mayExist);
        } catch (RuntimeException e) {
            dropReplicas(mayExist);
            throw e;
        }
    }

    /**
     * Sends every replica's creation and waits until all are answered, one is refused, or the
     * deadline passes; adds every replica that may now exist on its backend to {@code mayExist},
     * even when it fails.
     */
    private void createAll(TableDefinition table, List<PartitionDefinition> partitions,
                           List<ReplicaOnBackend> mayExist) {
        Map<Long, List<ReplicaToCreate>> byBackend = new LinkedHashMap<>();
        int replicaCount = 0;
        for (PartitionDefinition partition : partitions) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    byBackend.computeIfAbsent(replica.getBackendId(), id -> new ArrayList<>()).add(new ReplicaToCreate(
                            replicaCount++, partition, new ReplicaOnBackend(tablet.getTabletId(),
                            replica.getReplicaId(), replica.getBackendId())));
                }
            }
        }
        long timeoutMs = timeouts.get().timeoutMs(replicaCount);
        CallDeadline deadline = CallDeadline.after(clock, timeoutMs);
        TabletSchema schema = schema(table);
        List<Batch> batches = new ArrayList<>();
        CompletableFuture<Void> refused = new CompletableFuture<>();
        for (Map.Entry<Long, List<ReplicaToCreate>> backend : byBackend.entrySet()) {
            List<ReplicaToCreate> replicas = backend.getValue();
            for (int from = 0; from < replicas.size(); from += REPLICAS_PER_CALL) {
                List<ReplicaToCreate> part = replicas.subList(from, Math.min(replicas.size(), from + REPLICAS_PER_CALL));
                CreateTabletsRequest.Builder request = CreateTabletsRequest.newBuilder()
                        .setTableId(table.getTableId()).setSchema(schema);
                for (ReplicaToCreate replica : part) {
                    request.addTablets(TabletToCreate.newBuilder().setTabletId(replica.replica().tabletId())
                            .setReplicaId(replica.replica().replicaId())
                            .setPartitionId(replica.partition().getPartitionId())
                            .setVersion(replica.partition().getVisibleVersion()));
                }
                long backendId = backend.getKey();
                CompletableFuture<CreateTabletsResponse> call = backends.createTablets(backendId, request.build(),
                        deadline);
                call.whenComplete((answer, failure) -> {
                    boolean refusal = failure != null
                            ? error(backendId, failure).error() != BackendError.TIMEOUT
                            : answer.getStatusesCount() != part.size() || answer.getStatusesList().stream()
                                    .anyMatch(status -> BackendErrors.of(backendId, status).isPresent());
                    if (refusal) {
                        refused.complete(null);
                    }
                });
                batches.add(new Batch(backendId, part, call));
            }
        }
        // Every call ends by the deadline (the door fails those still waiting for their turn then).
        CompletableFuture.anyOf(CompletableFuture.allOf(batches.stream().map(Batch::call)
                        .toArray(CompletableFuture[]::new)), refused).handle((ended, failure) -> ended).join();
        batches.forEach(batch -> batch.call().cancel(false)); // those not sent yet never will be
        Outcome outcome = new Outcome();
        for (Batch batch : batches) {
            outcome.add(batch, mayExist);
        }
        if (outcome.failure != null) {
            throw new TesseraException("Failed to create table '" + table.getName() + "': " + outcome.failure
                    + ". Nothing was created.");
        }
        if (!outcome.unfinished.isEmpty()) {
            outcome.unfinished.sort(Comparator.comparingInt(ReplicaToCreate::order));
            PartitionDefinition first = outcome.unfinished.get(0).partition();
            String message = "Failed to create partition[" + first.getName() + "].Timeout:" + (timeoutMs / 1000)
                    + " seconds. Unfinished: " + outcome.unfinished.stream()
                    .filter(replica -> replica.partition() == first).limit(UNFINISHED_SHOWN)
                    .map(r -> "(backendId = " + r.replica().backendId() + ", tabletId = " + r.replica().tabletId() + ")")
                    .collect(Collectors.joining(", "));
            LOG.warn("{} ({} of {} replicas unfinished)", message, outcome.unfinished.size(), replicaCount);
            throw new TesseraException(message);
        }
    }

    /** A replica to create, with its place in the statement's order and its partition. */
    private record ReplicaToCreate(int order, PartitionDefinition partition, ReplicaOnBackend replica) {
    }

    /** One CreateTablets call: its backend, its replicas in request order, its answer. */
    private record Batch(long backendId, List<ReplicaToCreate> replicas, CompletableFuture<CreateTabletsResponse> call) {
    }

    /** What the calls came to: the first refusal, and the replicas unfinished at the deadline. */
    private static final class Outcome {
        String failure;
        final List<ReplicaToCreate> unfinished = new ArrayList<>();

        /** Reads one ended (or cancelled) call; adds the replicas it may have created to {@code mayExist}. */
        void add(Batch batch, List<ReplicaOnBackend> mayExist) {
            Throwable thrown = batch.call().handle((answer, error) -> error).join();
            if (thrown == null) {
                CreateTabletsResponse answer = batch.call().join();
                if (answer.getStatusesCount() != batch.replicas().size()) {
                    batch.replicas().forEach(replica -> mayExist.add(replica.replica()));
                    refuse("backend " + batch.backendId() + " answered " + answer.getStatusesCount()
                            + " statuses for " + batch.replicas().size() + " replicas");
                    return;
                }
                for (int i = 0; i < batch.replicas().size(); i++) {
                    ReplicaOnBackend replica = batch.replicas().get(i).replica();
                    Optional<BackendCallException> refusal = BackendErrors.of(batch.backendId(),
                            answer.getStatuses(i));
                    if (refusal.isEmpty()) {
                        mayExist.add(replica);
                    } else {
                        refuse(replica, refusal.get());
                    }
                }
                return;
            }
            BackendCallException error = error(batch.backendId(), thrown);
            switch (error.error()) {
                case TIMEOUT -> {
                    unfinished.addAll(batch.replicas());
                    batch.replicas().forEach(replica -> mayExist.add(replica.replica()));
                }
                case CANCELLED -> batch.replicas().forEach(replica -> mayExist.add(replica.replica()));
                default -> refuse(batch.replicas().get(0).replica(), error);
            }
        }

        private void refuse(ReplicaOnBackend replica, BackendCallException error) {
            refuse("backend " + replica.backendId() + " could not create tablet " + replica.tabletId() + ": "
                    + Failures.rootMessage(error));
        }

        private void refuse(String reason) {
            if (failure == null) {
                failure = reason;
            }
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
