package io.tessera.fe.cluster;

/**
 * When a backend's disks may take more data, as Doris's four keys say: used at most
 * {@code storage_high_watermark_usage_percent} with at least {@code storage_min_left_capacity_bytes}
 * free, and not at flood stage ({@code storage_flood_stage_usage_percent} used or less than
 * {@code storage_flood_stage_left_capacity_bytes} free). Doris asks it of each disk; the runtime
 * holds sums over the online disks, so this asks it of the sums. A backend that has reported no
 * disk capacity has no room. Immutable; the values are mutable config, so callers pass the ones in
 * force (see {@link ClusterView#withWatermarks}).
 */
public record StorageWatermarks(int highUsagePercent, long minLeftCapacityBytes, int floodStageUsagePercent,
                                long floodStageLeftCapacityBytes) {
    /** Doris's defaults: 85 %, 2 GiB; flood stage 95 %, 1 GiB. */
    public static final StorageWatermarks DORIS_DEFAULTS =
            new StorageWatermarks(85, 2L * 1024 * 1024 * 1024, 95, 1024L * 1024 * 1024);

    public boolean hasRoom(BackendRuntime runtime) {
        long totalBytes = runtime.totalBytes();
        if (totalBytes <= 0) {
            return false;
        }
        long availableBytes = runtime.availableBytes();
        long usedBytes = totalBytes - availableBytes;
        boolean underHighWatermark = usedBytes * 100 <= (long) highUsagePercent * totalBytes
                && availableBytes >= minLeftCapacityBytes;
        boolean floodStage = usedBytes * 100 >= (long) floodStageUsagePercent * totalBytes
                || availableBytes < floodStageLeftCapacityBytes;
        return underHighWatermark && !floodStage;
    }

    /**
     * How many more bytes the backend's disks may take before they pass the high watermark: the
     * smaller of the bytes left under {@code highUsagePercent} of capacity and the free bytes above
     * {@code minLeftCapacityBytes}; 0 when already past it or when no capacity was reported.
     */
    public long bytesBelowHighWatermark(BackendRuntime runtime) {
        long totalBytes = runtime.totalBytes();
        if (totalBytes <= 0) {
            return 0;
        }
        long availableBytes = runtime.availableBytes();
        long usedBytes = totalBytes - availableBytes;
        long underPercentBytes = totalBytes / 100 * highUsagePercent + totalBytes % 100 * highUsagePercent / 100
                - usedBytes;
        long aboveMinLeftBytes = availableBytes - minLeftCapacityBytes;
        return Math.max(0, Math.min(underPercentBytes, aboveMinLeftBytes));
    }
}
