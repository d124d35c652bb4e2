package io.tessera.fe.config;

import io.tessera.common.LogSettings;
import io.tessera.fe.audit.AuditLogConfig;
import io.tessera.fe.ddl.BucketLimit;
import io.tessera.fe.ddl.TabletCreateTimeouts;
import io.tessera.fe.heartbeat.HeartbeatConfig;
import io.tessera.fe.journal.SnapshotConfig;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every FE config key Tessera reads, with Doris's name, type, default and flags (Doris's
 * {@code Config.java}; where Tessera's default or mutability differs, docs/compatibility.md says
 * why). The one list fe.conf parsing, {@code SHOW FRONTEND CONFIG} and {@code ADMIN SET FRONTEND
 * CONFIG} agree on. Immutable.
 */
public final class ConfigKeys {
    // Read once at start: listeners, folders, and values components take at construction.
    private static final List<ConfigKey> START_ONLY = List.of(
            startOnly("priority_networks", ConfigType.STRING, "", false),
            startOnly("query_port", ConfigType.INT, "9030", false),
            startOnly("http_port", ConfigType.INT, "8030", false),
            startOnly("rpc_port", ConfigType.INT, "9020", false),
            startOnly("edit_log_port", ConfigType.INT, "9010", false),
            startOnly("meta_dir", ConfigType.STRING, "meta", false),
            startOnly("sys_log_dir", ConfigType.STRING, "", false),
            startOnly("sys_log_level", ConfigType.STRING, "INFO", false),
            startOnly("sys_log_roll_mode", ConfigType.STRING, "SIZE-MB-1024", false),
            startOnly("sys_log_roll_num", ConfigType.INT, Integer.toString(LogSettings.DEFAULT_ROLL_NUM), false),
            startOnly("audit_log_dir", ConfigType.STRING, FeConfig.DEFAULT_LOG_DIR, false),
            startOnly("audit_log_roll_num", ConfigType.INT, Integer.toString(AuditLogConfig.DEFAULT_KEPT_FILES), false),
            startOnly("audit_log_roll_interval", ConfigType.STRING, "DAY", false),
            startOnly("audit_log_delete_age", ConfigType.STRING, AuditLogConfig.DEFAULT_DELETE_AGE, false),
            startOnly("log_roll_size_mb", ConfigType.INT, Integer.toString(AuditLogConfig.DEFAULT_ROLL_SIZE_MB), false),
            startOnly("heartbeat_interval_second", ConfigType.INT,
                    Integer.toString(HeartbeatConfig.DEFAULT_INTERVAL_SECOND), false),
            startOnly("heartbeat_timeout_second", ConfigType.INT,
                    Integer.toString(HeartbeatConfig.DEFAULT_TIMEOUT_SECOND), false),
            startOnly("max_backend_heartbeat_failure_tolerance_count", ConfigType.LONG,
                    Integer.toString(HeartbeatConfig.DEFAULT_FAILURE_TOLERANCE_COUNT), true),
            startOnly("unknown_replica_grace_second", ConfigType.INT, "60", true),
            startOnly("edit_log_roll_num", ConfigType.INT,
                    Long.toString(SnapshotConfig.DEFAULT_RECORDS_PER_SNAPSHOT), true),
            startOnly("checkpoint_interval_second", ConfigType.LONG,
                    Long.toString(SnapshotConfig.DEFAULT_INTERVAL_SECOND), true),
            startOnly("max_bucket_num_per_partition", ConfigType.INT,
                    Integer.toString(BucketLimit.DEFAULT_MAX_BUCKETS_PER_PARTITION), true),
            startOnly("tablet_checker_interval_ms", ConfigType.LONG, "20000", true),
            startOnly("tablet_schedule_interval_ms", ConfigType.LONG, "1000", true),
            // The MySQL port's bounds (mysql.ConnectionLimits, whose defaults these repeat; a test
            // checks they agree); all but qe_max_connection are Tessera's.
            startOnly("qe_max_connection", ConfigType.INT, "1024", false, 1),
            startOnly("max_user_connections", ConfigType.INT, "100", false, 1),
            startOnly("max_unauthenticated_connections", ConfigType.INT, "256", false, 1),
            startOnly("login_timeout_second", ConfigType.INT, "10", false, 1),
            // TLS on the MySQL port (mysql.MysqlTlsSettings, whose defaults these repeat; a test checks
            // they agree): Doris's keys; enable_ssl is false here (Doris documents true) and the default
            // stores are not shipped.
            startOnly("enable_ssl", ConfigType.BOOLEAN, "false", false),
            startOnly("ssl_force_client_auth", ConfigType.BOOLEAN, "false", false),
            startOnly("mysql_ssl_default_server_certificate", ConfigType.STRING,
                    "mysql_ssl_default_certificate/server_certificate.p12", false),
            startOnly("mysql_ssl_default_server_certificate_password", ConfigType.STRING,
                    "doris", false),
            startOnly("mysql_ssl_default_ca_certificate", ConfigType.STRING,
                    "mysql_ssl_default_certificate/ca_certificate.p12", false),
            startOnly("mysql_ssl_default_ca_certificate_password", ConfigType.STRING,
                    "doris", false),
            startOnly("ssl_trust_store_type", ConfigType.STRING, "PKCS12", false),
            startOnly("require_secure_transport", ConfigType.BOOLEAN, "false", false),
            // TLS on the internal gRPC ports and channels (common.InternalTlsSettings): the keys of
            // Doris's TLS framework, the same in be.conf; Tessera applies them to gRPC only.
            startOnly("enable_tls", ConfigType.BOOLEAN, "false", false),
            startOnly("tls_certificate_path", ConfigType.STRING, "", false),
            startOnly("tls_private_key_path", ConfigType.STRING, "", false),
            startOnly("tls_private_key_password", ConfigType.STRING, "", false),
            startOnly("tls_ca_certificate_path", ConfigType.STRING, "", false),
            startOnly("tls_verify_mode", ConfigType.STRING, "verify_peer", false),
            // The HTTP port's bounds (http.FeHttpLimits, whose defaults these repeat; a test checks
            // they agree); all but jetty_server_max_http_header_size are Tessera's.
            startOnly("jetty_server_max_http_header_size", ConfigType.INT, "1048576", false, 1),
            startOnly("http_max_header_count", ConfigType.INT, "200", false, 1),
            startOnly("http_max_initial_line_length", ConfigType.INT, "4096", false, 1),
            startOnly("http_max_connections", ConfigType.INT, "1024", false, 1),
            startOnly("http_request_timeout_second", ConfigType.INT, "30", false, 1));

