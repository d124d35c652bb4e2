package io.tessera.fe.rpc;

/**
 * How long a clone may take, Doris's way ({@code TabletSchedCtx.getApproximateTimeoutMs}): the
 * tablet's size at a low transfer speed ({@code MIN_CLONE_SPEED_MB_PER_SECOND}, 5 MB/s, in whole
 * MiB and whole seconds as Doris counts), kept between {@code min_clone_task_timeout_sec} (3 min)
 * and {@code max_clone_task_timeout_sec} (2 h). The deadline of a CloneTablet call
 * ({@link BackendCalls#cloneTablet}) and the timeout the destination applies to the copy. A pure
 * function; immutable.
 *
 * @param minMs              the shortest timeout ({@code min_clone_task_timeout_sec})
 * @param maxMs              the longest timeout ({@code max_clone_task_timeout_sec})
 * @param lowSpeedMbPerSecond the speed a clone is assumed to reach at least, in MiB per second
 */
public record CloneTimeouts(long minMs, long maxMs, long lowSpeedMbPerSecond) {
    public static final long DEFAULT_MIN_SECONDS = 3 * 60;
    public static final long DEFAULT_MAX_SECONDS = 2 * 60 * 60;
    public static final long DEFAULT_LOW_SPEED_MB_PER_SECOND = 5;
    public static final CloneTimeouts DEFAULT = new CloneTimeouts(DEFAULT_MIN_SECONDS * 1000,
            DEFAULT_MAX_SECONDS * 1000, DEFAULT_LOW_SPEED_MB_PER_SECOND);

    public CloneTimeouts {
        if (minMs <= 0 || maxMs < minMs || lowSpeedMbPerSecond <= 0) {
            throw new IllegalArgumentException("clone timeouts need 0 < min <= max and a positive speed, got min "
                    + minMs + " ms, max " + maxMs + " ms, speed " + lowSpeedMbPerSecond + " MB/s");
        }
    }

    /** The timeout of a clone of a tablet of {@code tabletBytes} bytes (its replica's data size). */
    public long timeoutMs(long tabletBytes) {
        long estimatedMs = Math.max(0, tabletBytes) / 1024 / 1024 / lowSpeedMbPerSecond * 1000;
        return Math.min(Math.max(estimatedMs, minMs), maxMs);
    }
}
