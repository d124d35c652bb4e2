package io.tessera.fe.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.fe.cluster.Backend;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat must reach its backend while the heartbeat thread is busy: the FE's first round
 * after a start opens a channel to every backend on that thread, which takes seconds at 1,000
 * backends. When the channel ran gRPC's own work on that thread too, a call waiting for its
 * connection could only start once the thread was free, and 993 of 1,000 first heartbeats ran
 * past their deadline. Only the answers may wait for the heartbeat thread. Over real Netty on
 * loopback: the connect must be asynchronous, as in production, for the call to wait for it.
 */
class GrpcHeartbeatLineTest {
    private static final String HOST = "127.0.67.1";
    private final NettyGrpcTransport transport = new NettyGrpcTransport();
    private final AtomicInteger received = new AtomicInteger();
    private final ExecutorService heartbeatThread = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "test-heartbeat"));
    private Server server;
    private GrpcHeartbeatLines lines;
    private HeartbeatLine line;

    private final class Backend1 extends HeartbeatServiceGrpc.HeartbeatServiceImplBase {
        @Override
        public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
            received.incrementAndGet();
            response.onNext(HeartbeatResponse.newBuilder().setBePort(9060).build());
            response.onCompleted();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        heartbeatThread.shutdownNow();
        if (line != null) {
            line.close();
            line.awaitTermination(5_000);
        }
        if (lines != null) {
            lines.close();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHeartbeatReachesItsBackendWhileTheHeartbeatThreadIsBusyAndItsAnswerArrivesThere() throws Exception {
        server = transport.serverBuilder(InetAddress.getByName(HOST), 0, GrpcServerLimits.DEFAULT)
                .addService(new Backend1()).build().start();
        lines = new GrpcHeartbeatLines(1_000, 2_000, transport);
        line = lines.open(new Backend(10001, HOST, transport.listeningPort(server, 0), Map.of(), false, false, false),
                heartbeatThread);
        CountDownLatch busy = new CountDownLatch(1);
        heartbeatThread.execute(() -> {
            try {
                busy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<String> answeredOn = new AtomicReference<>();
        AtomicReference<HeartbeatResponse> answer = new AtomicReference<>();
        CountDownLatch completed = new CountDownLatch(1);
        line.heartbeat(HeartbeatRequest.newBuilder().setClusterId(1).build(), 5_000, new StreamObserver<>() {
            @Override
            public void onNext(HeartbeatResponse value) {
                answer.set(value);
            }

            @Override
            public void onError(Throwable failure) {
                answeredOn.set("failed: " + failure);
                completed.countDown();
            }

            @Override
            public void onCompleted() {
                answeredOn.set(Thread.currentThread().getName());
                completed.countDown();
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
        assertThat(completed.getCount()).as("the answer waits for the heartbeat thread").isEqualTo(1);
        busy.countDown();
        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answeredOn.get()).isEqualTo("test-heartbeat");
        assertThat(answer.get().getBePort()).isEqualTo(9060);
    }
}
