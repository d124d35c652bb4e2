package io.tessera.fe.scheduler;

import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.config.RuntimeConfig;

/**
 * Whether a backend's disks may take a clone, by the runtime config's watermarks: used at most
 * {@code storage_high_watermark_usage_percent} with at least {@code storage_min_left_capacity_bytes}
 * free, and not at flood stage ({@code storage_flood_stage_usage_percent} used or less than
 * {@code storage_flood_stage_left_capacity_bytes} free). Exists beside
 * {@code ClusterView.hasStorageRoom} (which holds Doris's defaults as constants) because these keys
 * are mutable; the scheduler asks both. Doris asks it per disk; the runtime holds sums over online
 * disks, so this asks it of the sums (a simplification). Pure.
 */
public final class StorageRoom {
    private StorageRoom() {
    }

    public static boolean hasRoom(BackendRuntime runtime, RuntimeConfig config) {
        if (runtime.totalBytes() <= 0) {
            return false;
        }
        long usedBytes = runtime.totalBytes() - runtime.availableBytes();
        double usedPercent = 100.0 * usedBytes / runtime.totalBytes();
        boolean underHighWatermark = usedPercent <= config.storageHighWatermarkUsagePercent()
                && runtime.availableBytes() >= config.storageMinLeftCapacityBytes();
        boolean floodStage = usedPercent >= config.storageFloodStageUsagePercent()
                || runtime.availableBytes() < config.storageFloodStageLeftCapacityBytes();
        return underHighWatermark && !floodStage;
    }
}
