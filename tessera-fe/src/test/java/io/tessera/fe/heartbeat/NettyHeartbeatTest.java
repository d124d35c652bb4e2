package io.tessera.fe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tessera.common.ManualClock;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.rpc.GrpcHeartbeatLines;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.RegisterBackendRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production channel factory over real TCP on 127.0.0.1: what a refused connection shows,
 * and that a killed backend is noticed through its closed socket and seen again after a restart
 * within one round, despite gRPC's reconnect backoff.
 */
@Timeout(60)
class NettyHeartbeatTest {
    private static final HeartbeatConfig CONFIG = new HeartbeatConfig(100, 5_000, 1);

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final BackendRegistry registry = new BackendRegistry();
    private final ScheduledExecutorService heartbeatThread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger port = new AtomicInteger();
    private final FakeBackend fake = new FakeBackend(() -> NettyServerBuilder
            .forAddress(new InetSocketAddress("127.0.0.1", port.get()))
            .permitKeepAliveTime(1, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true));
    private final HeartbeatManager manager = new HeartbeatManager(registry::snapshot, CONFIG,
            new HeartbeatOrigin(new ClusterIdentity(42, "t"), "127.0.0.1", 9020, 8030, 1),
            new GrpcHeartbeatLines(CONFIG.intervalMs(), CONFIG.timeoutMs(), new NettyGrpcTransport()),
            heartbeatThread, clock);

    @AfterEach
    void tearDown() throws InterruptedException {
        manager.close();
        heartbeatThread.shutdownNow();
        fake.close();
    }

    @Test
    void aRefusedConnectionShowsTheConnectExceptionAsDorisDoes() throws Exception {
        fake.start();
        port.set(fake.port());
        fake.kill(); // the port is free now: nobody listens
        register(10001);

        manager.runRound().get(10, TimeUnit.SECONDS);

        assertThat(manager.runtime(10001).alive()).isFalse();
        assertThat(manager.runtime(10001).errorMessage()).isEqualTo("java.net.ConnectException: Connection refused");
    }

    @Test
    void aKilledBackendIsDeadAtOnceAndAliveAgainOneRoundAfterItsRestart() throws Exception {
        fake.start();
        port.set(fake.port());
        register(10001);
        manager.runRound().get(10, TimeUnit.SECONDS);
        assertThat(manager.runtime(10001).alive()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.watching(10001));

        fake.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !manager.runtime(10001).alive());
        assertThat(manager.runtime(10001).errorMessage()).isNotEmpty();
        manager.runRound().get(10, TimeUnit.SECONDS); // puts the channel into reconnect backoff
        assertThat(manager.runtime(10001).errorMessage()).isEqualTo("java.net.ConnectException: Connection refused");

        fake.start();
        manager.runRound().get(10, TimeUnit.SECONDS);

        assertThat(manager.runtime(10001).alive()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.watching(10001));
    }

    private void register(long id) {
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(id).setHost("127.0.0.1")
                .setHeartbeatPort(port.get())
                .addTags(BackendTag.newBuilder().setType("location").setValue("default")).build());
    }
}
