package io.tessera.fe.heartbeat;

/**
 * The heartbeat manager's settings, from fe.conf with Doris's key names. Tessera gives the call
 * its own timeout (Doris uses the interval) and faster defaults.
 *
 * @param intervalMs            time between rounds ({@code heartbeat_interval_second}, 1 s)
 * @param timeoutMs             deadline of each heartbeat call ({@code heartbeat_timeout_second}, 2 s)
 * @param failureToleranceCount failed rounds in a row that make an alive backend dead
 *                              ({@code max_backend_heartbeat_failure_tolerance_count}, 1)
 */
public record HeartbeatConfig(long intervalMs, long timeoutMs, int failureToleranceCount) {
    public static final int DEFAULT_INTERVAL_SECOND = 1;
    public static final int DEFAULT_TIMEOUT_SECOND = 2;
    public static final int DEFAULT_FAILURE_TOLERANCE_COUNT = 1;
    /** The first exchange with a backend may take this many times {@code timeoutMs}. */
    static final int FIRST_CONTACT_TIMEOUT_FACTOR = 5;

    public HeartbeatConfig {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + intervalMs + " ms");
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("heartbeat timeout must be positive: " + timeoutMs + " ms");
        }
        if (failureToleranceCount < 1) {
            throw new IllegalArgumentException("heartbeat failure tolerance must be at least 1: "
                    + failureToleranceCount);
        }
    }

    /**
     * The deadline of the exchanges with a backend before its first answer on a connection (after
     * an FE start or ADD BACKEND): {@value #FIRST_CONTACT_TIMEOUT_FACTOR} × {@code timeoutMs}, 10 s by
     * default. Failing them leaves the backend UNKNOWN (never dead), so waiting longer costs no
     * detection; it spares a start the retries of answers that came late only because the FE was
     * compiling and collecting while meeting every backend at once.
     */
    public long firstContactTimeoutMs() {
        return timeoutMs * FIRST_CONTACT_TIMEOUT_FACTOR;
    }

    /** The settings as fe.conf states them, in whole seconds. */
    public static HeartbeatConfig ofSeconds(int intervalSecond, int timeoutSecond, int failureToleranceCount) {
        return new HeartbeatConfig(intervalSecond * 1000L, timeoutSecond * 1000L, failureToleranceCount);
    }

    /**
     * Tessera's defaults: every 1 s, 2 s deadline, dead after one failed round, so a backend that
     * stops answering is dead within 3 s. A heartbeat is answered in milliseconds, so the 2 s
     * deadline leaves room for a BE starved of CPU: {@code HeartbeatUnderLoadTest} keeps every core
     * busy and sees no healthy backend declared dead.
     */
    public static HeartbeatConfig defaults() {
        return ofSeconds(DEFAULT_INTERVAL_SECOND, DEFAULT_TIMEOUT_SECOND, DEFAULT_FAILURE_TOLERANCE_COUNT);
    }
}
