package io.tessera.fe.rpc;

import io.tessera.common.Clock;

/**
 * When a call must have ended, on the {@link Clock}'s monotonic time: set once for a statement and
 * shared by all its calls, so time spent waiting for a permit counts too.
 */
public record CallDeadline(long atNanos) {
    public static CallDeadline after(Clock clock, long timeoutMs) {
        return new CallDeadline(clock.monotonicNanos() + timeoutMs * 1_000_000L);
    }

    /** Milliseconds left (rounded up), 0 once passed. */
    public long remainingMs(Clock clock) {
        long remainingNanos = atNanos - clock.monotonicNanos();
        return remainingNanos <= 0 ? 0 : (remainingNanos + 999_999) / 1_000_000;
    }

    public boolean passed(Clock clock) {
        return atNanos - clock.monotonicNanos() <= 0;
    }
}
