package io.tessera.be.service;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tessera.be.clone.RowsetSource;
import io.tessera.be.storage.scan.ScanSpec;
import io.tessera.be.storage.scan.TabletScanner;
import io.tessera.be.storage.tablet.ReplicaReadView;
import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.Exprs;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.TabletToCreate;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.backend.TabletVersion;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import io.tessera.proto.data.AggregateCall;
import io.tessera.proto.data.AggregateFunction;
import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Operator;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BackendService end to end over in-process gRPC: every answer carries a Status, never a gRPC error. */
class BackendServiceImplTest {
    static final TabletSchema SCHEMA = Batches.schema(column("id", DataType.BIGINT), varchar("name", 10));
    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private ExecutorService scanThreads;
    private Server server;
    private ManagedChannel channel;
    private BackendServiceGrpc.BackendServiceBlockingStub blocking;

    @BeforeEach
    void start() throws Exception {
        fixture = new StoreFixture(dir);
        scanThreads = Executors.newFixedThreadPool(2);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new BackendServiceImpl(fixture.store, new TabletScanner(fixture.allocator), scanThreads,
                        null, new RowsetSource(fixture.store), scanThreads))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        blocking = BackendServiceGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        scanThreads.shutdownNow();
        assertThat(scanThreads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        fixture.close();
    }

    private void createTablet(long tabletId) {
        assertThat(blocking.createTablets(CreateTabletsRequest.newBuilder().setTableId(100).setSchema(SCHEMA)
                .addTablets(TabletToCreate.newBuilder().setTabletId(tabletId).setReplicaId(tabletId + 1)
                        .setPartitionId(200).setVersion(1))
                .build()).getStatuses(0).getErrorMessage()).isEmpty();
    }

    private static WriteRowsRequest header(long transactionId, long tabletId) {
        return WriteRowsRequest.newBuilder().setHeader(WriteHeader.newBuilder().setTransactionId(transactionId)
                .setTabletId(tabletId).setReplicaId(tabletId + 1)).build();
    }

    private static WriteRowsRequest batch(RowBatch batch) {
        return WriteRowsRequest.newBuilder().setBatch(batch).build();
    }

    private static WriteRowsRequest eos() {
        return WriteRowsRequest.newBuilder().setEos(true).build();
    }