    // Read at run time: CREATE TABLE's timeouts, the tablet scheduler's and decommission's keys;
    // mutable and master-only, as in Doris.
    private static final List<ConfigKey> RUNTIME = List.of(
            positive("tablet_create_timeout_second", TabletCreateTimeouts.DEFAULT_TABLET_CREATE_TIMEOUT_SECOND),
            positive("min_create_table_timeout_second", TabletCreateTimeouts.DEFAULT_MIN_CREATE_TABLE_TIMEOUT_SECOND),
            positive("max_create_table_timeout_second", TabletCreateTimeouts.DEFAULT_MAX_CREATE_TABLE_TIMEOUT_SECOND),
            mutable("tablet_repair_delay_factor_second", ConfigType.LONG, "60"),
            mutable("schedule_slot_num_per_hdd_path", ConfigType.INT, "4"),
            mutable("schedule_slot_num_per_ssd_path", ConfigType.INT, "8"),
            mutable("schedule_batch_size", ConfigType.INT, "50"),
            mutable("balance_slot_num_per_path", ConfigType.INT, "1"),
            mutable("max_scheduling_tablets", ConfigType.INT, "2000"),
            mutable("max_balancing_tablets", ConfigType.INT, "100"),
            mutable("balance_load_score_threshold", ConfigType.DOUBLE, "0.1"),
            mutable("disable_tablet_scheduler", ConfigType.BOOLEAN, "false"),
            mutable("disable_balance", ConfigType.BOOLEAN, "false"),
            mutable("disable_disk_balance", ConfigType.BOOLEAN, "false"),
            mutable("disable_colocate_balance", ConfigType.BOOLEAN, "false"),
            mutable("enable_force_drop_redundant_replica", ConfigType.BOOLEAN, "false"),
            mutable("storage_high_watermark_usage_percent", ConfigType.INT, "85"),
            mutable("storage_min_left_capacity_bytes", ConfigType.LONG, Long.toString(2L * 1024 * 1024 * 1024)),
            mutable("storage_flood_stage_usage_percent", ConfigType.INT, "95"),
            mutable("storage_flood_stage_left_capacity_bytes", ConfigType.LONG, Long.toString(1024L * 1024 * 1024)),
            mutable("min_clone_task_timeout_sec", ConfigType.LONG, "180"),
            mutable("max_clone_task_timeout_sec", ConfigType.LONG, "7200"),
            mutable("drop_backend_after_decommission", ConfigType.BOOLEAN, "true"),
            mutable("decommission_tablet_check_threshold", ConfigType.INT, "50000"),
            mutable("decommission_skip_leaky_tablet_second", ConfigType.INT, "18000"),
            mutable("decommission_tablet_wait_time_seconds", ConfigType.INT, "3600"),
            // Not a Doris key (docs/compatibility.md): a drain without progress this long warns.
            positive("decommission_stall_warning_second", 300),
            // Not a Doris key (Doris's is a constant, 10 s): how often the decommission completion
            // check runs for backends not seen draining (replication.DrainedBackends).
            new ConfigKey("decommission_check_interval_ms", ConfigType.LONG, "10000", true, true, "", 100),
            // Not a Doris key: the most bytes one statement's scans may bring to the FE, which holds a
            // result whole before sending it; 0 means a quarter of the FE's heap, a negative value no limit.
            mutable("max_query_scan_bytes", ConfigType.LONG, "0"));

