package io.tessera.fe.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounds on calls in flight, with calls that end when the test says so. */
class CallPermitsTest {
    private final CallPermits permits = new CallPermits(new CallLimits(2, 3));
    private final List<String> started = new ArrayList<>();
    private final List<CompletableFuture<Void>> ends = new ArrayList<>();

    /** Submits a call named {@code name} to the backend; returns its result future. */
    private CompletableFuture<Void> submit(long backendId, String name) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        permits.submit(backendId, result, () -> {
            started.add(name);
            CompletableFuture<Void> end = new CompletableFuture<>();
            ends.add(end);
            return end;
        });
        return result;
    }

    @Test
    void aBackendHasAtMostItsLimitOfCallsInFlightAndTheNextStartsWhenOneEnds() {
        for (int i = 0; i < 5; i++) {
            submit(1, "a" + i);
        }
        assertThat(started).containsExactly("a0", "a1");
        assertThat(permits.inFlight(1)).isEqualTo(2);
        assertThat(permits.waiting()).isEqualTo(3);

        ends.get(1).complete(null);

        assertThat(started).containsExactly("a0", "a1", "a2");
        assertThat(permits.inFlight(1)).isEqualTo(2);
        assertThat(permits.waiting()).isEqualTo(2);
    }

    @Test
    void theTotalLimitHoldsAcrossBackendsAndBackendsTakeTurns() {
        submit(1, "a0");
        submit(1, "a1");
        submit(2, "b0");
        submit(2, "b1");
        submit(1, "a2");
        submit(3, "c0");
        assertThat(started).containsExactly("a0", "a1", "b0");
        assertThat(permits.inFlight()).isEqualTo(3);

        ends.get(0).complete(null); // a0 ends: backend 2 has waited longest

        assertThat(started).containsExactly("a0", "a1", "b0", "b1");
        ends.get(2).complete(null); // b0 ends: backend 1 and 3 wait; 1 is next in turn

        assertThat(started).containsExactly("a0", "a1", "b0", "b1", "a2");
        ends.get(1).complete(null);

        assertThat(started).containsExactly("a0", "a1", "b0", "b1", "a2", "c0");
    }

    @Test
    void aWaitingCallWhoseCallerGaveUpIsNeverStarted() {
        submit(1, "a0");
        submit(1, "a1");
        CompletableFuture<Void> abandoned = submit(1, "a2");
        submit(1, "a3");

        abandoned.cancel(false);
        ends.get(0).complete(null);

        assertThat(started).containsExactly("a0", "a1", "a3");
        assertThat(permits.waiting()).isZero();
    }

    @Test
    void aCallThatCannotBeSentFailsItsResultAndReturnsItsPermit() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        permits.submit(1, result, () -> {
            throw new IllegalStateException("no channel");
        });

        assertThat(result).isCompletedExceptionally();
        assertThat(permits.inFlight()).isZero();
        submit(1, "a0");
        submit(1, "a1");
        assertThat(started).containsExactly("a0", "a1");
    }

    @Test
    void manyCallsEndingAtOnceRunInALoopNotARecursion() {
        CallPermits one = new CallPermits(new CallLimits(1, 1));
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Void> first = new CompletableFuture<>();
        one.submit(1, new CompletableFuture<>(), () -> first);
        for (int i = 0; i < 100_000; i++) {
            one.submit(1, new CompletableFuture<>(), () -> {
                ran.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            });
        }
        assertThat(ran.get()).isZero();

        first.complete(null);

        assertThat(ran.get()).isEqualTo(100_000);
        assertThat(one.inFlight()).isZero();
        assertThat(one.waiting()).isZero();
    }
}
