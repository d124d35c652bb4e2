package io.tessera.common;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when a test tells it to. Both readings advance together by
 * {@link #advance}; {@link #sleep} advances instead of waiting. Its time zone is UTC. Thread-safe:
 * readings and advances are synchronized.
 */
public final class ManualClock implements Clock {
    private long wallMillis;
    private long monotonicNanos;

    public ManualClock(long startWallMillis) {
        this.wallMillis = startWallMillis;
        this.monotonicNanos = 1_000_000_000L;
    }

    @Override
    public synchronized long wallMillis() {
        return wallMillis;
    }

    @Override
    public synchronized long monotonicNanos() {
        return monotonicNanos;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** Returns at once, the clock moved forward by the duration. */
    @Override
    public void sleep(Duration duration) {
        advance(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves both readings forward. */
    public synchronized void advance(long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException("time never goes backwards: " + amount);
        }
        wallMillis += unit.toMillis(amount);
        monotonicNanos += unit.toNanos(amount);
    }
}
