package io.tessera.be.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.tessera.common.ClusterCredentials;
import io.tessera.common.ClusterCredentialsAttacher;
import io.tessera.proto.backend.DropTabletRequest;
import java.util.Optional;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tessera.be.config.BeConfig;
import io.tessera.be.heartbeat.WatchRecorder;
import io.tessera.common.ManualClock;
import io.tessera.common.TesseraVersion;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.TabletToCreate;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.TabletVersion;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real backend on 127.0.0.1 with free ports, reached over real Netty and HTTP connections. */
class BackendTest {
    private static final ClusterCredentials CREDENTIALS = new ClusterCredentials(77, "t");
    private static final long START_TIME_MS = 1_764_150_930_000L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Backend startBackend(Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("priority_networks", "127.0.0.1/32",
                "heartbeat_service_port", "0", "be_port", "0", "webserver_port", "0"));
        values.putAll(overrides);
        Backend backend = new Backend(BeConfig.from(values, home, warning -> { }), new ManualClock(START_TIME_MS));
        toClose.add(backend);
        backend.start();
        return backend;
    }

    /** A channel carrying the credentials {@link #heartbeat} binds the backend to (cluster 77, token "t"). */
    private ManagedChannel channel(int port) {
        return channel(port, Optional.of(CREDENTIALS));
    }

    private ManagedChannel channel(int port, Optional<ClusterCredentials> credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                InsecureChannelCredentials.create()).intercept(new ClusterCredentialsAttacher(() -> credentials)).build();
        toClose.add(() -> channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
        return channel;
    }

    /** Binds a new backend to cluster 77 with the binding heartbeat, which needs no credentials. */
    private void bind(Backend backend) {
        HeartbeatResponse response = HeartbeatServiceGrpc.newBlockingStub(channel(backend.heartbeatPort(),
                Optional.empty())).withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(heartbeat(77, 10001));
        assertThat(response.getErrorMessage()).isEmpty();
    }

    private static HeartbeatRequest heartbeat(long clusterId, long backendId) {
        return HeartbeatRequest.newBuilder().setClusterId(clusterId).setToken("t").setBackendId(backendId)
                .setBackendHost("127.0.0.1").setFrontendHost("127.0.0.1").build();
    }

    @Test
    void answersHeartbeatsOverNetty() {
        Backend backend = startBackend(Map.of());
        HeartbeatServiceGrpc.HeartbeatServiceBlockingStub stub = HeartbeatServiceGrpc.newBlockingStub(
                channel(backend.heartbeatPort())).withDeadlineAfter(10, TimeUnit.SECONDS);

        HeartbeatResponse response = stub.heartbeat(heartbeat(77, 10001));

        assertThat(response.getErrorMessage()).isEmpty();
        assertThat(backend.heartbeatPort()).isPositive();
        assertThat(response.getBePort()).isEqualTo(backend.bePort()).isPositive();
        assertThat(response.getHttpPort()).isEqualTo(backend.webserverPort()).isPositive();
        assertThat(response.getBrpcPort()).isEqualTo(-1);
        assertThat(response.getArrowFlightSqlPort()).isEqualTo(-1);
        assertThat(response.getVersion()).isEqualTo(TesseraVersion.version());
        assertThat(response.getStartTimeMs()).isEqualTo(START_TIME_MS);
        assertThat(response.getNodeRole()).isEqualTo("mix");
        assertThat(response.getCpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(response.getMemoryBytes()).isPositive();
        assertThat(response.getDisksCount()).isEqualTo(1);
        assertThat(response.getDisks(0).getPath()).isEqualTo(home.resolve("storage").toString());
        assertThat(backend.storageRootPaths()).containsExactly(home.resolve("storage"));
        assertThat(home.resolve("storage/cluster_id")).hasContent("77\n");
    }

    @Test
    void answersHealthOverHttp() throws Exception {
        Backend backend = startBackend(Map.of());
        HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + backend.webserverPort() + "/api/health")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\": \"OK\",\"msg\": \"To Be Added\"}");
        HttpResponse<String> other = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + backend.webserverPort() + "/metrics")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void bePortServesTheBackendServiceAndNotHeartbeats() throws Exception {
        Backend backend = startBackend(Map.of());
        bind(backend);
        ManagedChannel channel = channel(backend.bePort());
        HeartbeatServiceGrpc.HeartbeatServiceBlockingStub heartbeats = HeartbeatServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> heartbeats.heartbeat(heartbeat(77, 10001)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));

        BackendServiceGrpc.BackendServiceBlockingStub service = BackendServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(service.createTablets(createTablet(10)).getStatuses(0).getErrorMessage()).isEmpty();
        assertThat(backend.tabletStore().replicas()).hasSize(1);
    }

    @Test
    void replicasSurviveARestartAndDataUsedIsReportedByHeartbeats() throws Exception {
        Backend first = startBackend(Map.of());
        bind(first);
        BackendServiceGrpc.BackendServiceBlockingStub service = BackendServiceGrpc.newBlockingStub(
                channel(first.bePort())).withDeadlineAfter(10, TimeUnit.SECONDS);
        service.createTablets(createTablet(10));
        writeOneRow(first.bePort(), 10);
        assertThat(service.publishVersion(PublishVersionRequest.newBuilder().setTransactionId(5)
                .addTablets(TabletVersion.newBuilder().setTabletId(10).setReplicaId(11).setVersion(2)).build())
                .getStatus().getErrorMessage()).isEmpty();
        first.close();

        Backend restarted = startBackend(Map.of());
        assertThat(restarted.tabletStore().replicas()).singleElement()
                .satisfies(replica -> assertThat(replica.version()).isEqualTo(2));
        HeartbeatResponse response = HeartbeatServiceGrpc.newBlockingStub(channel(restarted.heartbeatPort()))
                .withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(heartbeat(77, 10001));
        assertThat(response.getDisks(0).getDataUsedBytes()).isGreaterThan(500);
    }

    @Test
    void aNewBackendIdMovesReplicasToTrashAndForgetsThem() throws Exception {
        Backend backend = startBackend(Map.of());
        HeartbeatServiceGrpc.HeartbeatServiceBlockingStub heartbeats = HeartbeatServiceGrpc.newBlockingStub(
                channel(backend.heartbeatPort())).withDeadlineAfter(10, TimeUnit.SECONDS);
        heartbeats.heartbeat(heartbeat(77, 10001));
        BackendServiceGrpc.newBlockingStub(channel(backend.bePort())).withDeadlineAfter(10, TimeUnit.SECONDS)
                .createTablets(createTablet(10));

        heartbeats.heartbeat(heartbeat(77, 10002));

        assertThat(backend.tabletStore().replicas()).isEmpty();
        assertThat(home.resolve("storage/data")).isEmptyDirectory();
    }

    private static CreateTabletsRequest createTablet(long tabletId) {
        return CreateTabletsRequest.newBuilder().setTableId(1).addTablets(TabletToCreate.newBuilder()
                .setTabletId(tabletId).setReplicaId(tabletId + 1).setPartitionId(2).setVersion(1)).setSchema(TabletSchema.newBuilder().addColumns(ColumnSchema
                        .newBuilder().setName("id").setType(DataType.BIGINT))).build();
    }

    private void writeOneRow(int port, long tabletId) throws Exception {
        CompletableFuture<WriteRowsResponse> answer = new CompletableFuture<>();
        StreamObserver<WriteRowsRequest> stream = BackendServiceGrpc.newStub(channel(port)).writeRows(
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
        stream.onNext(WriteRowsRequest.newBuilder().setHeader(WriteHeader.newBuilder().setTransactionId(5)
                .setTabletId(tabletId).setReplicaId(tabletId + 1)).setBatch(RowBatch.newBuilder().setRowCount(1)
                .addColumns(ColumnVector.newBuilder().addIntValues(42))).setEos(true).build());
        stream.onCompleted();
        assertThat(answer.get(10, TimeUnit.SECONDS).getStatus().getErrorMessage()).isEmpty();
    }

    @Test
    void closeCompletesWatchStreamsAndReportsShutdown() {
        Backend backend = startBackend(Map.of());
        bind(backend);
        ManagedChannel channel = channel(backend.heartbeatPort());
        WatchRecorder watch = new WatchRecorder();
        HeartbeatServiceGrpc.newStub(channel).watch(WatchRequest.newBuilder().setBackendId(10001).build(), watch);
        await().atMost(WAIT).until(() -> watch.events.size() == 1);
        assertThat(watch.events.get(0).getStartTimeMs()).isEqualTo(START_TIME_MS);

        backend.close();

        await().atMost(WAIT).until(watch::completed);
        assertThat(watch.error()).isNull();
        assertThatThrownBy(() -> HeartbeatServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(heartbeat(77, 10001)))
                .isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void startsOnlyOnce() {
        Backend backend = startBackend(Map.of());
        int port = backend.heartbeatPort();
        assertThatThrownBy(backend::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the backend was already started");
        assertThat(backend.heartbeatPort()).isEqualTo(port);
    }

    @Test
    void aTakenPortFailsStartWithAClearMessage() {
        Backend first = startBackend(Map.of());
        int port = first.heartbeatPort();
        Path otherHome = home.resolve("other");
        Backend second = new Backend(BeConfig.from(Map.of("heartbeat_service_port", Integer.toString(port),
                "be_port", "0", "webserver_port", "0"), otherHome, warning -> { }), new ManualClock(START_TIME_MS));
        toClose.add(second);

        assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("port " + port + " on 127.0.0.1 is in use by another process");
    }

    @Test
    void aRestartedBackendStillRefusesAnotherCluster() {
        Backend first = startBackend(Map.of());
        HeartbeatServiceGrpc.newBlockingStub(channel(first.heartbeatPort())).withDeadlineAfter(10, TimeUnit.SECONDS)
                .heartbeat(heartbeat(77, 10001));
        first.close();

        Backend restarted = startBackend(Map.of());
        assertThatThrownBy(() -> HeartbeatServiceGrpc.newBlockingStub(channel(restarted.heartbeatPort(),
                        Optional.of(new ClusterCredentials(88, "t")))).withDeadlineAfter(10, TimeUnit.SECONDS)
                .heartbeat(heartbeat(88, 10001)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("(127.0.0.1)[INTERNAL_ERROR]invalid cluster id. ignore.");
                });
        assertThat(home.resolve("storage/cluster_id")).hasContent("77\n");
    }

    @Test
    void anUnboundBackendAcceptsOnlyTheBindingHeartbeat() {
        Backend backend = startBackend(Map.of());
        BackendServiceGrpc.BackendServiceBlockingStub bare = BackendServiceGrpc.newBlockingStub(
                channel(backend.bePort(), Optional.empty())).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bare.createTablets(createTablet(10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        WatchRecorder watch = new WatchRecorder();
        HeartbeatServiceGrpc.newStub(channel(backend.heartbeatPort(), Optional.empty()))
                .watch(WatchRequest.getDefaultInstance(), watch);
        await().atMost(WAIT).until(() -> watch.error() != null);
        assertThat(Status.fromThrowable(watch.error()).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(backend.tabletStore().replicas()).isEmpty();

        bind(backend);

        assertThat(home.resolve("storage/cluster_id")).hasContent("77\n");
        assertThat(BackendServiceGrpc.newBlockingStub(channel(backend.bePort())).withDeadlineAfter(10, TimeUnit.SECONDS)
                .createTablets(createTablet(10)).getStatuses(0).getErrorMessage()).isEmpty();
    }

    @Test
    void aBoundBackendRefusesCallsWithoutOrWithWrongCredentialsAndChangesNothing() {
        Backend backend = startBackend(Map.of());
        bind(backend);
        BackendServiceGrpc.newBlockingStub(channel(backend.bePort())).withDeadlineAfter(10, TimeUnit.SECONDS)
                .createTablets(createTablet(10));
        DropTabletRequest drop = DropTabletRequest.newBuilder().setTabletId(10).setReplicaId(11).build();
        for (Optional<ClusterCredentials> forged : List.of(Optional.<ClusterCredentials>empty(),
                Optional.of(new ClusterCredentials(77, "forged")), Optional.of(new ClusterCredentials(78, "t")))) {
            assertThatThrownBy(() -> BackendServiceGrpc.newBlockingStub(channel(backend.bePort(), forged))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).dropTablet(drop))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(e.getStatus().getDescription()).doesNotContain("forged").doesNotContain("77");
                    });
            // A second binding heartbeat is no longer an exception once the backend is bound.
            assertThatThrownBy(() -> HeartbeatServiceGrpc.newBlockingStub(channel(backend.heartbeatPort(), forged))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(heartbeat(77, 10002)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
        assertThat(backend.tabletStore().replicas()).hasSize(1);
        assertThat(home.resolve("storage/cluster_id")).hasContent("77\n");
    }
}
