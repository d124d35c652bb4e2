package io.tessera.fe.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.rpc.BackendCallException;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.rpc.BackendError;
import io.tessera.fe.rpc.CallDeadline;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.AbortTransactionResponse;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.backend.Status;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.backend.TabletToCreate;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Replica creation against a hand-written door: the claim a CREATE TABLE or ADD PARTITION holds,
 * Doris's timeout and its message, a refusal failing at once, and the drops that follow.
 */
class ReplicaCreatorTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final FakeBackends backends = new FakeBackends();
    private final ReplicaCreator creator = new ReplicaCreator(backends, () -> TabletCreateTimeouts.DEFAULT, clock);

    /** What a backend does with a CreateTablets call: answer (or fail, or ignore) it. */
    @FunctionalInterface
    private interface Behaviour {
        void answer(CreateTabletsRequest request, CompletableFuture<CreateTabletsResponse> call);
    }

    /** Every replica of the call created. */
    private static final Behaviour SUCCEED = (request, call) -> call.complete(statuses(request, -1));

    /** One OK status per replica of the request, but an error for {@code refusedTabletId}. */
    private static CreateTabletsResponse statuses(CreateTabletsRequest request, long refusedTabletId) {
        CreateTabletsResponse.Builder answer = CreateTabletsResponse.newBuilder();
        for (TabletToCreate tablet : request.getTabletsList()) {
            answer.addStatuses(tablet.getTabletId() != refusedTabletId ? Status.getDefaultInstance()
                    : Status.newBuilder().setCode(StatusCode.ALREADY_EXISTS)
                            .setErrorMessage("tablet " + refusedTabletId + " already exists here as replica 7").build());
        }
        return answer.build();
    }

    /** Answers CreateTablets per backend as the test says; records calls, deadlines, drops and cancellations. */
    private static final class FakeBackends implements BackendCalls {
        /** Backend id to what its CreateTablets calls do; absent: succeed. */
        final Map<Long, Behaviour> behaviour = new ConcurrentHashMap<>();
        final List<CallDeadline> deadlines = new CopyOnWriteArrayList<>();
        final List<CreateTabletsRequest> requests = new CopyOnWriteArrayList<>();
        final List<Long> dropped = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<CreateTabletsResponse>> creates = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<CreateTabletsResponse> createTablets(long backendId, CreateTabletsRequest request,
                                                                      CallDeadline deadline) {
            deadlines.add(deadline);
            requests.add(request);
            CompletableFuture<CreateTabletsResponse> call = new CompletableFuture<>();
            creates.add(call);
            behaviour.getOrDefault(backendId, SUCCEED).answer(request, call);
            return call;
        }

        @Override
        public CompletableFuture<DropTabletResponse> dropTablet(long backendId, DropTabletRequest request) {
            dropped.add(request.getReplicaId());
            return CompletableFuture.completedFuture(DropTabletResponse.getDefaultInstance());
        }

        @Override
        public CompletableFuture<CloneTabletResponse> cloneTablet(long destinationBackendId,
                                                                  CloneTabletRequest request, CallDeadline deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WriteRowsResponse> writeRows(long backendId, Iterable<WriteRowsRequest> messages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<PublishVersionResponse> publishVersion(long backendId,
                                                                        PublishVersionRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<AbortTransactionResponse> abortTransaction(long backendId,
                                                                            AbortTransactionRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> scan(long backendId, ScanRequest request, Consumer<ScanResponse> responses) {
            throw new UnsupportedOperationException();
        }
    }

    /** A table with one partition "p1" of {@code tablets} tablets, each with a replica on backends 1 and 2. */
    private static TableDefinition table(int tablets) {
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(20).setName("p1")
                .setVisibleVersion(1);
        for (int i = 0; i < tablets; i++) {
            partition.addTablets(TabletDefinition.newBuilder().setTabletId(100 + i)
                    .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(1000 + 2 * i).setBackendId(1))
                    .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(1001 + 2 * i).setBackendId(2)));
        }
        return TableDefinition.newBuilder().setTableId(11).setName("t").addPartitions(partition).build();
    }

    @Test
    void aTableIsBeingCreatedUntilEveryClaimOnItCloses() {
        ReplicaCreator.Creation first = creator.startCreation(11);
        ReplicaCreator.Creation second = creator.startCreation(11);
        try (ReplicaCreator.Creation other = creator.startCreation(12)) {
            assertThat(creator.tablesBeingCreated()).containsExactlyInAnyOrder(11L, 12L);
        }
        assertThat(creator.tablesBeingCreated()).containsExactly(11L);

        first.close();
        first.close(); // a second close does not release the other statement's claim
        assertThat(creator.tablesBeingCreated()).containsExactly(11L);

        second.close();
        assertThat(creator.tablesBeingCreated()).isEmpty();
    }

    @Test
    void eachBackendGetsItsShareInOneCallUnderDorisDeadlineForTheWholeStatement() {
        TableDefinition table = table(40); // 80 replicas: 2 s each = 160 s, between 30 s and 3600 s

        creator.create(table, table.getPartitionsList());

        assertThat(backends.deadlines).hasSize(2).allSatisfy(deadline ->
                assertThat(deadline.remainingMs(clock)).isEqualTo(160_000));
        assertThat(backends.requests).allSatisfy(request -> {
            assertThat(request.getTableId()).isEqualTo(11);
            assertThat(request.getTabletsCount()).isEqualTo(40);
        });
        assertThat(backends.dropped).isEmpty();
    }

    @Test
    void aStatementOfManyPartitionsGoesInCallsOfAtMostTheBatchSizePerBackendSharingOneDeadline() {
        PartitionDefinition p1 = table(150).getPartitions(0);
        PartitionDefinition p2 = table(150).getPartitions(0).toBuilder().setPartitionId(21).setName("p2")
                .setVisibleVersion(4).clearTablets().addAllTablets(table(150).getPartitions(0).getTabletsList().stream()
                        .map(tablet -> shifted(tablet, 1000)).toList()).build();
        TableDefinition table = table(0).toBuilder().clearPartitions().addPartitions(p1).addPartitions(p2).build();

        creator.create(table, table.getPartitionsList()); // 600 replicas, 300 per backend

        assertThat(backends.requests).extracting(CreateTabletsRequest::getTabletsCount)
                .containsExactlyInAnyOrder(ReplicaCreator.REPLICAS_PER_CALL, 300 - ReplicaCreator.REPLICAS_PER_CALL,
                        ReplicaCreator.REPLICAS_PER_CALL, 300 - ReplicaCreator.REPLICAS_PER_CALL);
        assertThat(backends.deadlines).allSatisfy(deadline ->
                assertThat(deadline.remainingMs(clock)).isEqualTo(1_200_000)); // 600 replicas x 2 s
        assertThat(backends.requests.stream().flatMap(request -> request.getTabletsList().stream()))
                .filteredOn(tablet -> tablet.getTabletId() >= 1100)
                .hasSize(300)
                .allSatisfy(tablet -> {
                    assertThat(tablet.getPartitionId()).isEqualTo(21);
                    assertThat(tablet.getVersion()).isEqualTo(4);
                });
    }

    /** The tablet with its tablet and replica ids moved up by {@code by}. */
    private static TabletDefinition shifted(TabletDefinition tablet, long by) {
        TabletDefinition.Builder moved = tablet.toBuilder().setTabletId(tablet.getTabletId() + by).clearReplicas();
        tablet.getReplicasList().forEach(replica -> moved.addReplicas(replica.toBuilder()
                .setReplicaId(replica.getReplicaId() + by)));
        return moved.build();
    }

    @Test
    void replicasUnfinishedAtTheDeadlineFailThePartitionWithDorisMessageAndEveryReplicaIsDropped() {
        backends.behaviour.put(2L, (request, call) -> call.completeExceptionally(
                new BackendCallException(BackendError.TIMEOUT, 2, "DEADLINE_EXCEEDED", null)));
        TableDefinition table = table(5);

        assertThatThrownBy(() -> creator.create(table, table.getPartitionsList()))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Failed to create partition[p1].Timeout:30 seconds. Unfinished: "
                        + "(backendId = 2, tabletId = 100), (backendId = 2, tabletId = 101), "
                        + "(backendId = 2, tabletId = 102)");
        // Backend 2 may have created them after all.
        assertThat(backends.dropped).containsExactlyInAnyOrder(1000L, 1001L, 1002L, 1003L, 1004L, 1005L, 1006L,
                1007L, 1008L, 1009L);
    }

    @Test
    void aFailedCallFailsTheStatementAtOnceAndCallsNotAnsweredYetAreCancelled() {
        backends.behaviour.put(1L, (request, call) -> {
        }); // never answers
        backends.behaviour.put(2L, (request, call) -> call.completeExceptionally(new BackendCallException(
                BackendError.ALREADY_EXISTS, 2, "tablet 100 already exists here as replica 7", null)));
        TableDefinition table = table(2);

        assertThatThrownBy(() -> creator.create(table, table.getPartitionsList()))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Failed to create table 't': backend 2 could not create tablet 100: tablet 100 already "
                        + "exists here as replica 7. Nothing was created.");
        assertThat(backends.creates).filteredOn(call -> call.isCancelled()).hasSize(1);
        // The cancelled call may have reached backend 1: its replicas are dropped; the failed call's are not.
        assertThat(backends.dropped).containsExactlyInAnyOrder(1000L, 1002L);
    }

    @Test
    void oneReplicaRefusedInACallFailsTheStatementNamingItAndTheOthersCreatedAreDropped() {
        backends.behaviour.put(2L, (request, call) -> call.complete(statuses(request, 101)));
        TableDefinition table = table(3);

        assertThatThrownBy(() -> creator.create(table, table.getPartitionsList()))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Failed to create table 't': backend 2 could not create tablet 101: tablet 101 already "
                        + "exists here as replica 7. Nothing was created.");
        // Every created replica goes again; the refused one (1003) was never this statement's.
        assertThat(backends.dropped).containsExactlyInAnyOrder(1000L, 1002L, 1004L, 1001L, 1005L);
    }

    @Test
    void anAnswerWithTheWrongNumberOfStatusesFailsTheStatementAndDropsTheWholeCall() {
        backends.behaviour.put(2L, (request, call) -> call.complete(CreateTabletsResponse.getDefaultInstance()));
        TableDefinition table = table(2);

        assertThatThrownBy(() -> creator.create(table, table.getPartitionsList()))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Failed to create table 't': backend 2 answered 0 statuses for 2 replicas. "
                        + "Nothing was created.");
        assertThat(backends.dropped).containsExactlyInAnyOrder(1000L, 1002L, 1001L, 1003L);
    }

    @Test
    void dorisTimeoutIsPerReplicaWithinItsFloorAndCap() {
        assertThat(TabletCreateTimeouts.DEFAULT.timeoutMs(1)).isEqualTo(30_000);
        assertThat(TabletCreateTimeouts.DEFAULT.timeoutMs(100)).isEqualTo(200_000);
        assertThat(TabletCreateTimeouts.DEFAULT.timeoutMs(100_000)).isEqualTo(3_600_000);
    }

    @Test
    void aBucketCountOverTheCapIsRefusedNamingTheSetting() {
        new BucketLimit(64).check(64);
        assertThatThrownBy(() -> new BucketLimit(64).check(65))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Number of buckets 65 exceeds the limit of 64 buckets per partition "
                        + "(FE config max_bucket_num_per_partition)");
    }
}
