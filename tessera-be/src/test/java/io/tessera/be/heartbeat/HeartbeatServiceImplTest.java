package io.tessera.be.heartbeat;

import static io.tessera.be.heartbeat.HeartbeatFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat service over an in-process gRPC channel. */
class HeartbeatServiceImplTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private HeartbeatFixture fixture;
    private WatchStreams watchStreams;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        fixture = new HeartbeatFixture(dir, 2);
        watchStreams = new WatchStreams(HeartbeatFixture.START_TIME_MS);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new HeartbeatServiceImpl(fixture.handler, watchStreams))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        watchStreams.completeAll();
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void heartbeatRoundTripFillsEveryField() {
        HeartbeatResponse response = HeartbeatServiceGrpc.newBlockingStub(channel)
                .heartbeat(request(1234, "token", 10001));

        assertThat(response.getErrorMessage()).isEmpty();
        assertThat(response.getBePort()).isEqualTo(9060);
        assertThat(response.getHttpPort()).isEqualTo(8040);
        assertThat(response.getBrpcPort()).isEqualTo(-1);
        assertThat(response.getArrowFlightSqlPort()).isEqualTo(-1);
        assertThat(response.getVersion()).isEqualTo("0.1.0-test");
        assertThat(response.getStartTimeMs()).isEqualTo(HeartbeatFixture.START_TIME_MS);
        assertThat(response.getNodeRole()).isEqualTo("mix");
        assertThat(response.getCpuCores()).isEqualTo(2);
        assertThat(response.getMemoryBytes()).isEqualTo(8L << 30);
        assertThat(response.getShuttingDown()).isFalse();
        assertThat(response.getDisksList()).hasSize(2).allSatisfy(disk -> {
            assertThat(disk.getOnline()).isTrue();
            assertThat(disk.getTotalBytes()).isPositive();
            assertThat(disk.getAvailableBytes()).isPositive();
            assertThat(disk.getDataUsedBytes()).isZero();
            assertThat(disk.getTrashUsedBytes()).isZero();
        });
        assertThat(response.getDisksList()).extracting(DiskInfo::getPath)
                .containsExactly(dir.resolve("disk0").toString(), dir.resolve("disk1").toString());
    }

    @Test
    void refusalTravelsInErrorMessage() {
        HeartbeatServiceGrpc.HeartbeatServiceBlockingStub stub = HeartbeatServiceGrpc.newBlockingStub(channel);
        stub.heartbeat(request(1234, "token", 10001));

        assertThat(stub.heartbeat(request(5, "token", 10001)).getErrorMessage())
                .isEqualTo("(127.0.0.1)[INTERNAL_ERROR]invalid cluster id. ignore.");
    }

    @Test
    void watchSendsItsEventAndCompletesWhenTheServiceShutsDown() {
        WatchRecorder first = new WatchRecorder();
        WatchRecorder second = new WatchRecorder();
        HeartbeatServiceGrpc.HeartbeatServiceStub stub = HeartbeatServiceGrpc.newStub(channel);
        stub.watch(WatchRequest.newBuilder().setBackendId(10001).build(), first);
        stub.watch(WatchRequest.newBuilder().setBackendId(10001).build(), second);

        await().atMost(WAIT).until(() -> watchStreams.openCount() == 2 && second.events.size() == 1);
        await().atMost(WAIT).until(() -> first.events.size() == 1);
        assertThat(first.events).containsExactly(
                WatchEvent.newBuilder().setStartTimeMs(HeartbeatFixture.START_TIME_MS).build());
        assertThat(first.completed()).isFalse();

        watchStreams.completeAll();

        await().atMost(WAIT).until(() -> first.completed() && second.completed());
        assertThat(first.error()).isNull();
        assertThat(watchStreams.openCount()).isZero();

        WatchRecorder late = new WatchRecorder();
        stub.watch(WatchRequest.getDefaultInstance(), late);
        await().atMost(WAIT).until(late::completed);
        assertThat(late.events).hasSize(1);
    }

    @Test
    void aCancelledWatchIsForgotten() {
        WatchRecorder recorder = new WatchRecorder();
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> HeartbeatServiceGrpc.newStub(channel).watch(WatchRequest.getDefaultInstance(), recorder));
        await().atMost(WAIT).until(() -> watchStreams.openCount() == 1 && recorder.events.size() == 1);

        context.cancel(null);

        await().atMost(WAIT).until(() -> watchStreams.openCount() == 0);
        assertThat(recorder.error()).isNotNull();
    }
}
