package io.tessera.fe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.common.ManualClock;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.rpc.HeartbeatLine;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.RegisterBackendRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The manager's rounds spread over the interval: the schedule it asks for is run by hand, tick by
 * tick, over fake lines that record which backend was called (and never answer). No wall time.
 */
class HeartbeatSlicesTest {
    private final BackendRegistry registry = new BackendRegistry();
    private final CapturingScheduler scheduler = new CapturingScheduler();
    private final List<Long> called = new ArrayList<>();
    private HeartbeatManager manager;

    @AfterEach
    void closeManager() {
        if (manager != null) {
            manager.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void eachTickHeartbeatsOneSliceAndAnIntervalOfTicksEveryBackendOnce() {
        for (long id = 10_000; id < 10_037; id++) {
            register(id);
        }
        manager = new HeartbeatManager(registry::snapshot, HeartbeatConfig.ofSeconds(1, 2, 1),
                new HeartbeatOrigin(new ClusterIdentity(1, "t"), "127.0.0.1", 9020, 8030, 1),
                (backend, callbacks) -> new RecordingLine(backend), scheduler, new ManualClock(0));
        manager.start();

        assertThat(scheduler.periodNs).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1_000) / HeartbeatManager.SLICES);
        Set<Long> all = new TreeSet<>();
        for (int tick = 0; tick < HeartbeatManager.SLICES; tick++) {
            called.clear();
            scheduler.tick.run();
            int slice = tick;
            assertThat(called).as("tick %d", tick).isNotEmpty()
                    .allSatisfy(id -> assertThat(HeartbeatManager.sliceOf(id, HeartbeatManager.SLICES))
                            .isEqualTo(slice))
                    .hasSizeBetween(3, 4);
            all.addAll(called);
        }
        assertThat(all).hasSize(37);
    }

    @Test
    void shortIntervalsHaveFewerSlicesAndTicksNoCloserThanTwentyMilliseconds() {
        assertThat(HeartbeatManager.slices(1_000)).isEqualTo(10);
        assertThat(HeartbeatManager.slices(5_000)).isEqualTo(10);
        assertThat(HeartbeatManager.slices(100)).isEqualTo(5);
        assertThat(HeartbeatManager.slices(30)).isEqualTo(1);
        assertThat(HeartbeatManager.slices(1)).isEqualTo(1);
        assertThat(HeartbeatManager.sliceOf(10_007, 10)).isEqualTo(7);
    }

    private void register(long id) {
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(id).setHost("127.0.0.1")
                .setHeartbeatPort((int) (id - 1_000))
                .addTags(BackendTag.newBuilder().setType("location").setValue("default")).build());
    }

    /** Keeps the fixed-rate task instead of running it; the test runs it by hand. */
    private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
        Runnable tick;
        long periodNs;

        CapturingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                      TimeUnit unit) {
            tick = command;
            periodNs = unit.toNanos(period);
            return schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }

    /** Records each heartbeat call's backend; answers nothing. */
    private final class RecordingLine implements HeartbeatLine {
        private final Backend backend;

        RecordingLine(Backend backend) {
            this.backend = backend;
        }

        @Override
        public void heartbeat(HeartbeatRequest request, long timeoutMs, StreamObserver<HeartbeatResponse> answer) {
            called.add(backend.id());
        }

        @Override
        public void watch(WatchRequest request, ClientResponseObserver<WatchRequest, WatchEvent> events) {
        }

        @Override
        public void resetConnectBackoff() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean awaitTermination(long timeoutMs) {
            return true;
        }
    }
}