    private static final Map<String, ConfigKey> BY_NAME = index();

    private ConfigKeys() {
    }

    /** Every key, sorted by name. */
    public static Collection<ConfigKey> all() {
        return BY_NAME.values();
    }

    /** The key of that exact name (Doris's lookup is case-sensitive). */
    public static Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Map<String, ConfigKey> index() {
        SortedMap<String, ConfigKey> keys = new TreeMap<>();
        for (List<ConfigKey> group : List.of(START_ONLY, RUNTIME)) {
            for (ConfigKey key : group) {
                if (keys.put(key.name(), key) != null) {
                    throw new IllegalStateException("config key " + key.name() + " is listed twice");
                }
            }
        }
        return Collections.unmodifiableSortedMap(keys);
    }

    private static ConfigKey startOnly(String name, ConfigType type, String defaultValue, boolean masterOnly) {
        return new ConfigKey(name, type, defaultValue, false, masterOnly, "");
    }

    private static ConfigKey startOnly(String name, ConfigType type, String defaultValue, boolean masterOnly,
                                       long minimumValue) {
        return new ConfigKey(name, type, defaultValue, false, masterOnly, "", minimumValue);
    }

    /** A mutable int key whose consumer needs at least 1 (Doris checks no range). */
    private static ConfigKey positive(String name, int defaultValue) {
        return new ConfigKey(name, ConfigType.INT, Integer.toString(defaultValue), true, true, "", 1);
    }

    private static ConfigKey mutable(String name, ConfigType type, String defaultValue) {
        return new ConfigKey(name, type, defaultValue, true, true, "");
    }
}
