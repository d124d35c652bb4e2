package io.tessera.bench.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.common.GrpcServer;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.TabletToCreate;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated backends answer the real BE's services over real gRPC on their own loopback
 * addresses (127.1.x.y, with ports other than the benchmark's so both can run at once) and report
 * their replicas to an FE stand-in on 127.0.57.2.
 */
class SimulatedFleetTest {
    private static final String FE_HOST = "127.0.57.2";
    private static final int HEARTBEAT_PORT = 19050;
    private static final int BE_PORT = 19060;

    private final List<TabletReport> reports = new CopyOnWriteArrayList<>();
    /** The FE stand-in's next answers (accepted when none is queued). */
    private final Queue<TabletReportResponse> answers = new ConcurrentLinkedQueue<>();
    private GrpcServer frontend;
    private SimulatedFleet fleet;
    private ManagedChannel heartbeatChannel;
    private ManagedChannel dataChannel;

    @BeforeEach
    void start() throws Exception {
        frontend = new GrpcServer("rpc_port", InetAddress.getByName(FE_HOST), 0, List.of(
                new TabletReportServiceGrpc.TabletReportServiceImplBase() {
                    @Override
                    public void reportTablets(TabletReport report, StreamObserver<TabletReportResponse> response) {
                        reports.add(report);
                        TabletReportResponse answer = answers.poll();
                        response.onNext(answer == null ? TabletReportResponse.getDefaultInstance() : answer);
                        response.onCompleted();
                    }
                }));
        frontend.start();
    }

    private void startFleet(long reportIntervalMs) {
        fleet = new SimulatedFleet("127.1", 3, HEARTBEAT_PORT, BE_PORT, reportIntervalMs, 1, Clock.system());
        fleet.start();
        String second = SimulatedFleet.hostOf("127.1", 1);
        heartbeatChannel = NettyChannelBuilder.forAddress(second, HEARTBEAT_PORT).usePlaintext().build();
        dataChannel = NettyChannelBuilder.forAddress(second, BE_PORT).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            heartbeatChannel.shutdownNow();
            dataChannel.shutdownNow();
            fleet.close();
        }
        frontend.close();
    }

    @Test
    void backendsLiveOnTheirOwnLoopbackAddresses() {
        startFleet(500);
        assertThat(fleet.backends()).extracting(SimulatedBackend::hostPort)
                .containsExactly("127.1.0.1:19050", "127.1.0.2:19050", "127.1.0.3:19050");
        assertThat(SimulatedFleet.hostOf("127.1", 999)).isEqualTo("127.1.3.250");
    }

    @Test
    void heartbeatBindsToTheFirstClusterAndRefusesOthers() {
        startFleet(500);
        HeartbeatServiceGrpc.HeartbeatServiceBlockingStub stub = HeartbeatServiceGrpc.newBlockingStub(heartbeatChannel);
        HeartbeatResponse accepted = stub.heartbeat(heartbeat(7));
        assertThat(accepted.getErrorMessage()).isEmpty();
        assertThat(accepted.getBePort()).isEqualTo(BE_PORT);
        assertThat(accepted.getDisksList()).singleElement().satisfies(disk -> {
            assertThat(disk.getOnline()).isTrue();
            assertThat(disk.getAvailableBytes()).isPositive();
        });
        assertThat(stub.heartbeat(heartbeat(8)).getErrorMessage())
                .isEqualTo("(127.1.0.2)[INTERNAL_ERROR]invalid cluster id. ignore.");
    }

    @Test
    void watchSendsTheStartTimeAndEndsWhenTheFleetStops() throws Exception {
        startFleet(500);
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        HeartbeatServiceGrpc.newStub(heartbeatChannel).watch(WatchRequest.newBuilder().setBackendId(10002).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(WatchEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                        events.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        events.add("completed");
                    }
                });
        assertThat(events.poll(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(WatchEvent.class,
                event -> assertThat(event.getStartTimeMs()).isPositive());
        fleet.close();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("completed");
    }

    @Test
    void reportsTheReplicasCreatedAndNotDropped() {
        startFleet(500);
        HeartbeatServiceGrpc.newBlockingStub(heartbeatChannel).heartbeat(heartbeat(7));
        BackendServiceGrpc.BackendServiceBlockingStub data = BackendServiceGrpc.newBlockingStub(dataChannel);
        for (long tablet : new long[] {501, 502, 502}) {
            assertThat(data.createTablets(create(tablet)).getStatuses(0).getErrorMessage()).isEmpty();
        }
        data.dropTablet(DropTabletRequest.newBuilder().setTabletId(501).setReplicaId(1501).build());
        assertThat(fleet.replicaCount()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reports).anySatisfy(report -> {
            assertThat(report.getBackendId()).isEqualTo(10002);
            assertThat(report.getHost()).isEqualTo("127.1.0.2");
            assertThat(report.getBePort()).isEqualTo(BE_PORT);
            assertThat(report.getReplicasList()).extracting(ReplicaReport::getTabletId, ReplicaReport::getReplicaId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(502L, 1502L));
        }));
        assertThat(reports).allSatisfy(report -> assertThat(report.getBackendId()).isEqualTo(10002));
    }

    /** Like a real BE: full first, then only what changed, a full report when the FE asks, removals listed. */
    @Test
    void changesGoOutAsIncrementalReportsAndTheFrontendMayAskForAFullOne() {
        startFleet(600_000);
        HeartbeatServiceGrpc.newBlockingStub(heartbeatChannel).heartbeat(heartbeat(7));
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 1);
        assertThat(reports.get(0).getIncremental()).isFalse();
        BackendServiceGrpc.BackendServiceBlockingStub data = BackendServiceGrpc.newBlockingStub(dataChannel);

        data.createTablets(create(601));
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 2);
        TabletReport delta = reports.get(1);
        assertThat(delta.getIncremental()).isTrue();
        assertThat(delta.getBaseSequence()).isEqualTo(reports.get(0).getSequence());
        assertThat(delta.getReplicasList()).extracting(ReplicaReport::getTabletId).containsExactly(601L);

        answers.add(TabletReportResponse.newBuilder().setFullReportRequired(true).build());
        data.createTablets(create(602));
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 4);
        assertThat(reports.get(2).getIncremental()).isTrue();
        assertThat(reports.get(3).getIncremental()).isFalse();
        assertThat(reports.get(3).getReplicasList()).extracting(ReplicaReport::getTabletId)
                .containsExactlyInAnyOrder(601L, 602L);

        data.dropTablet(DropTabletRequest.newBuilder().setTabletId(601).setReplicaId(1601).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 5);
        assertThat(reports.get(4).getIncremental()).isTrue();
        assertThat(reports.get(4).getBaseSequence()).isEqualTo(reports.get(3).getSequence());
        assertThat(reports.get(4).getRemovedTabletIdsList()).containsExactly(601L);
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.incrementalReportsSent() == 2);
    }

    private HeartbeatRequest heartbeat(long clusterId) {
        return HeartbeatRequest.newBuilder().setClusterId(clusterId).setToken("token").setBackendId(10002)
                .setBackendHost("127.1.0.2").setFrontendHost(FE_HOST).setFrontendRpcPort(frontend.port())
                .setEpoch(1).build();
    }

    /** Creates tablet {@code tablet} as replica {@code tablet + 1000}, at version 1. */
    private static CreateTabletsRequest create(long tablet) {
        return CreateTabletsRequest.newBuilder().addTablets(TabletToCreate.newBuilder().setTabletId(tablet)
                .setReplicaId(tablet + 1000).setVersion(1)).build();
    }
}
