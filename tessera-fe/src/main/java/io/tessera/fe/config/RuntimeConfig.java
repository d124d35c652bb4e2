package io.tessera.fe.config;

import io.tessera.fe.ddl.TabletCreateTimeouts;
import java.util.Map;

/**
 * The values read at run time (CREATE TABLE's timeouts; the tablet scheduler's and decommission's), typed, as they stand now: fe.conf's, or
 * the last {@code ADMIN SET FRONTEND CONFIG} of a mutable key. An immutable snapshot; a component
 * asks {@link RuntimeConfigState#current()} (or a {@code Supplier<RuntimeConfig>} wired to it) each
 * round, so a SET takes effect on the next round. Components named after Doris's keys, units spelled
 * out.
 *
 * @param tabletRepairDelayFactorSeconds      {@code tablet_repair_delay_factor_second}
 * @param scheduleSlotsPerHddPath             {@code schedule_slot_num_per_hdd_path}
 * @param scheduleSlotsPerSsdPath             {@code schedule_slot_num_per_ssd_path}
 * @param scheduleBatchSize                   {@code schedule_batch_size}
 * @param balanceSlotsPerPath                 {@code balance_slot_num_per_path}
 * @param maxSchedulingTablets                {@code max_scheduling_tablets}
 * @param maxBalancingTablets                 {@code max_balancing_tablets}
 * @param balanceLoadScoreThreshold           {@code balance_load_score_threshold}
 * @param disableTabletScheduler              {@code disable_tablet_scheduler}
 * @param disableBalance                      {@code disable_balance}
 * @param disableDiskBalance                  {@code disable_disk_balance}
 * @param disableColocateBalance              {@code disable_colocate_balance}
 * @param forceDropRedundantReplica           {@code enable_force_drop_redundant_replica}
 * @param storageHighWatermarkUsagePercent    {@code storage_high_watermark_usage_percent}
 * @param storageMinLeftCapacityBytes         {@code storage_min_left_capacity_bytes}
 * @param storageFloodStageUsagePercent       {@code storage_flood_stage_usage_percent}
 * @param storageFloodStageLeftCapacityBytes  {@code storage_flood_stage_left_capacity_bytes}
 * @param minCloneTaskTimeoutSeconds          {@code min_clone_task_timeout_sec}
 * @param maxCloneTaskTimeoutSeconds          {@code max_clone_task_timeout_sec}
 * @param dropBackendAfterDecommission        {@code drop_backend_after_decommission}
 * @param decommissionTabletCheckThreshold    {@code decommission_tablet_check_threshold}
 * @param decommissionSkipLeakyTabletSeconds  {@code decommission_skip_leaky_tablet_second}
 * @param decommissionTabletWaitTimeSeconds   {@code decommission_tablet_wait_time_seconds}
 * @param decommissionStallWarningSeconds     {@code decommission_stall_warning_second} (Tessera's own key)
 * @param decommissionCheckIntervalMs         {@code decommission_check_interval_ms} (Tessera's own key): the
 *                                            completion check's period (Doris's constant 10 s)
 * @param tabletCheckerIntervalMs             {@code tablet_checker_interval_ms} (start-only)
 * @param tabletScheduleIntervalMs            {@code tablet_schedule_interval_ms} (start-only)
 * @param maxQueryScanBytes                   {@code max_query_scan_bytes} (Tessera's own key): the most
 *                                            bytes one statement's scans may return to the FE; 0 means
 *                                            a quarter of the FE's heap, a negative value no limit
 * @param tabletCreateTimeouts                {@code tablet_create_timeout_second},
 *                                            {@code min_create_table_timeout_second},
 *                                            {@code max_create_table_timeout_second}: CREATE TABLE's
 */
