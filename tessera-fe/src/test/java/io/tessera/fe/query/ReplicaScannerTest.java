package io.tessera.fe.query;

import io.tessera.common.Clock;
import io.tessera.fe.rpc.CallLimits;
import io.tessera.fe.rpc.GrpcBackendCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Duration;
import io.grpc.stub.ServerCallStreamObserver;
import io.tessera.common.Cancellation;
import io.tessera.common.ErrorCode;
import static org.awaitility.Awaitility.await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads a tablet from real gRPC servers standing in for two backends: when the first replica's
 * backend fails in the middle of a scan, the scanner reads the whole tablet from the other one,
 * without keeping any row of the failed attempt.
 */
class ReplicaScannerTest {
    private static final String HOST_A = "127.0.50.1";
    private static final String HOST_B = "127.0.50.2";

    private final BackendRegistry registry = new BackendRegistry();
    private final Map<Long, Integer> ports = new ConcurrentHashMap<>();
    private Server serverA;
    private Server serverB;
    private GrpcBackendCalls channels;

    @AfterEach
    void stop() {
        if (channels != null) {
            channels.close();
        }
        for (Server server : new Server[] {serverA, serverB}) {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    /** A backend that sends one batch of {@code value}, then fails or completes. */
    private static final class FakeBackend extends BackendServiceGrpc.BackendServiceImplBase {
        private final long value;
        private final boolean failAfterFirstBatch;

        FakeBackend(long value, boolean failAfterFirstBatch) {
            this.value = value;
            this.failAfterFirstBatch = failAfterFirstBatch;
        }

        @Override
        public void scan(ScanRequest request, StreamObserver<ScanResponse> responses) {
            responses.onNext(ScanResponse.newBuilder().setRowsRead(2).setBatch(RowBatch.newBuilder().setRowCount(2)
                    .addColumns(ColumnVector.newBuilder().addIntValues(value).addIntValues(value))).build());
            if (failAfterFirstBatch) {
                responses.onError(Status.UNAVAILABLE.withDescription("backend died").asRuntimeException());
            } else {
                responses.onCompleted();
            }
        }
    }

    private Server start(String host, long backendId, BackendServiceGrpc.BackendServiceImplBase service)
            throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0)).addService(service).build().start();
        ports.put(backendId, server.getPort());
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(backendId).setHost(host)
                .setHeartbeatPort(9050).addTags(BackendTag.newBuilder().setType("location").setValue("default"))
                .build());
        return server;
    }

    private BackendRuntime alive(long backendId) {
        BackendRuntime base = BackendRuntime.NEVER_CONTACTED;
        return new BackendRuntime(ports.getOrDefault(backendId, -1), 8040, -1, -1, 1, 1, true, "", "v", 0, "mix", 1,
                0, 1, 0, 0, 1, 0, 0, 0, base.shuttingDown());
    }

    private static ReplicaScanner.TabletRead tablet() {
        TabletDefinition tablet = TabletDefinition.newBuilder().setTabletId(30)
                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(31).setBackendId(1).setVersion(2))
                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(32).setBackendId(2).setVersion(2))
                .build();
        return new ReplicaScanner.TabletRead(PartitionDefinition.newBuilder().setPartitionId(20).setVisibleVersion(2)
                .addTablets(tablet).build(), tablet);
    }

    @Test
    void aBackendFailingMidScanIsReplacedWithoutDuplicatingRows() throws Exception {
        serverA = start(HOST_A, 1, new FakeBackend(7, true));
        serverB = start(HOST_B, 2, new FakeBackend(9, false));
        channels = GrpcBackendCalls.open(registry::snapshot, this::alive, CallLimits.DEFAULT, Clock.system());
        // Whichever replica the shuffle tries first, the answer is the complete one from backend 2.
        for (int seed = 0; seed < 4; seed++) {
            List<RowBatch> batches = new ReplicaScanner(ClusterView.source(registry::snapshot, this::alive),
                    UnreadableReplicas.NONE, channels, new Random(seed))
                    .scan("t", List.of(tablet()), ScanRequest.getDefaultInstance());
            assertThat(batches).hasSize(1);
            assertThat(batches.get(0).getColumns(0).getIntValuesList()).containsExactly(9L, 9L);
        }
    }

    @Test
    void aTabletWithNoReadableReplicaFailsNamingIt() throws Exception {
        serverA = start(HOST_A, 1, new FakeBackend(7, true));
        serverB = start(HOST_B, 2, new FakeBackend(9, true));
        channels = GrpcBackendCalls.open(registry::snapshot, this::alive, CallLimits.DEFAULT, Clock.system());
        assertThatThrownBy(() -> new ReplicaScanner(ClusterView.source(registry::snapshot, this::alive),
                UnreadableReplicas.NONE, channels, new Random(1))
                .scan("t", List.of(tablet()), ScanRequest.getDefaultInstance()))
                .isInstanceOf(TesseraException.class)
                .hasMessageStartingWith("Table 't' cannot be read: no queryable replica for tablet(s) [30]")
                .hasMessageContaining("backend died");
    }

    /** A backend that never answers a scan, counting the calls it got and the ones the FE cancelled. */
    private static final class HangingBackend extends BackendServiceGrpc.BackendServiceImplBase {
        private final AtomicInteger calls;
        private final AtomicInteger cancels;

        HangingBackend(AtomicInteger calls, AtomicInteger cancels) {
            this.calls = calls;
            this.cancels = cancels;
        }

        @Override
        public void scan(ScanRequest request, StreamObserver<ScanResponse> responses) {
            ((ServerCallStreamObserver<ScanResponse>) responses).setOnCancelHandler(cancels::incrementAndGet);
            calls.incrementAndGet();
        }
    }

    @Test
    void aCancelledStatementCancelsItsScanCallsAndTriesNoOtherReplica() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger cancels = new AtomicInteger();
        serverA = start(HOST_A, 1, new HangingBackend(calls, cancels));
        serverB = start(HOST_B, 2, new HangingBackend(calls, cancels));
        channels = GrpcBackendCalls.open(registry::snapshot, this::alive, CallLimits.DEFAULT, Clock.system());
        Cancellation cancellation = new Cancellation(Clock.system());
        ReplicaScanner scanner = new ReplicaScanner(ClusterView.source(registry::snapshot, this::alive),
                UnreadableReplicas.NONE, channels, new Random(1));
        CompletableFuture<List<RowBatch>> scan = CompletableFuture.supplyAsync(() -> scanner.scan("t",
                List.of(tablet()), ScanRequest.getDefaultInstance(), new AtomicLong(), new AtomicLong(), cancellation));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() == 1);

        cancellation.cancel(new TesseraException(ErrorCode.QUERY_CANCELLED, "cancel query by user from 127.0.0.1"));

        await().atMost(Duration.ofSeconds(20)).until(scan::isDone);
        assertThatThrownBy(scan::join).hasCauseInstanceOf(TesseraException.class)
                .hasMessageEndingWith("cancel query by user from 127.0.0.1");
        await().atMost(Duration.ofSeconds(20)).until(() -> cancels.get() == 1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aStatementWhoseScansReturnMoreThanTheLimitFailsNamingItAndTriesNoOtherReplica() throws Exception {
        serverA = start(HOST_A, 1, new FakeBackend(7, false));
        serverB = start(HOST_B, 2, new FakeBackend(9, false));
        channels = GrpcBackendCalls.open(registry::snapshot, this::alive, CallLimits.DEFAULT, Clock.system());
        ReplicaScanner limited = new ReplicaScanner(ClusterView.source(registry::snapshot, this::alive),
                UnreadableReplicas.NONE, channels, new Random(1), () -> 1L);
        assertThatThrownBy(() -> limited.scan("t", List.of(tablet()), ScanRequest.getDefaultInstance(),
                new AtomicLong(), new AtomicLong(), new Cancellation(Clock.system())))
                .isInstanceOf(TesseraException.class)
                .hasMessageContaining("The scans of this query returned more than 1 bytes to the FE")
                .hasMessageContaining("max_query_scan_bytes");

        ReplicaScanner roomy = new ReplicaScanner(ClusterView.source(registry::snapshot, this::alive),
                UnreadableReplicas.NONE, channels, new Random(1), () -> 1L << 20);
        assertThat(roomy.scan("t", List.of(tablet()), ScanRequest.getDefaultInstance())).hasSize(1);
    }
}
