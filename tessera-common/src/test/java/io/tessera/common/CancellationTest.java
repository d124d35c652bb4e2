package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CancellationTest {
    private static final TesseraException KILLED = new TesseraException(ErrorCode.QUERY_CANCELLED, "killed");

    @Test
    void theFirstCancelWinsAndRunsTheListenersOnce() {
        Cancellation cancellation = new Cancellation(new ManualClock(0));
        List<String> ran = new ArrayList<>();
        cancellation.onCancel(() -> ran.add("first"));
        assertThat(cancellation.cancel(KILLED)).isTrue();
        assertThat(cancellation.cancel(new TesseraException(ErrorCode.QUERY_TIMEOUT, "late"))).isFalse();
        cancellation.onCancel(() -> ran.add("after"));
        assertThat(ran).containsExactly("first", "after");
        assertThatThrownBy(cancellation::throwIfCancelled).isInstanceOfSatisfying(TesseraException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
                    assertThat(e.getMessage()).isEqualTo("killed");
                });
    }

    @Test
    void aSleepOnAManualClockMovesTheClockAndReturns() {
        ManualClock clock = new ManualClock(0);
        Cancellation cancellation = new Cancellation(clock);
        long before = clock.monotonicNanos();
        cancellation.sleep(Duration.ofSeconds(30));
        assertThat(clock.monotonicNanos() - before).isEqualTo(TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    void aCancelledSleepThrowsAtOnce() {
        ManualClock clock = new ManualClock(0);
        Cancellation cancellation = new Cancellation(clock);
        cancellation.cancel(KILLED);
        assertThatThrownBy(() -> cancellation.sleep(Duration.ofSeconds(30))).hasMessage("killed");
        assertThat(clock.monotonicNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void aCancelFromAnotherThreadWakesARealSleepAndLeavesNoInterruptBehind() throws Exception {
        Cancellation cancellation = new Cancellation(Clock.system());
        CountDownLatch sleeping = new CountDownLatch(1);
        CompletableFuture<Boolean> slept = CompletableFuture.supplyAsync(() -> {
            sleeping.countDown();
            try {
                cancellation.sleep(Duration.ofHours(1));
                return false;
            } catch (TesseraException e) {
                return !Thread.currentThread().isInterrupted() && e.code() == ErrorCode.QUERY_CANCELLED;
            }
        });
        assertThat(sleeping.await(30, TimeUnit.SECONDS)).isTrue();
        cancellation.cancel(KILLED);
        try {
            assertThat(slept.get(30, TimeUnit.SECONDS)).isTrue();
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