public record RuntimeConfig(
        long tabletRepairDelayFactorSeconds,
        int scheduleSlotsPerHddPath,
        int scheduleSlotsPerSsdPath,
        int scheduleBatchSize,
        int balanceSlotsPerPath,
        int maxSchedulingTablets,
        int maxBalancingTablets,
        double balanceLoadScoreThreshold,
        boolean disableTabletScheduler,
        boolean disableBalance,
        boolean disableDiskBalance,
        boolean disableColocateBalance,
        boolean forceDropRedundantReplica,
        int storageHighWatermarkUsagePercent,
        long storageMinLeftCapacityBytes,
        int storageFloodStageUsagePercent,
        long storageFloodStageLeftCapacityBytes,
        long minCloneTaskTimeoutSeconds,
        long maxCloneTaskTimeoutSeconds,
        boolean dropBackendAfterDecommission,
        int decommissionTabletCheckThreshold,
        int decommissionSkipLeakyTabletSeconds,
        int decommissionTabletWaitTimeSeconds,
        int decommissionStallWarningSeconds,
        long decommissionCheckIntervalMs,
        long tabletCheckerIntervalMs,
        long tabletScheduleIntervalMs,
        long maxQueryScanBytes,
        TabletCreateTimeouts tabletCreateTimeouts) {

    /** Every key at its default: what an FE without fe.conf values or SETs runs with. */
    public static final RuntimeConfig DEFAULTS = of(Map.of());

    /**
     * The typed values of canonical texts by key; a key missing from the map takes its default.
     *
     * @throws IllegalArgumentException for a text that is not of its key's type
     */
    public static RuntimeConfig of(Map<String, String> values) {
        Values v = new Values(values);
        return new RuntimeConfig(
                v.longValue("tablet_repair_delay_factor_second"),
                v.intValue("schedule_slot_num_per_hdd_path"),
                v.intValue("schedule_slot_num_per_ssd_path"),
                v.intValue("schedule_batch_size"),
                v.intValue("balance_slot_num_per_path"),
                v.intValue("max_scheduling_tablets"),
                v.intValue("max_balancing_tablets"),
                v.doubleValue("balance_load_score_threshold"),
                v.booleanValue("disable_tablet_scheduler"),
                v.booleanValue("disable_balance"),
                v.booleanValue("disable_disk_balance"),
                v.booleanValue("disable_colocate_balance"),
                v.booleanValue("enable_force_drop_redundant_replica"),
                v.intValue("storage_high_watermark_usage_percent"),
                v.longValue("storage_min_left_capacity_bytes"),
                v.intValue("storage_flood_stage_usage_percent"),
                v.longValue("storage_flood_stage_left_capacity_bytes"),
                v.longValue("min_clone_task_timeout_sec"),
                v.longValue("max_clone_task_timeout_sec"),
                v.booleanValue("drop_backend_after_decommission"),
                v.intValue("decommission_tablet_check_threshold"),
                v.intValue("decommission_skip_leaky_tablet_second"),
                v.intValue("decommission_tablet_wait_time_seconds"),
                v.intValue("decommission_stall_warning_second"),
                v.longValue("decommission_check_interval_ms"),
                v.longValue("tablet_checker_interval_ms"),
                v.longValue("tablet_schedule_interval_ms"),
                v.longValue("max_query_scan_bytes"),
                new TabletCreateTimeouts(v.intValue("tablet_create_timeout_second"),
                        v.intValue("min_create_table_timeout_second"), v.intValue("max_create_table_timeout_second")));
    }

    /** {@code max_query_scan_bytes} in bytes: a quarter of {@code maxHeapBytes} for 0, Long.MAX_VALUE when negative. */
    public long queryScanLimitBytes(long maxHeapBytes) {
        if (maxQueryScanBytes < 0) {
            return Long.MAX_VALUE;
        }
        return maxQueryScanBytes == 0 ? maxHeapBytes / 4 : maxQueryScanBytes;
    }

    /** Reads one key's value from the map or its default. */
    private record Values(Map<String, String> values) {
        private Object parsed(String name) {
            ConfigKey key = ConfigKeys.find(name).orElseThrow(
                    () -> new IllegalStateException("no config key " + name));
            return key.type().parse(values.getOrDefault(name, key.defaultValue()));
        }

        int intValue(String name) {
            return (Integer) parsed(name);
        }

        long longValue(String name) {
            return (Long) parsed(name);
        }

        double doubleValue(String name) {
            return (Double) parsed(name);
        }

        boolean booleanValue(String name) {
            return (Boolean) parsed(name);
        }
    }
}
