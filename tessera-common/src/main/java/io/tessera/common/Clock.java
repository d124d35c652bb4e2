package io.tessera.common;

/**
 * The only source of time for Tessera's logic, so that tests can drive time by hand.
 *
 * <p>Wall time (milliseconds since the epoch) is for values shown to people and stored in
 * records; monotonic time (nanoseconds, arbitrary origin) is for measuring intervals and
 * deadlines. The two are deliberately not comparable. Implementations are thread-safe.
 */
public interface Clock {
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    long wallMillis();

    /** Nanoseconds from an arbitrary fixed origin; never goes backwards. */
    long monotonicNanos();

    /** The clock of the running process. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
