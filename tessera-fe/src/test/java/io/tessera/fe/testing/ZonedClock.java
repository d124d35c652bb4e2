package io.tessera.fe.testing;

import io.tessera.common.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * A clock that reads another one but names its own time zone: gives an {@link InProcessCluster}'s
 * FE a manual clock with a named zone ({@code ManualClock}'s is the offset {@code Z}), so
 * {@code time_zone} reads like a real FE's. Thread-safe as the clock it reads.
 */
record ZonedClock(Clock time, ZoneId zone) implements Clock {
    @Override
    public long wallMillis() {
        return time.wallMillis();
    }

    @Override
    public long monotonicNanos() {
        return time.monotonicNanos();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        time.sleep(duration);
    }
}
