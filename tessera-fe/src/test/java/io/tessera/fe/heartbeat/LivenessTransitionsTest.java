package io.tessera.fe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.proto.heartbeat.DiskInfo;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every transition of the liveness state machine, with time moved by hand. */
class LivenessTransitionsTest {
    private static final HeartbeatResponse RESPONSE = HeartbeatResponse.newBuilder()
            .setBePort(9060).setHttpPort(8040).setBrpcPort(-1).setArrowFlightSqlPort(-1)
            .setVersion("tessera-0.1.0").setStartTimeMs(1_000).setNodeRole("mix").setCpuCores(8)
            .setMemoryBytes(16L << 30)
            .addDisks(disk("/data1", 1000, 400, 500, 20, true))
            .addDisks(disk("/data2", 2000, 1800, 100, 10, true))
            .addDisks(disk("/offline", 5000, 0, 4000, 50, false))
            .build();

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void firstSuccessMakesAnUnknownBackendAliveAndFillsEveryField() {
        LivenessState next = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);

        assertThat(next.liveness()).isEqualTo(BackendLiveness.ALIVE);
        BackendRuntime runtime = next.runtime();
        assertThat(runtime.alive()).isTrue();
        assertThat(runtime.bePort()).isEqualTo(9060);
        assertThat(runtime.httpPort()).isEqualTo(8040);
        assertThat(runtime.brpcPort()).isEqualTo(-1);
        assertThat(runtime.arrowFlightSqlPort()).isEqualTo(-1);
        assertThat(runtime.version()).isEqualTo("tessera-0.1.0");
        assertThat(runtime.lastStartTimeMs()).isEqualTo(1_000);
        assertThat(runtime.lastHeartbeatMs()).isEqualTo(clock.wallMillis());
        assertThat(runtime.liveSinceMs()).isEqualTo(clock.wallMillis());
        assertThat(runtime.errorMessage()).isEmpty();
        assertThat(runtime.heartbeatFailures()).isZero();
        assertThat(runtime.nodeRole()).isEqualTo("mix");
        assertThat(runtime.cpuCores()).isEqualTo(8);
        assertThat(runtime.memoryBytes()).isEqualTo(16L << 30);
        assertThat(runtime.dataUsedBytes()).isEqualTo(500 + 100);
        assertThat(runtime.trashUsedBytes()).isEqualTo(20 + 10);
        assertThat(runtime.availableBytes()).isEqualTo(400 + 1800);
        assertThat(runtime.totalBytes()).isEqualTo(1000 + 2000);
        assertThat(runtime.maxDiskUsedFraction()).isEqualTo(0.6);
    }

    @Test
    void aStoppingBackendStaysAliveButSaysItIsShuttingDownUntilItFails() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);
        assertThat(alive.runtime().shuttingDown()).isFalse();
        LivenessState stopping = LivenessTransitions.next(alive,
                new HeartbeatEvent.Success(RESPONSE.toBuilder().setShuttingDown(true).build(), clock.wallMillis()), 1);
        assertThat(stopping.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(stopping.runtime().shuttingDown()).isTrue();
        LivenessState gone = LivenessTransitions.next(stopping,
                new HeartbeatEvent.Failure("java.net.ConnectException: Connection refused", clock.wallMillis()), 1);
        assertThat(gone.liveness()).isEqualTo(BackendLiveness.DEAD);
        assertThat(gone.runtime().shuttingDown()).isTrue();
    }

    @Test
    void successWhileAliveKeepsLiveSinceAndMovesLastHeartbeat() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);
        long firstMs = clock.wallMillis();
        clock.advance(2, TimeUnit.SECONDS);

        LivenessState next = LivenessTransitions.next(alive, success(), 1);

        assertThat(next.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(next.runtime().liveSinceMs()).isEqualTo(firstMs);
        assertThat(next.runtime().lastHeartbeatMs()).isEqualTo(firstMs + 2_000);
    }

    @Test
    void successWithANewStartTimeIsANewLife() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);
        clock.advance(2, TimeUnit.SECONDS);

        LivenessState next = LivenessTransitions.next(alive,
                new HeartbeatEvent.Success(RESPONSE.toBuilder().setStartTimeMs(5_000).build(), clock.wallMillis()), 1);

        assertThat(next.runtime().lastStartTimeMs()).isEqualTo(5_000);
        assertThat(next.runtime().liveSinceMs()).isEqualTo(clock.wallMillis());
    }

    @Test
    void failureOfAnAliveBackendAtToleranceOneMakesItDeadAndKeepsTheLastSuccess() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);
        long successMs = clock.wallMillis();
        clock.advance(2, TimeUnit.SECONDS);

        LivenessState dead = LivenessTransitions.next(alive,
                failure("java.net.ConnectException: Connection refused"), 1);

        assertThat(dead.liveness()).isEqualTo(BackendLiveness.DEAD);
        assertThat(dead.runtime().alive()).isFalse();
        assertThat(dead.runtime().errorMessage()).isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(dead.runtime().heartbeatFailures()).isEqualTo(1);
        assertThat(dead.runtime().lastHeartbeatMs()).isEqualTo(successMs);
        assertThat(dead.runtime().liveSinceMs()).isEqualTo(successMs);
        assertThat(dead.runtime().bePort()).isEqualTo(9060);
        assertThat(dead.runtime().totalBytes()).isEqualTo(3000);
    }

    @Test
    void failuresBelowTheToleranceKeepTheBackendAliveWithTheErrorShown() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 3);

        LivenessState once = LivenessTransitions.next(alive, failure("timeout"), 3);
        LivenessState twice = LivenessTransitions.next(once, failure("timeout again"), 3);
        LivenessState thrice = LivenessTransitions.next(twice, failure("still nothing"), 3);

        assertThat(once.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(once.runtime().errorMessage()).isEqualTo("timeout");
        assertThat(once.runtime().heartbeatFailures()).isEqualTo(1);
        assertThat(twice.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(twice.runtime().heartbeatFailures()).isEqualTo(2);
        assertThat(thrice.liveness()).isEqualTo(BackendLiveness.DEAD);
        assertThat(thrice.runtime().errorMessage()).isEqualTo("still nothing");
        assertThat(thrice.runtime().heartbeatFailures()).isEqualTo(3);
    }

    @Test
    void aCallThatStayedUnansweredThroughSeveralRoundsFailsEachOfThem() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 3);

        LivenessState twoRounds = LivenessTransitions.next(alive,
                new HeartbeatEvent.Failure("DEADLINE_EXCEEDED", clock.wallMillis(), 2), 3);
        LivenessState third = LivenessTransitions.next(twoRounds, failure("refused"), 3);

        assertThat(twoRounds.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(twoRounds.runtime().heartbeatFailures()).isEqualTo(2);
        assertThat(third.liveness()).isEqualTo(BackendLiveness.DEAD);
        assertThat(third.runtime().heartbeatFailures()).isEqualTo(3);
        assertThat(LivenessTransitions.next(alive,
                new HeartbeatEvent.Failure("x", 0, Integer.MAX_VALUE), 3).runtime().heartbeatFailures())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void successAfterSomeFailuresResetsTheCounterAndTheError() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 3);
        long liveSinceMs = clock.wallMillis();
        LivenessState failedOnce = LivenessTransitions.next(alive, failure("timeout"), 3);
        clock.advance(2, TimeUnit.SECONDS);

        LivenessState next = LivenessTransitions.next(failedOnce, success(), 3);

        assertThat(next.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(next.runtime().heartbeatFailures()).isZero();
        assertThat(next.runtime().errorMessage()).isEmpty();
        assertThat(next.runtime().liveSinceMs()).isEqualTo(liveSinceMs);
    }

    @Test
    void failureOfAnUnknownBackendKeepsItUnknownWithTheErrorShown() {
        LivenessState next = LivenessTransitions.next(LivenessState.INITIAL,
                failure("java.net.ConnectException: Connection refused"), 1);

        assertThat(next.liveness()).isEqualTo(BackendLiveness.UNKNOWN);
        assertThat(next.runtime().alive()).isFalse();
        assertThat(next.runtime().errorMessage()).isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(next.runtime().heartbeatFailures()).isEqualTo(1);
        assertThat(next.runtime().lastHeartbeatMs()).isZero();
        assertThat(next.runtime().bePort()).isEqualTo(-1);
        assertThat(next.runtime().availableBytes()).isEqualTo(1);
    }

    @Test
    void failureOfADeadBackendKeepsCountingAndUpdatesTheError() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);
        LivenessState dead = LivenessTransitions.next(alive, failure("first"), 1);

        LivenessState next = LivenessTransitions.next(dead, failure("second"), 1);

        assertThat(next.liveness()).isEqualTo(BackendLiveness.DEAD);
        assertThat(next.runtime().errorMessage()).isEqualTo("second");
        assertThat(next.runtime().heartbeatFailures()).isEqualTo(2);
    }

    @Test
    void successOfADeadBackendMakesItAliveWithANewLiveSince() {
        LivenessState alive = LivenessTransitions.next(LivenessState.INITIAL, success(), 1);
        LivenessState dead = LivenessTransitions.next(alive, failure("gone"), 1);
        clock.advance(30, TimeUnit.SECONDS);

        LivenessState next = LivenessTransitions.next(dead, success(), 1);

        assertThat(next.liveness()).isEqualTo(BackendLiveness.ALIVE);
        assertThat(next.runtime().liveSinceMs()).isEqualTo(clock.wallMillis());
        assertThat(next.runtime().lastHeartbeatMs()).isEqualTo(clock.wallMillis());
        assertThat(next.runtime().errorMessage()).isEmpty();
        assertThat(next.runtime().heartbeatFailures()).isZero();
    }

    @Test
    void anAnswerWithAnErrorMessageIsAFailureCarryingTheBackendsText() {
        String refusal = "(127.0.0.1)[CORRUPTION]invalid cluster id. ignore. Record cluster id = 1, "
                + "record frontend info 127.0.0.1:9020. Invalid cluster_id=2, invalid frontend info 127.0.0.9:9020";
        HeartbeatEvent event = HeartbeatEvent.answered(HeartbeatResponse.newBuilder().setErrorMessage(refusal).build(),
                clock.wallMillis());

        LivenessState next = LivenessTransitions.next(LivenessState.INITIAL, event, 1);

        assertThat(event).isInstanceOf(HeartbeatEvent.Failure.class);
        assertThat(next.runtime().alive()).isFalse();
        assertThat(next.runtime().errorMessage()).isEqualTo(refusal);
        assertThat(HeartbeatEvent.answered(RESPONSE, 0)).isInstanceOf(HeartbeatEvent.Success.class);
    }

    @Test
    void aFailureWithoutTextShowsUnknownError() {
        LivenessState next = LivenessTransitions.next(LivenessState.INITIAL, failure(""), 1);

        assertThat(next.runtime().errorMessage()).isEqualTo("Unknown error");
    }

    @Test
    void aResponseWithoutRoleOrCoresKeepsDorisDefaults() {
        HeartbeatEvent bare = new HeartbeatEvent.Success(HeartbeatResponse.newBuilder().setBePort(9060).build(),
                clock.wallMillis());

        BackendRuntime runtime = LivenessTransitions.next(LivenessState.INITIAL, bare, 1).runtime();

        assertThat(runtime.nodeRole()).isEqualTo("mix");
        assertThat(runtime.cpuCores()).isEqualTo(1);
        assertThat(runtime.availableBytes()).isEqualTo(1);
        assertThat(runtime.totalBytes()).isZero();
        assertThat(runtime.maxDiskUsedFraction()).isZero();
    }

    @Test
    void rejectsAToleranceBelowOneAndARefusalDressedAsSuccess() {
        assertThatThrownBy(() -> LivenessTransitions.next(LivenessState.INITIAL, success(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeartbeatEvent.Success(
                HeartbeatResponse.newBuilder().setErrorMessage("no").build(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HeartbeatEvent success() {
        return new HeartbeatEvent.Success(RESPONSE, clock.wallMillis());
    }

    private HeartbeatEvent failure(String text) {
        return new HeartbeatEvent.Failure(text, clock.wallMillis());
    }

    private static DiskInfo disk(String path, long total, long available, long dataUsed, long trashUsed,
                                 boolean online) {
        return DiskInfo.newBuilder().setPath(path).setTotalBytes(total).setAvailableBytes(available)
                .setDataUsedBytes(dataUsed).setTrashUsedBytes(trashUsed).setOnline(online).build();
    }
}
