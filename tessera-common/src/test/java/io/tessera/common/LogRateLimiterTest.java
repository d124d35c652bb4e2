package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogRateLimiterTest {
    private final ManualClock clock = new ManualClock(0);
    private final LogRateLimiter limiter = new LogRateLimiter(clock, Duration.ofSeconds(60), 2);
    private final List<String> lines = new ArrayList<>();

    @Test
    void writesOneLinePerIntervalAndCountsTheSuppressed() {
        assertThat(limiter.log("hb:be1", "heartbeat failed", lines::add)).isTrue();
        assertThat(limiter.log("hb:be1", "heartbeat failed", lines::add)).isFalse();
        clock.advance(59, TimeUnit.SECONDS);
        assertThat(limiter.log("hb:be1", "heartbeat failed", lines::add)).isFalse();
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(limiter.log("hb:be1", "heartbeat failed again", lines::add)).isTrue();
        clock.advance(60, TimeUnit.SECONDS);
        limiter.log("hb:be1", "heartbeat failed third", lines::add);
        assertThat(lines).containsExactly(
                "heartbeat failed",
                "heartbeat failed again (2 similar messages suppressed)",
                "heartbeat failed third");
    }

    @Test
    void keysAreIndependentAndBounded() {
        limiter.log("a", "a1", lines::add);
        limiter.log("b", "b1", lines::add);
        limiter.log("a", "a2", lines::add);
        // A third key evicts the least recently used one ("b"), which then writes again at once.
        limiter.log("c", "c1", lines::add);
        limiter.log("b", "b2", lines::add);
        assertThat(lines).containsExactly("a1", "b1", "c1", "b2");
    }
}
