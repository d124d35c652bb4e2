package io.tessera.be.storage.compaction;

import java.time.Duration;

/**
 * When and how backends merge the small rowsets of their replicas (be.conf). Immutable.
 *
 * @param enabled                 false with {@code disable_auto_compaction = true} (Doris's key): no
 *                                background compaction at all
 * @param checkIntervalMs         how often every replica is looked at
 *                                ({@code generate_compaction_tasks_interval_ms}, 1000)
 * @param triggerRowsets          a replica is compacted once it holds more than this many rowsets
 *                                ({@code cumulative_compaction_trigger_rowsets}, 5)
 * @param maxRowsetsPerCompaction the most rowsets one compaction merges
 *                                ({@code max_cumulative_compaction_num_singleton_deltas}, 1000)
 * @param promotionBytes          a rowset at least this large is left alone, and so are the ones before it
 *                                ({@code compaction_promotion_size_mbytes}, 1024 MiB)
 * @param threads                 compactions that run at once on this backend ({@code max_cumu_compaction_threads}, 1)
 * @param staleKeep               how long replaced rowset files stay readable for scans of older versions
 *                                ({@code tablet_rowset_stale_sweep_time_sec}, 300 s)
 */
public record CompactionConfig(boolean enabled, long checkIntervalMs, int triggerRowsets, int maxRowsetsPerCompaction,
                               long promotionBytes, int threads, Duration staleKeep) {
    public static final long DEFAULT_CHECK_INTERVAL_MS = 1_000;
    public static final int DEFAULT_TRIGGER_ROWSETS = 5;
    public static final int DEFAULT_MAX_ROWSETS_PER_COMPACTION = 1_000;
    public static final long DEFAULT_PROMOTION_MBYTES = 1_024;
    public static final int DEFAULT_THREADS = 1;
    public static final long DEFAULT_STALE_KEEP_SECONDS = 300;

    public static final CompactionConfig DEFAULT = new CompactionConfig(true, DEFAULT_CHECK_INTERVAL_MS,
            DEFAULT_TRIGGER_ROWSETS, DEFAULT_MAX_ROWSETS_PER_COMPACTION, DEFAULT_PROMOTION_MBYTES << 20,
            DEFAULT_THREADS, Duration.ofSeconds(DEFAULT_STALE_KEEP_SECONDS));

    public CompactionConfig {
        if (checkIntervalMs < 1 || triggerRowsets < 1 || maxRowsetsPerCompaction < 2 || promotionBytes < 1
                || threads < 1 || staleKeep.isNegative()) {
            throw new IllegalArgumentException("invalid compaction config: " + checkIntervalMs + " ms, trigger "
                    + triggerRowsets + ", max " + maxRowsetsPerCompaction + ", promotion " + promotionBytes
                    + " bytes, " + threads + " threads, stale keep " + staleKeep);
        }
    }
}
