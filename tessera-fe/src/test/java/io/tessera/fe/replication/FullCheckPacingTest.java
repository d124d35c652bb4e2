package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The periodic full check waits the interval, or ten times the last check's decision cost when that
 * is longer, but never more than a minute (or the interval, when that is longer).
 */
class FullCheckPacingTest {
    private static final long INTERVAL_MS = 20_000;
    private final ManualClock clock = new ManualClock(1_000_000);
    private final FullCheckPacing pacing = new FullCheckPacing(clock);

    @Test
    void aCheapCheckIsDueAgainAfterTheInterval() {
        long startMs = clock.wallMillis();
        pacing.started(startMs, INTERVAL_MS);
        clock.advance(50, TimeUnit.MILLISECONDS);
        pacing.finished(startMs, INTERVAL_MS, TimeUnit.MILLISECONDS.toNanos(50));

        assertThat(pacing.periodicDue(startMs + INTERVAL_MS - 1)).isFalse();
        assertThat(pacing.periodicDue(startMs + INTERVAL_MS)).isTrue();
    }

    @Test
    void aCostlyCheckWaitsTenTimesItsCost() {
        long startMs = clock.wallMillis();
        pacing.started(startMs, INTERVAL_MS);
        clock.advance(3, TimeUnit.SECONDS);
        pacing.finished(startMs, INTERVAL_MS, TimeUnit.SECONDS.toNanos(3));

        assertThat(pacing.nextCheckMs()).isEqualTo(startMs + 30_000);
        assertThat(pacing.periodicDue(startMs + 29_999)).isFalse();
        assertThat(pacing.periodicDue(startMs + 30_000)).isTrue();
    }

    @Test
    void theGapIsCappedAtAMinuteHoweverLongTheCheck() {
        long startMs = clock.wallMillis();
        pacing.started(startMs, INTERVAL_MS);
        // A 42 s check of 1M tablets would otherwise wait 7 minutes.
        clock.advance(42, TimeUnit.SECONDS);
        pacing.finished(startMs, INTERVAL_MS, TimeUnit.SECONDS.toNanos(42));

        assertThat(pacing.nextCheckMs()).isEqualTo(startMs + FullCheckPacing.MAX_GAP_MS);
        assertThat(pacing.periodicDue(startMs + 59_999)).isFalse();
        assertThat(pacing.periodicDue(startMs + 60_000)).isTrue();
    }

    @Test
    void anIntervalLongerThanTheCapIsKept() {
        long startMs = clock.wallMillis();
        long intervalMs = 120_000;
        pacing.started(startMs, intervalMs);
        clock.advance(42, TimeUnit.SECONDS);
        pacing.finished(startMs, intervalMs, TimeUnit.SECONDS.toNanos(42));

        assertThat(pacing.nextCheckMs()).isEqualTo(startMs + intervalMs);
    }

    @Test
    void onlyTheDecisionCostCountsNotTheTimeTheCheckTookInAll() {
        long startMs = clock.wallMillis();
        pacing.started(startMs, INTERVAL_MS);
        // The decisions took 1 s, then starting the work waited 30 s for the metadata writer.
        clock.advance(31, TimeUnit.SECONDS);
        pacing.finished(startMs, INTERVAL_MS, TimeUnit.SECONDS.toNanos(1));

        assertThat(pacing.nextCheckMs()).as("the interval: ten times 1 s is shorter").isEqualTo(startMs + INTERVAL_MS);
        assertThat(pacing.lastCostNs()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(pacing.costPaidBack()).isFalse();
        clock.advance(9_999, TimeUnit.MILLISECONDS);
        assertThat(pacing.costPaidBack()).isFalse();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(pacing.costPaidBack()).as("ten times 1 s after the check ended").isTrue();
    }

    @Test
    void aCheckThatFailedIsDueAgainAfterTheInterval() {
        long startMs = clock.wallMillis();
        pacing.started(startMs, INTERVAL_MS);

        assertThat(pacing.periodicDue(startMs + 1)).isFalse();
        assertThat(pacing.periodicDue(startMs + INTERVAL_MS)).isTrue();
    }
}
