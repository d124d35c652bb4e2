package io.tessera.fe.heartbeat;

import java.util.concurrent.Executor;
import io.tessera.fe.rpc.HeartbeatLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tessera.common.ManualClock;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.DropBackendRecord;
import io.tessera.proto.journal.RegisterBackendRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The heartbeat manager against in-process fake backends: one in-process server per backend,
 * named by the backend's host. Rounds are driven by hand unless a test starts the schedule.
 */
@Timeout(60)
class HeartbeatManagerTest {
    private static final ClusterIdentity IDENTITY = new ClusterIdentity(123456, "token-1");
    private static final HeartbeatConfig CONFIG = new HeartbeatConfig(100, 5_000, 1);

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final BackendRegistry registry = new BackendRegistry();
    private final ScheduledExecutorService heartbeatThread = Executors.newSingleThreadScheduledExecutor();
    private final List<FakeBackend> fakes = new ArrayList<>();
    private final Map<Long, List<ManagedChannel>> channels = new ConcurrentHashMap<>();
    private final List<HeartbeatManager> managers = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        managers.forEach(HeartbeatManager::close);
        heartbeatThread.shutdownNow();
        for (FakeBackend fake : fakes) {
            fake.close();
        }
    }

    @Test
    void aSuccessfulRoundFillsTheRuntimeAndSendsTheClusterIdentity() throws Exception {
        FakeBackend fake = backend(10001);
        fake.answer(fake.answer().toBuilder()
                .addDisks(DiskInfo.newBuilder().setPath("/d1").setTotalBytes(1000).setAvailableBytes(250)
                        .setDataUsedBytes(600).setTrashUsedBytes(5).setOnline(true))
                .addDisks(DiskInfo.newBuilder().setPath("/d2").setTotalBytes(3000).setAvailableBytes(2500)
                        .setDataUsedBytes(400).setTrashUsedBytes(7).setOnline(true))
                .build());
        HeartbeatManager manager = manager(CONFIG);

        manager.runRound().get(10, TimeUnit.SECONDS);

        BackendRuntime runtime = manager.runtime(10001);
        assertThat(runtime.alive()).isTrue();
        assertThat(manager.liveness(10001)).isEqualTo(BackendLiveness.ALIVE);
        assertThat(runtime.bePort()).isEqualTo(9060);
        assertThat(runtime.httpPort()).isEqualTo(8040);
        assertThat(runtime.brpcPort()).isEqualTo(-1);
        assertThat(runtime.version()).isEqualTo("fake-1.0");
        assertThat(runtime.lastStartTimeMs()).isEqualTo(1_000);
        assertThat(runtime.lastHeartbeatMs()).isEqualTo(clock.wallMillis());
        assertThat(runtime.liveSinceMs()).isEqualTo(clock.wallMillis());
        assertThat(runtime.cpuCores()).isEqualTo(4);
        assertThat(runtime.memoryBytes()).isEqualTo(8L << 30);
        assertThat(runtime.errorMessage()).isEmpty();
        assertThat(runtime.dataUsedBytes()).isEqualTo(1000);
        assertThat(runtime.trashUsedBytes()).isEqualTo(12);
        assertThat(runtime.availableBytes()).isEqualTo(2750);
        assertThat(runtime.totalBytes()).isEqualTo(4000);
        assertThat(runtime.maxDiskUsedFraction()).isEqualTo(0.75);
        assertThat(fake.requests()).singleElement().isEqualTo(HeartbeatRequest.newBuilder()
                .setClusterId(123456).setToken("token-1").setBackendId(10001).setBackendHost(host(10001))
                .setFrontendHost("127.0.0.1").setFrontendRpcPort(9020).setFrontendHttpPort(8030).setEpoch(1)
                .build());
        assertThat(manager.runtime(99999)).isSameAs(BackendRuntime.NEVER_CONTACTED);
    }

    @Test
    void aBackendOfAnotherClusterShowsItsRefusalAndIsNotAlive() throws Exception {
        String refusal = "(" + host(10001) + ")[CORRUPTION]invalid cluster id. ignore. Record cluster id = 777";
        FakeBackend fake = backend(10001);
        fake.refuse(refusal);
        HeartbeatManager manager = manager(CONFIG);

        manager.runRound().get(10, TimeUnit.SECONDS);

        BackendRuntime runtime = manager.runtime(10001);
        assertThat(runtime.alive()).isFalse();
        assertThat(runtime.errorMessage()).isEqualTo(refusal);
        assertThat(runtime.heartbeatFailures()).isEqualTo(1);
        assertThat(runtime.lastHeartbeatMs()).isZero();
        assertThat(fake.requests()).as("a refusal is an answer: no retry").hasSize(1);
        assertThat(fake.watchesOpened()).isZero();
    }

    @Test
    void aTransportFailureIsRetriedOnceBeforeTheRoundCountsIt() throws Exception {
        FakeBackend fake = backend(10001);
        HeartbeatManager manager = manager(CONFIG);

        fake.failNext(1);
        manager.runRound().get(10, TimeUnit.SECONDS);
        assertThat(manager.runtime(10001).alive()).isTrue();
        assertThat(fake.requests()).hasSize(2);

        fake.failNext(2);
        manager.runRound().get(10, TimeUnit.SECONDS);
        BackendRuntime runtime = manager.runtime(10001);
        assertThat(runtime.alive()).isFalse();
        assertThat(runtime.heartbeatFailures()).isEqualTo(1);
        assertThat(runtime.errorMessage()).isEqualTo("io.grpc.StatusRuntimeException: UNAVAILABLE: fake failure");
        assertThat(fake.requests()).hasSize(4);
    }

    @Test
    void aKilledBackendTurnsDeadThroughItsWatchAndIsAliveAgainAfterOneRound() throws Exception {
        FakeBackend fake = backend(10001);
        HeartbeatManager manager = manager(CONFIG);
        manager.runRound().get(10, TimeUnit.SECONDS);
        long firstHeartbeatMs = clock.wallMillis();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.watching(10001));
        int requestsBefore = fake.requests().size();

        clock.advance(1, TimeUnit.SECONDS);
        fake.kill(); // no round runs: only the lost watch stream can tell

        await().atMost(Duration.ofSeconds(10)).until(() -> !manager.runtime(10001).alive());
        BackendRuntime dead = manager.runtime(10001);
        assertThat(manager.liveness(10001)).isEqualTo(BackendLiveness.DEAD);
        assertThat(dead.errorMessage()).isNotEmpty();
        assertThat(dead.heartbeatFailures()).isEqualTo(1);
        assertThat(dead.lastHeartbeatMs()).isEqualTo(firstHeartbeatMs);
        assertThat(fake.requests()).hasSize(requestsBefore);

        clock.advance(5, TimeUnit.SECONDS);
        fake.start();
        manager.runRound().get(10, TimeUnit.SECONDS);

        BackendRuntime back = manager.runtime(10001);
        assertThat(back.alive()).isTrue();
        assertThat(back.errorMessage()).isEmpty();
        assertThat(back.heartbeatFailures()).isZero();
        assertThat(back.liveSinceMs()).isEqualTo(clock.wallMillis());
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.watching(10001));
        assertThat(fake.watchesOpened()).isEqualTo(2);
    }

    @Test
    void aDroppedBackendIsNoLongerHeartbeatedAndItsChannelIsClosed() throws Exception {
        FakeBackend dropped = backend(10001);
        FakeBackend kept = backend(10002);
        HeartbeatManager manager = manager(CONFIG);
        manager.runRound().get(10, TimeUnit.SECONDS);
        assertThat(manager.runtime(10001).alive()).isTrue();

        registry.replay(DropBackendRecord.newBuilder().setBackendId(10001).build());
        manager.runRound().get(10, TimeUnit.SECONDS);
        manager.runRound().get(10, TimeUnit.SECONDS);

        assertThat(manager.runtime(10001)).isSameAs(BackendRuntime.NEVER_CONTACTED);
        assertThat(manager.liveness(10001)).isEqualTo(BackendLiveness.UNKNOWN);
        assertThat(dropped.requests()).hasSize(1);
        assertThat(channels.get(10001L)).singleElement().satisfies(channel -> assertThat(channel.isShutdown()).isTrue());
        assertThat(manager.watching(10001)).isFalse();
        assertThat(kept.requests()).hasSize(3);
        assertThat(manager.runtime(10002).alive()).isTrue();
        assertThat(channels.get(10002L)).singleElement().satisfies(channel -> assertThat(channel.isShutdown()).isFalse());
    }

    @Test
    void aHungBackendDelaysNoOtherBackend() throws Exception {
        FakeBackend hung = backend(10001);
        hung.hang();
        FakeBackend healthy = backend(10002);
        HeartbeatManager manager = manager(new HeartbeatConfig(100, 60_000, 1));

        manager.runRound(); // the hung call would hold a sequential round for 60 s
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.runtime(10002).alive());

        assertThat(hung.requests()).hasSize(1);
        assertThat(manager.runtime(10001)).isSameAs(BackendRuntime.NEVER_CONTACTED);
        manager.runRound();
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.requests().size() == 2);
        assertThat(hung.requests()).as("the call in flight is joined, not repeated").hasSize(1);
    }

    @Test
    void aCallPastItsDeadlineFailsWithTheDeadlineInErrMsg() throws Exception {
        backend(10001).hang();
        HeartbeatManager manager = manager(new HeartbeatConfig(100, 200, 1));

        manager.runRound().get(10, TimeUnit.SECONDS);

        assertThat(manager.runtime(10001).alive()).isFalse();
        assertThat(manager.runtime(10001).errorMessage()).startsWith("io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED");
        // A call that reached its deadline is not retried (the exchange's deadline is spent); on a
        // loaded machine a 200 ms call can expire before the server sees it, so it counts 0 or 1.
        assertThat(fakes.get(0).requests()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void scheduledRoundsSurviveAFailingRound() {
        backend(10001);
        AtomicInteger calls = new AtomicInteger();
        Supplier<BackendRegistry.Snapshot> flaky = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("registry hiccup");
            }
            return registry.snapshot();
        };
        HeartbeatManager manager = new HeartbeatManager(flaky, CONFIG, origin(), this::openChannel,
                heartbeatThread, clock);
        managers.add(manager);

        manager.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> manager.runtime(10001).alive());
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void closeShutsEveryChannelDownAndForgetsTheSoftState() throws Exception {
        backend(10001);
        backend(10002);
        HeartbeatManager manager = manager(CONFIG);
        manager.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.runtime(10002).alive());

        manager.close();

        assertThat(channels.values()).allSatisfy(list ->
                assertThat(list).allSatisfy(channel -> assertThat(channel.isTerminated()).isTrue()));
        assertThat(manager.runtime(10001)).isSameAs(BackendRuntime.NEVER_CONTACTED);
    }

    private HeartbeatManager manager(HeartbeatConfig config) {
        HeartbeatManager manager = new HeartbeatManager(registry::snapshot, config, origin(), this::openChannel,
                heartbeatThread, clock);
        managers.add(manager);
        return manager;
    }

    private HeartbeatLine openChannel(io.tessera.fe.cluster.Backend backend, Executor callbacks) {
        ManagedChannel channel = InProcessChannelBuilder.forName(backend.host()).build();
        channels.computeIfAbsent(backend.id(), id -> new CopyOnWriteArrayList<>()).add(channel);
        return new io.tessera.fe.rpc.GrpcHeartbeatLine(channel, callbacks);
    }

    private static HeartbeatOrigin origin() {
        return new HeartbeatOrigin(IDENTITY, "127.0.0.1", 9020, 8030, 1);
    }

    /** Registers a backend and starts its fake, an in-process server named by the backend's host. */
    private FakeBackend backend(long id) {
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(id).setHost(host(id)).setHeartbeatPort(9050)
                .addTags(BackendTag.newBuilder().setType("location").setValue("default")).build());
        FakeBackend fake = new FakeBackend(() -> InProcessServerBuilder.forName(host(id))).start();
        fakes.add(fake);
        return fake;
    }

    private String host(long id) {
        return "hb-test-" + System.identityHashCode(this) + "-" + id;
    }
}
