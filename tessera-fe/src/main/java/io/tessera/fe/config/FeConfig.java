package io.tessera.fe.config;

import io.tessera.common.NetworkSelector;
import io.tessera.fe.audit.AuditLogConfig;
import io.tessera.fe.ddl.BucketLimit;
import io.tessera.fe.ddl.TabletCreateTimeouts;
import io.tessera.fe.heartbeat.HeartbeatConfig;
import io.tessera.fe.journal.SnapshotConfig;
import io.tessera.common.ConfigValues;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The FE's settings, read from {@code fe.conf} with Doris's key names and defaults (where Tessera
 * differs, docs/compatibility.md says so). Unknown keys are reported through the warning sink and
 * otherwise ignored, so a Doris fe.conf can be reused.
 *
 * @param home           the node's folder; relative paths are resolved against it
 * @param bindAddress    the address every listener binds (from {@code priority_networks})
 * @param queryPort      MySQL protocol port ({@code query_port}, 9030)
 * @param httpPort       HTTP port ({@code http_port}, 8030)
 * @param rpcPort        gRPC port for calls from backends ({@code rpc_port}, 9020)
 * @param editLogPort    journal replication port ({@code edit_log_port}, 9010)
 * @param metaDir        where metadata is kept ({@code meta_dir}, default {@code <home>/meta})
 * @param maxPacketBytes the largest MySQL packet a client may send
 * @param heartbeat      {@code heartbeat_interval_second} (1), {@code heartbeat_timeout_second} (2),
 *                       {@code max_backend_heartbeat_failure_tolerance_count} (1)
 * @param unknownReplicaGraceSeconds {@code unknown_replica_grace_second} (60, not in Doris): how long a
 *                       replica the catalog does not place on its backend must be reported so, idle,
 *                       before it is moved to that backend's trash (0: at the first such report)
 * @param snapshots      metadata snapshots: {@code edit_log_roll_num} (50000 records),
 *                       {@code checkpoint_interval_second} (60)
 * @param tabletCreateTimeouts how long creating a partition's replicas may take (checked at start;
 *                       the FE reads them through {@link RuntimeConfigState}, so SET changes them):
 *                       {@code tablet_create_timeout_second} (2) per replica, at least
 *                       {@code min_create_table_timeout_second} (30), at most
 *                       {@code max_create_table_timeout_second} (3600)
 * @param bucketLimit    {@code max_bucket_num_per_partition} (1024, not in Doris): the most buckets
 *                       one partition may have
 * @param auditLog       fe.audit.log: {@code audit_log_dir} (default {@code <home>/log}, where fe.log is),
 *                       {@code log_roll_size_mb} (1024), {@code audit_log_roll_num} (90),
 *                       {@code audit_log_roll_interval} (DAY), {@code audit_log_delete_age} (30d)
 * @param fileValues     every {@link ConfigKeys} key fe.conf gives, checked against its type, as
 *                       canonical text: what {@link RuntimeConfigState} starts from (the tablet
 *                       scheduler's and decommission's keys are read only through it)
 */
