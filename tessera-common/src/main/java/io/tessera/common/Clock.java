package io.tessera.common;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The only source of time for Tessera's logic, so that tests can drive time by hand.
 *
 * <p>Wall time (milliseconds since the epoch) is for values shown to people and stored in
 * records; monotonic time (nanoseconds, arbitrary origin) is for measuring intervals and
 * deadlines. The two are deliberately not comparable. The clock also owns the process's time
 * zone and waiting, so that nothing else reads the machine's settings or sleeps. Implementations
 * are thread-safe.
 */
public interface Clock {
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    long wallMillis();

    /** Nanoseconds from an arbitrary fixed origin; never goes backwards. */
    long monotonicNanos();

    /** The machine's time zone: the default of a session's {@code time_zone} and of dates in logs. */
    ZoneId zone();

    /** Waits for the duration (a manual clock moves forward instead). */
    void sleep(Duration duration) throws InterruptedException;

    /** The clock of the running process. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