    /** Sends the messages on one WriteRows stream (completing it unless told not to) and returns the answer. */
    private WriteRowsResponse writeRows(boolean complete, WriteRowsRequest... messages) throws Exception {
        CompletableFuture<WriteRowsResponse> answer = new CompletableFuture<>();
        StreamObserver<WriteRowsRequest> requests = BackendServiceGrpc.newStub(channel).writeRows(
                new StreamObserver<>() {
                    @Override
                    public void onNext(WriteRowsResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        for (WriteRowsRequest message : messages) {
            requests.onNext(message);
        }
        if (complete) {
            requests.onCompleted();
        }
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private PublishVersionResponse publish(long transactionId, long... tabletVersions) {
        PublishVersionRequest.Builder request = PublishVersionRequest.newBuilder().setTransactionId(transactionId);
        for (int i = 0; i < tabletVersions.length; i += 2) {
            request.addTablets(TabletVersion.newBuilder().setTabletId(tabletVersions[i])
                    .setReplicaId(tabletVersions[i] + 1).setVersion(tabletVersions[i + 1]));
        }
        return blocking.publishVersion(request.build());
    }

    private List<ScanResponse> scan(ScanRequest request) {
        List<ScanResponse> responses = new ArrayList<>();
        Iterator<ScanResponse> stream = blocking.scan(request);
        stream.forEachRemaining(responses::add);
        return responses;
    }

    private static List<RowBatch> batches(List<ScanResponse> responses) {
        assertThat(responses).allSatisfy(response -> assertThat(response.getStatus().getErrorMessage()).isEmpty());
        return responses.stream().map(ScanResponse::getBatch).toList();
    }

    @Test
    void aBatchCreatesEachReplicaOnItsOwnAndAnswersOneStatusPerReplicaInOrder() {
        createTablet(10); // tablet 10 is held as replica 11: creating it as replica 99 is refused
        CreateTabletsResponse answer = blocking.createTablets(CreateTabletsRequest.newBuilder().setTableId(100)
                .setSchema(SCHEMA)
                .addTablets(TabletToCreate.newBuilder().setTabletId(30).setReplicaId(31).setPartitionId(200))
                .addTablets(TabletToCreate.newBuilder().setTabletId(10).setReplicaId(99).setPartitionId(200))
                .addTablets(TabletToCreate.newBuilder().setTabletId(40).setReplicaId(41).setPartitionId(200)
                        .setVersion(3))
                .build());

        assertThat(answer.getStatusesList()).extracting(status -> status.getErrorMessage().isEmpty())
                .containsExactly(true, false, true);
        assertThat(answer.getStatuses(1).getErrorMessage())
                .isEqualTo("tablet 10 already exists here as replica 11 of table 100 partition 200");
        assertThat(fixture.store.replicas()).extracting(replica -> replica.tabletId())
                .containsExactlyInAnyOrder(10L, 30L, 40L);
    }

    @Test
    void createWritePublishScanAndDropEndToEnd() throws Exception {
        createTablet(10);
        WriteRowsResponse written = writeRows(true, header(7, 10),
                batch(Batches.batch(SCHEMA, List.of(row(1L, "a"), row(2L, null)))),
                batch(Batches.batch(SCHEMA, List.of(row(3L, "c")))), eos());
        assertThat(written.getStatus().getErrorMessage()).isEmpty();
        assertThat(written.getRowsWritten()).isEqualTo(3);
        assertThat(written.getBytesWritten()).isPositive();

        PublishVersionResponse published = publish(7, 10, 2);
        assertThat(published.getStatus().getErrorMessage()).isEmpty();
        assertThat(published.getFailedTabletIdsList()).isEmpty();

        ScanRequest.Builder scan = ScanRequest.newBuilder().setTabletId(10).setReplicaId(11).setVersion(2);
        List<ScanResponse> rows = scan(scan.clone().addColumns(1).addColumns(0)
                .setFilter(Exprs.call(Operator.GE, Exprs.col(0), Exprs.lit(2))).build());
        assertThat(Batches.rows(batches(rows))).containsExactly(Arrays.asList(null, 2L), List.of("c", 3L));
        assertThat(rows.stream().mapToLong(ScanResponse::getRowsRead).sum()).isEqualTo(3);

        List<ScanResponse> counted = scan(scan.clone().setAggregation(Aggregation.newBuilder()
                .addCalls(AggregateCall.newBuilder().setFunction(AggregateFunction.COUNT_STAR))
                .addCalls(AggregateCall.newBuilder().setFunction(AggregateFunction.SUM).setColumn(0))).build());
        assertThat(Batches.rows(batches(counted))).containsExactly(List.of(3L, 6L));

        assertThat(blocking.dropTablet(DropTabletRequest.newBuilder().setTabletId(10).setReplicaId(11).build())
                .getStatus().getErrorMessage()).isEmpty();
        assertThat(fixture.store.replicas()).isEmpty();
        assertThat(blocking.dropTablet(DropTabletRequest.newBuilder().setTabletId(10).setReplicaId(11).build())
                .getStatus().getErrorMessage()).isEmpty();
        List<ScanResponse> gone = scan(scan.build());
        assertThat(gone).hasSize(1);
        assertThat(gone.get(0).getStatus().getErrorMessage()).isEqualTo("tablet 10 not found");
    }

    /** A Stream Load sends batches serialized once for all replicas (encoded_batch); they land as batch's do. */
    @Test
    void anEncodedBatchIsWrittenAsABatchIs() throws Exception {
        createTablet(10);
        WriteRowsResponse written = writeRows(true, header(7, 10),
                WriteRowsRequest.newBuilder().setEncodedBatch(Batches.batch(SCHEMA, List.of(row(1L, "a"), row(2L, null)))
                        .toByteString()).build(),
                batch(Batches.batch(SCHEMA, List.of(row(3L, "c")))), eos());
        assertThat(written.getStatus().getErrorMessage()).isEmpty();
        assertThat(written.getRowsWritten()).isEqualTo(3);
        assertThat(publish(7, 10, 2).getStatus().getErrorMessage()).isEmpty();

        List<ScanResponse> rows = scan(ScanRequest.newBuilder().setTabletId(10).setReplicaId(11).setVersion(2)
                .addColumns(0).addColumns(1).build());
        assertThat(Batches.rows(batches(rows))).containsExactly(List.of(1L, "a"), Arrays.asList(2L, null),
                List.of(3L, "c"));

        createTablet(20);
        WriteRowsResponse garbage = writeRows(true, header(8, 20), WriteRowsRequest.newBuilder()
                .setEncodedBatch(com.google.protobuf.ByteString.copyFromUtf8("not a batch")).build(), eos());
        assertThat(garbage.getStatus().getCode()).as("the sender's error, not a fault").isEqualTo(StatusCode.INVALID_REQUEST);
        assertThat(garbage.getStatus().getErrorMessage())
                .startsWith("WriteRows of transaction 8 to tablet 20 replica 21: encoded_batch is not a RowBatch: ")
                .doesNotContain("BE log");
    }

    @Test
    void aMessageWithBothABatchAndAnEncodedBatchIsRefused() throws Exception {
        createTablet(10);
        RowBatch rows = Batches.batch(SCHEMA, List.of(row(1L, "a")));

        WriteRowsResponse refused = writeRows(true, header(7, 10),
                WriteRowsRequest.newBuilder().setBatch(rows).setEncodedBatch(rows.toByteString()).build(), eos());

        assertThat(refused.getStatus().getCode()).isEqualTo(StatusCode.INVALID_REQUEST);
        assertThat(refused.getStatus().getErrorMessage()).isEqualTo("WriteRows of transaction 7 to tablet 10 replica 11: "
                + "a message sets both batch and encoded_batch; send one of them");
        assertThat(publish(7, 10, 2).getFailedTabletIdsList()).as("nothing was written").containsExactly(10L);
    }

    @Test
    void aMalformedBatchIsRefusedAndLeavesNothing() throws Exception {
        createTablet(10);
        RowBatch oneColumn = RowBatch.newBuilder().setRowCount(1)
                .addColumns(ColumnVector.newBuilder().addIntValues(5)).build();

        WriteRowsResponse refused = writeRows(true, header(7, 10),
                batch(Batches.batch(SCHEMA, List.of(row(1L, "a")))), batch(oneColumn), eos());

        assertThat(refused.getStatus().getErrorMessage())
                .isEqualTo("WriteRows of transaction 7 to tablet 10 replica 11: batch 2 has 1 columns; the tablet has 2");
        try (Stream<Path> pending = Files.list(fixture.store.replica(10).orElseThrow().layout().pendingDir())) {
            assertThat(pending).isEmpty();
        }
        PublishVersionResponse publish = publish(7, 10, 2);
        assertThat(publish.getFailedTabletIdsList()).containsExactly(10L);
        assertThat(publish.getStatus().getErrorMessage()).isEqualTo("publish of transaction 7 failed on 1 of 1 "
                + "tablets: tablet 10 replica 11 has no pending rowset of transaction 7");
    }

    @Test
    void badStreamsAreAnsweredWithAStatus() throws Exception {
        createTablet(10);
        assertThat(writeRows(true, batch(Batches.batch(SCHEMA, List.of(row(1L, "a")))))
                .getStatus().getErrorMessage()).isEqualTo("WriteRows: the first message must carry the header");
        assertThat(writeRows(true, header(7, 10), batch(Batches.batch(SCHEMA, List.of(row(1L, "a")))))
                .getStatus().getErrorMessage())
                .isEqualTo("WriteRows of transaction 7 to tablet 10 replica 11: the stream ended without eos; "
                        + "nothing was written");
        assertThat(writeRows(false, header(7, 99)).getStatus().getErrorMessage())
                .isEqualTo("WriteRows of transaction 7 to tablet 99 replica 100: tablet 99 not found");
        assertThat(writeRows(true, header(7, 10), header(7, 10)).getStatus().getErrorMessage())
                .isEqualTo("WriteRows of transaction 7 to tablet 10 replica 11: the header was sent twice");
        assertThat(blocking.createTablets(CreateTabletsRequest.newBuilder()
                .addTablets(TabletToCreate.newBuilder().setTabletId(20).setReplicaId(21))
                .setSchema(TabletSchema.getDefaultInstance()).build()).getStatuses(0).getErrorMessage())
                .isEqualTo("the tablet schema has no columns");
    }

    @Test
    void aPublishReportsTheTabletsThatFailedAndPublishesTheRest() throws Exception {
        createTablet(10);
        createTablet(20);
        assertThat(writeRows(true, header(7, 10), batch(Batches.batch(SCHEMA, List.of(row(1L, "a")))), eos())
                .getStatus().getErrorMessage()).isEmpty();

        PublishVersionResponse response = publish(7, 10, 2, 20, 2);

        assertThat(response.getFailedTabletIdsList()).containsExactly(20L);
        assertThat(response.getStatus().getErrorMessage()).contains("tablet 20 replica 21 has no pending rowset");
        assertThat(fixture.store.replica(10).orElseThrow().meta().getVersion()).isEqualTo(2);
        assertThat(publish(7, 10, 2).getStatus().getErrorMessage()).isEmpty();
    }

    @Test
    void abortDropsPendingRowsets() throws Exception {
        createTablet(10);
        writeRows(true, header(7, 10), batch(Batches.batch(SCHEMA, List.of(row(1L, "a")))), eos());

        assertThat(blocking.abortTransaction(AbortTransactionRequest.newBuilder().setTransactionId(7).build())
                .getStatus().getErrorMessage()).isEmpty();

        assertThat(fixture.store.replica(10).orElseThrow().hasPending(7)).isFalse();
        assertThat(publish(7, 10, 2).getFailedTabletIdsList()).containsExactly(10L);
    }

    @Test
    void scanErrorsArriveInTheStatus() throws Exception {
        createTablet(10);
        List<ScanResponse> tooNew = scan(ScanRequest.newBuilder().setTabletId(10).setReplicaId(11).setVersion(4)
                .build());
        assertThat(tooNew).singleElement().satisfies(response -> assertThat(response.getStatus().getErrorMessage())
                .isEqualTo("tablet 10 replica 11 is at version 1; cannot read version 4"));
        List<ScanResponse> badFilter = scan(ScanRequest.newBuilder().setTabletId(10).setReplicaId(11).setVersion(1)
                .setFilter(Exprs.call(Operator.EQ, Exprs.col(1), Exprs.lit(3))).build());
        assertThat(badFilter).singleElement().satisfies(response -> assertThat(response.getStatus().getErrorMessage())
                .isEqualTo("filter: cannot compare column name (VARCHAR(10)) with BIGINT literal"));
    }

    @Test
    void aLargeScanStreamsEveryRowAtTheClientsPace() throws Exception {
        createTablet(10);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            rows.add(row(i, "name-" + (i % 100)));
        }
        assertThat(writeRows(true, header(7, 10), batch(Batches.batch(SCHEMA, rows)), eos()).getRowsWritten())
                .isEqualTo(50_000);
        publish(7, 10, 2);

        List<ScanResponse> responses = scan(ScanRequest.newBuilder().setTabletId(10).setReplicaId(11).setVersion(2)
                .addColumns(0).addColumns(1).build());

        assertThat(Batches.rows(batches(responses))).isEqualTo(rows);
        assertThat(responses).allSatisfy(response -> assertThat(response.getBatch().getRowCount()).isLessThanOrEqualTo(4096));
    }

    @Test
    void aCancelledScanStopsReadingBeforeItsNextRecordBatch() throws Exception {
        createTablet(10);
        for (long load = 0; load < 3; load++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 0; i < 1000; i++) {
                rows.add(row(load * 1000 + i, "n"));
            }
            writeRows(true, header(7 + load, 10), batch(Batches.batch(SCHEMA, rows)), eos());
            publish(7 + load, 10, 2 + load);
        }
        ScanSpec count = new ScanSpec(List.of(), Optional.empty(), Optional.of(Aggregation.newBuilder()
                .addCalls(AggregateCall.newBuilder().setFunction(AggregateFunction.COUNT_STAR)).build()), 0);
        TabletScanner scanner = new TabletScanner(fixture.allocator);
        List<RowBatch> sent = new ArrayList<>();
        long[] rowsRead = {0};
        AtomicInteger checks = new AtomicInteger();
        try (ReplicaReadView view = fixture.store.read(10, 11, 4)) {
            boolean whole = scanner.scan(view, count, (batch, read) -> {
                rowsRead[0] += read;
                return sent.add(batch);
            }, () -> checks.incrementAndGet() > 1);
            assertThat(whole).isFalse();
        }
        // The count never finished: nothing was sent, and only the first record batch was read.
        assertThat(sent).isEmpty();
        assertThat(checks.get()).isEqualTo(2);

        try (ReplicaReadView view = fixture.store.read(10, 11, 4)) {
            assertThat(scanner.scan(view, count, (batch, read) -> sent.add(batch), () -> false)).isTrue();
        }
        assertThat(Batches.rows(sent)).containsExactly(List.of(3000L));
    }
}
