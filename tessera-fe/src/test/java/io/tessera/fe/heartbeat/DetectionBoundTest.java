package io.tessera.fe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
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
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The detection bound, proved by a seeded discrete-event simulation of the real
 * {@link BackendConnection} and {@link LivenessTransitions} over a fake {@link HeartbeatLine} on a
 * manual clock: rounds every interval (as the manager's fixed-rate schedule runs them), a backend
 * that answers with a chosen latency until the moment it stops, then never answers (SIGSTOP: its
 * socket accepts, nothing replies; gRPC's keepalive may cut the connection some time later) or
 * refuses connections (killed). For random settings and stop moments, the backend is DEAD no later
 * than {@code interval × tolerance + timeout} after it stopped; and a backend that answers every
 * call within the deadline, however slowly, and sometimes drops a connection that the quick retry
 * gets through, is never declared dead. No thread, no sleep, no wall time.
 */
class DetectionBoundTest {
    private static final HeartbeatResponse ANSWER = HeartbeatResponse.newBuilder().setBePort(9060)
            .setHttpPort(8040).setStartTimeMs(1_000).setVersion("sim").build();

    @Test
    void aHungOrKilledBackendIsDeadWithinIntervalTimesToleranceplusTimeout() {
        Random random = new Random(20261206L);
        for (int run = 0; run < 3_000; run++) {
            long intervalMs = 100 + random.nextInt(5_000);
            long timeoutMs = 50 + random.nextInt(12_000);
            int tolerance = 1 + random.nextInt(4);
            StopMode mode = StopMode.values()[random.nextInt(StopMode.values().length)];
            long latencyMs = random.nextInt((int) Math.min(timeoutMs, 300));
            long stopMs = timeoutMs + random.nextInt((int) (4 * intervalMs));
            long keepaliveCutMs = random.nextInt((int) (3 * (intervalMs + timeoutMs)));
            String settings = "run " + run + ": interval " + intervalMs + " ms, timeout " + timeoutMs
                    + " ms, tolerance " + tolerance + ", " + mode + ", latency " + latencyMs + " ms, stop at "
                    + stopMs + " ms, keepalive cut after " + keepaliveCutMs + " ms";

            Simulation simulation = new Simulation(intervalMs, timeoutMs, tolerance);
            simulation.backend = call -> call.startMs + latencyMs < stopMs
                    ? Reply.answerAt(call.startMs + latencyMs)
                    : mode.afterStop(call, stopMs, keepaliveCutMs);
            simulation.watchEndsAtMs = mode == StopMode.KILLED ? stopMs : stopMs + keepaliveCutMs;
            long boundMs = intervalMs * tolerance + timeoutMs;
            simulation.runUntil(stopMs + boundMs + 1);

            assertThat(simulation.firstAliveMs).as(settings).isLessThan(stopMs);
            assertThat(simulation.deadAtMs).as(settings).isGreaterThanOrEqualTo(stopMs);
            assertThat(simulation.deadAtMs - stopMs).as(settings).isLessThanOrEqualTo(boundMs);
            assertThat(simulation.maxCallTimeoutMs).as(settings).isLessThanOrEqualTo(timeoutMs);
        }
    }

    @Test
    void aSlowButAnsweringBackendIsNeverDeclaredDead() {
        Random random = new Random(42L);
        for (int run = 0; run < 1_000; run++) {
            long intervalMs = 100 + random.nextInt(5_000);
            long timeoutMs = 50 + random.nextInt(12_000);
            int tolerance = 1 + random.nextInt(4);
            long seed = random.nextLong();
            String settings = "run " + run + ": interval " + intervalMs + " ms, timeout " + timeoutMs
                    + " ms, tolerance " + tolerance;
            Random latencies = new Random(seed);
            Simulation simulation = new Simulation(intervalMs, timeoutMs, tolerance);
            boolean[] lastGlitched = {false};
            simulation.backend = call -> {
                // Now and then a connection is reset at once; the very next call always gets through.
                if (!lastGlitched[0] && latencies.nextInt(5) == 0) {
                    lastGlitched[0] = true;
                    return Reply.failAt(call.startMs + latencies.nextInt(10), Status.UNAVAILABLE);
                }
                lastGlitched[0] = false;
                long latency = latencies.nextInt((int) Math.max(1, Math.min(call.timeoutMs - 10, timeoutMs - 10)));
                return Reply.answerAt(call.startMs + Math.max(0, latency));
            };
            simulation.runUntil(30 * (intervalMs + timeoutMs));

            assertThat(simulation.firstAliveMs).as(settings).isGreaterThanOrEqualTo(0);
            assertThat(simulation.deadAtMs).as(settings).isEqualTo(-1);
        }
    }

    /**
     * Before its first answer a backend has the first-contact deadline (five times the timeout):
     * an answer that comes later than the timeout but within it makes the backend alive at once,
     * with no second call sent meanwhile; once it answered, calls have the plain timeout again.
     */
    @Test
    void aLateFirstAnswerCountsWithinTheFirstContactDeadline() {
        Random random = new Random(20261207L);
        for (int run = 0; run < 1_000; run++) {
            long intervalMs = 100 + random.nextInt(5_000);
            long timeoutMs = 50 + random.nextInt(12_000);
            long firstContactMs = timeoutMs * HeartbeatConfig.FIRST_CONTACT_TIMEOUT_FACTOR;
            long firstLatencyMs = timeoutMs + random.nextInt((int) (firstContactMs - timeoutMs));
            long latencyMs = random.nextInt((int) Math.min(timeoutMs, 300));
            String settings = "run " + run + ": interval " + intervalMs + " ms, timeout " + timeoutMs
                    + " ms, first answer after " + firstLatencyMs + " ms";
            Simulation simulation = new Simulation(intervalMs, timeoutMs, 1);
            simulation.backend = call -> Reply.answerAt(call.startMs
                    + (call.startMs == 0 ? firstLatencyMs : latencyMs));
            simulation.runUntil(firstLatencyMs + 5 * intervalMs + timeoutMs);

            assertThat(simulation.firstAliveMs).as(settings).isEqualTo(firstLatencyMs);
            assertThat(simulation.calls).as(settings).filteredOn(call -> call.startMs() < firstLatencyMs)
                    .containsExactly(new Call(0, firstContactMs));
            assertThat(simulation.calls).as(settings).filteredOn(call -> call.startMs() > firstLatencyMs)
                    .isNotEmpty().allSatisfy(call -> assertThat(call.timeoutMs()).isEqualTo(timeoutMs));
            assertThat(simulation.deadAtMs).as(settings).isEqualTo(-1);
        }
    }

    @Test
    void theRetryIsBoundedByTheExchangesDeadlineAndNeverFollowsADeadline() {
        assertThat(BackendConnection.retryTimeoutMs(1, Status.Code.UNAVAILABLE, 300, 4_000)).isEqualTo(3_700);
        assertThat(BackendConnection.retryTimeoutMs(1, Status.Code.UNAVAILABLE, 4_000, 4_000)).isZero();
        assertThat(BackendConnection.retryTimeoutMs(1, Status.Code.DEADLINE_EXCEEDED, 10, 4_000)).isZero();
        assertThat(BackendConnection.retryTimeoutMs(2, Status.Code.UNAVAILABLE, 10, 4_000)).isZero();
    }

    /** What the backend does with a call sent after it stopped answering. */
    private enum StopMode {
        /** SIGSTOP: nothing answers; gRPC's keepalive cuts the connection some time later. */
        HUNG {
            @Override
            Reply afterStop(Call call, long stopMs, long keepaliveCutMs) {
                long cutMs = stopMs + keepaliveCutMs;
                return call.startMs < cutMs ? Reply.failAt(cutMs, Status.UNAVAILABLE) : Reply.never();
            }
        },
        /** SIGSTOP where the connection is never cut: every call runs to its deadline. */
        HUNG_NO_KEEPALIVE {
            @Override
            Reply afterStop(Call call, long stopMs, long keepaliveCutMs) {
                return Reply.never();
            }
        },
        /** kill -9: connections refused at once. */
        KILLED {
            @Override
            Reply afterStop(Call call, long stopMs, long keepaliveCutMs) {
                return Reply.failAt(Math.max(call.startMs, stopMs) + 1, Status.UNAVAILABLE);
            }
        };

        abstract Reply afterStop(Call call, long stopMs, long keepaliveCutMs);
    }

    /** How a call ends: an answer or a failure at a time, or nothing (it reaches its deadline). */
    private record Reply(long atMs, Status failure) {
        static Reply answerAt(long atMs) {
            return new Reply(atMs, null);
        }

        static Reply failAt(long atMs, Status failure) {
            return new Reply(atMs, failure);
        }

        static Reply never() {
            return new Reply(Long.MAX_VALUE, null);
        }
    }

    /** One heartbeat call as the fake line saw it. */
    private record Call(long startMs, long timeoutMs) {
    }

    @FunctionalInterface
    private interface SimulatedBackend {
        Reply reply(Call call);
    }

    /** A timed event; ties run in the order they were scheduled. */
    private record Event(long atMs, long sequence, Runnable action) {
    }

    /** The event loop, the fake line and the liveness state the sink keeps. */
    private static final class Simulation implements HeartbeatLine {
        private final long intervalMs;
        private final int tolerance;
        private final ManualClock clock = new ManualClock(0);
        private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.atMs() != b.atMs()
                ? Long.compare(a.atMs(), b.atMs()) : Long.compare(a.sequence(), b.sequence()));
        private final BackendConnection connection;
        private final List<ClientResponseObserver<WatchRequest, WatchEvent>> watches = new ArrayList<>();
        private long sequence;
        private long nowMs;
        private LivenessState state = LivenessState.INITIAL;
        SimulatedBackend backend;
        long watchEndsAtMs = Long.MAX_VALUE;
        long firstAliveMs = -1;
        long deadAtMs = -1;
        /** The longest deadline of a call started once the backend had answered. */
        long maxCallTimeoutMs;
        final List<Call> calls = new ArrayList<>();

        Simulation(long intervalMs, long timeoutMs, int tolerance) {
            this.intervalMs = intervalMs;
            this.tolerance = tolerance;
            BackendRegistry registry = new BackendRegistry();
            registry.replay(RegisterBackendRecord.newBuilder().setBackendId(10001).setHost("127.0.0.1")
                    .setHeartbeatPort(9050).addTags(BackendTag.newBuilder().setType("location").setValue("default"))
                    .build());
            Backend backend = registry.snapshot().backend(10001).orElseThrow();
            this.connection = new BackendConnection(backend, this, HeartbeatRequest.getDefaultInstance(), timeoutMs,
                    timeoutMs * HeartbeatConfig.FIRST_CONTACT_TIMEOUT_FACTOR, clock, this::apply);
        }

        void runUntil(long endMs) {
            for (long roundMs = 0; roundMs <= endMs; roundMs += intervalMs) {
                schedule(roundMs, connection::round);
            }
            if (watchEndsAtMs != Long.MAX_VALUE) {
                schedule(watchEndsAtMs, this::endWatches);
            }
            while (!events.isEmpty() && events.peek().atMs() <= endMs) {
                Event next = events.poll();
                clock.advance(next.atMs() - nowMs, TimeUnit.MILLISECONDS);
                nowMs = next.atMs();
                next.action().run();
            }
        }

        private void apply(Backend backend, HeartbeatEvent event) {
            LivenessState before = state;
            state = LivenessTransitions.next(state, event, tolerance);
            if (state.liveness() == BackendLiveness.ALIVE && firstAliveMs < 0) {
                firstAliveMs = event.atMs();
            }
            if (before.liveness() == BackendLiveness.ALIVE && state.liveness() == BackendLiveness.DEAD
                    && deadAtMs < 0) {
                deadAtMs = event.atMs();
            }
        }

        private void schedule(long atMs, Runnable action) {
            events.add(new Event(atMs, sequence++, action));
        }

        private void endWatches() {
            List<ClientResponseObserver<WatchRequest, WatchEvent>> open = new ArrayList<>(watches);
            watches.clear();
            open.forEach(watch -> watch.onError(Status.UNAVAILABLE.withDescription("keepalive").asRuntimeException()));
        }

        @Override
        public void heartbeat(HeartbeatRequest request, long timeoutMs, StreamObserver<HeartbeatResponse> answer) {
            calls.add(new Call(nowMs, timeoutMs));
            if (firstAliveMs >= 0) {
                maxCallTimeoutMs = Math.max(maxCallTimeoutMs, timeoutMs);
            }
            Reply reply = backend.reply(new Call(nowMs, timeoutMs));
            long deadlineMs = nowMs + timeoutMs;
            if (reply.atMs() < deadlineMs) {
                schedule(reply.atMs(), () -> {
                    if (reply.failure() != null) {
                        answer.onError(reply.failure().asRuntimeException());
                    } else {
                        answer.onNext(ANSWER);
                        answer.onCompleted();
                    }
                });
            } else {
                schedule(deadlineMs, () -> answer.onError(Status.DEADLINE_EXCEEDED.asRuntimeException()));
            }
        }

        @Override
        public void watch(WatchRequest request, ClientResponseObserver<WatchRequest, WatchEvent> events) {
            events.beforeStart(new NoCall());
            if (nowMs >= watchEndsAtMs) {
                schedule(nowMs, () -> events.onError(Status.UNAVAILABLE.asRuntimeException()));
                return;
            }
            watches.add(events);
            events.onNext(WatchEvent.newBuilder().setStartTimeMs(1_000).build());
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

    /** A watch stream's request side that the simulation never uses. */
    private static final class NoCall extends ClientCallStreamObserver<WatchRequest> {
        @Override
        public void cancel(String message, Throwable cause) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void onNext(WatchRequest value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
