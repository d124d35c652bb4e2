package io.tessera.be.storage.tablet;

import io.tessera.common.Clock;
import java.time.Duration;

/**
 * How long the files of rowsets a compaction replaced stay readable for scans of older versions
 * ({@code tablet_rowset_stale_sweep_time_sec}), and the clock that measures it. Immutable.
 *
 * @param clock     the monotonic time source
 * @param keepNanos how long a replaced rowset is kept; 0 deletes it as soon as no scan reads it
 */
public record StaleRowsetRetention(Clock clock, long keepNanos) {
    public StaleRowsetRetention {
        if (keepNanos < 0) {
            throw new IllegalArgumentException("stale rowset keep time must not be negative: " + keepNanos);
        }
    }

    public static StaleRowsetRetention of(Clock clock, Duration keep) {
        return new StaleRowsetRetention(clock, keep.toNanos());
    }
}
