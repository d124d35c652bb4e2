package io.tessera.fe.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void timeLeftShrinksWithTheClockAndEndsAtZero() {
        CallDeadline deadline = CallDeadline.after(clock, 1_000);
        assertThat(deadline.remainingMs(clock)).isEqualTo(1_000);

        clock.advance(999, TimeUnit.MILLISECONDS);
        assertThat(deadline.remainingMs(clock)).isEqualTo(1);
        assertThat(deadline.passed(clock)).isFalse();

        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(deadline.remainingMs(clock)).isZero();
        assertThat(deadline.passed(clock)).isTrue();
    }
}
