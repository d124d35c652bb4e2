package io.tessera.fe.scheduler;

import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.StorageWatermarks;
import io.tessera.fe.config.RuntimeConfig;

/**
 * The runtime config's storage watermarks ({@code storage_high_watermark_usage_percent},
 * {@code storage_min_left_capacity_bytes} and the flood-stage pair) as the
 * {@link StorageWatermarks} a {@code ClusterView} judges disk room by: the keys are mutable, so
 * each round's {@link SchedulerInput} gives its view the values in force. Pure.
 */
public final class StorageRoom {
    private StorageRoom() {
    }

    public static StorageWatermarks watermarks(RuntimeConfig config) {
        return new StorageWatermarks(config.storageHighWatermarkUsagePercent(), config.storageMinLeftCapacityBytes(),
                config.storageFloodStageUsagePercent(), config.storageFloodStageLeftCapacityBytes());
    }

    public static boolean hasRoom(BackendRuntime runtime, RuntimeConfig config) {
        return watermarks(config).hasRoom(runtime);
    }
}