public record FeConfig(
        Path home,
        InetAddress bindAddress,
        int queryPort,
        int httpPort,
        int rpcPort,
        int editLogPort,
        Path metaDir,
        int maxPacketBytes,
        HeartbeatConfig heartbeat,
        int unknownReplicaGraceSeconds,
        SnapshotConfig snapshots,
        TabletCreateTimeouts tabletCreateTimeouts,
        BucketLimit bucketLimit,
        AuditLogConfig auditLog,
        Map<String, String> fileValues) {

    public FeConfig {
        fileValues = Map.copyOf(fileValues);
    }

    public static final int DEFAULT_MAX_PACKET_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_UNKNOWN_REPLICA_GRACE_SECONDS = 60;
    /** The log folder under the node's home: where the launcher writes fe.log and the FE fe.audit.log. */
    public static final String DEFAULT_LOG_DIR = "log";

    /** What the start script reads from fe.conf; not FE config keys. */
    private static final Set<String> SCRIPT_KEYS = Set.of("JAVA_OPTS", "LOG_DIR");

    /**
     * Builds the config from the file's values.
     *
     * @param warnings receives one line per key that is not known, naming it
     * @throws IllegalArgumentException for a value that cannot be used, naming key and value
     */
    public static FeConfig from(Map<String, String> values, Path home, Consumer<String> warnings) {
        Map<String, String> fileValues = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            Optional<ConfigKey> key = ConfigKeys.find(entry.getKey());
            if (key.isPresent()) {
                fileValues.put(key.get().name(), canonical(key.get(), entry.getValue()));
            } else if (!SCRIPT_KEYS.contains(entry.getKey())) {
                warnings.accept("unknown config key '" + entry.getKey() + "' in fe.conf is ignored");
            }
        }
        ConfigValues config = new ConfigValues(values);
        return new FeConfig(
                home,
                NetworkSelector.bindAddress(config.string("priority_networks", "")),
                config.port("query_port", 9030),
                config.port("http_port", 8030),
                config.port("rpc_port", 9020),
                config.port("edit_log_port", 9010),
                home.resolve(config.string("meta_dir", "meta")),
                DEFAULT_MAX_PACKET_BYTES,
                HeartbeatConfig.ofSeconds(
                        config.positiveInteger("heartbeat_interval_second", HeartbeatConfig.DEFAULT_INTERVAL_SECOND),
                        config.positiveInteger("heartbeat_timeout_second", HeartbeatConfig.DEFAULT_TIMEOUT_SECOND),
                        config.positiveInteger("max_backend_heartbeat_failure_tolerance_count",
                                HeartbeatConfig.DEFAULT_FAILURE_TOLERANCE_COUNT)),
                nonNegative(config, "unknown_replica_grace_second", DEFAULT_UNKNOWN_REPLICA_GRACE_SECONDS),
                new SnapshotConfig(
                        config.positiveLong("edit_log_roll_num", SnapshotConfig.DEFAULT_RECORDS_PER_SNAPSHOT),
                        Math.multiplyExact(config.positiveLong("checkpoint_interval_second",
                                SnapshotConfig.DEFAULT_INTERVAL_SECOND), 1000L),
                        SnapshotConfig.DEFAULT_SEGMENT_SIZE_BYTES),
                new TabletCreateTimeouts(
                        config.positiveInteger("tablet_create_timeout_second",
                                TabletCreateTimeouts.DEFAULT_TABLET_CREATE_TIMEOUT_SECOND),
                        config.positiveInteger("min_create_table_timeout_second",
                                TabletCreateTimeouts.DEFAULT_MIN_CREATE_TABLE_TIMEOUT_SECOND),
                        config.positiveInteger("max_create_table_timeout_second",
                                TabletCreateTimeouts.DEFAULT_MAX_CREATE_TABLE_TIMEOUT_SECOND)),
                new BucketLimit(config.positiveInteger("max_bucket_num_per_partition",
                        BucketLimit.DEFAULT_MAX_BUCKETS_PER_PARTITION)),
                auditLog(config, home),
                fileValues);
    }

    private static AuditLogConfig auditLog(ConfigValues config, Path home) {
        AuditLogConfig defaults = AuditLogConfig.defaults(home.resolve(DEFAULT_LOG_DIR));
        return new AuditLogConfig(
                home.resolve(config.string("audit_log_dir", DEFAULT_LOG_DIR)),
                Math.multiplyExact(config.positiveLong("log_roll_size_mb", AuditLogConfig.DEFAULT_ROLL_SIZE_MB),
                        1024L * 1024L),
                config.positiveInteger("audit_log_roll_num", AuditLogConfig.DEFAULT_KEPT_FILES),
                AuditLogConfig.RollInterval.parse(config.string("audit_log_roll_interval", "DAY")),
                AuditLogConfig.parseAge(config.string("audit_log_delete_age", AuditLogConfig.DEFAULT_DELETE_AGE)),
                defaults.maxStatementBytes(), defaults.queueCapacity(), defaults.reservedForAlwaysKept());
    }

    private static String canonical(ConfigKey key, String text) {
        try {
            return key.canonical(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config " + key.name() + " = " + text + " cannot be used ("
                    + key.type().displayName() + "): " + e.getMessage(), e);
        }
    }

    private static int nonNegative(ConfigValues config, String key, int defaultValue) {
        int value = config.integer(key, defaultValue);
        if (value < 0) {
            throw new IllegalArgumentException("config " + key + " = " + value + " must not be negative");
        }
        return value;
    }
}
