package io.tessera.be.config;

import io.tessera.be.http.BeHttpLimits;
import io.tessera.be.storage.compaction.CompactionConfig;
import io.tessera.be.storage.tablet.RowsetCompression;
import io.tessera.common.ConfigValues;
import io.tessera.common.InternalTlsSettings;
import io.tessera.common.NetworkSelector;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The BE's settings, read from {@code be.conf} with Doris's key names and defaults. Unknown keys
 * are reported through the warning sink (one line each) and otherwise ignored, so a Doris be.conf
 * can be reused. Immutable.
 *
 * @param home                 the node's folder (the one above conf/); relative paths resolve against it
 * @param bindAddress          the address every listener binds (from {@code priority_networks})
 * @param heartbeatServicePort gRPC port for FE heartbeats ({@code heartbeat_service_port}, 9050): the
 *                             port in {@code "host:port"}
 * @param bePort               gRPC port for tablets, loads, scans and clones ({@code be_port}, 9060)
 * @param webserverPort        HTTP port ({@code webserver_port}, 8040)
 * @param brpcPort             always -1: Tessera runs no second data port ({@code brpc_port} is accepted
 *                             so a Doris be.conf loads, and a value other than -1 is warned about)
 * @param storageRootPaths     the data directories ({@code storage_root_path}), absolute, in order
 * @param nodeRole             {@code mix} or {@code computation} ({@code be_node_role})
 * @param arrowMemoryLimitBytes cap on the Arrow (off-heap) memory of writes and scans
 *                             ({@code arrow_memory_limit_bytes}, 512 MiB). Arrow's unsafe allocator is
 *                             not bounded by {@code -XX:MaxDirectMemorySize}, so this is the bound: a
 *                             64k-row record batch of a dozen columns takes a few MiB, so 512 MiB
 *                             leaves room for dozens of concurrent scans and loads next to the BE's
 *                             768 MB heap on a 24 GB machine shared with an FE and other BEs
 * @param rowsetCompression    how new rowset files are compressed ({@code rowset_compression}:
 *                             {@code zstd}, the default, or {@code none})
 * @param scannerThreads       threads that run scans ({@code doris_scanner_thread_pool_thread_num}, 8)
 * @param compaction           background merging of small rowsets ({@code disable_auto_compaction},
 *                             {@code generate_compaction_tasks_interval_ms}, {@code cumulative_compaction_trigger_rowsets},
 *                             {@code max_cumulative_compaction_num_singleton_deltas},
 *                             {@code compaction_promotion_size_mbytes}, {@code max_cumu_compaction_threads},
 *                             {@code tablet_rowset_stale_sweep_time_sec}; see {@link CompactionConfig})
 * @param reportTabletIntervalMs how often every replica is reported to the FE in a full report
 *                             ({@code report_tablet_interval_seconds}, 60 as in Doris); changes go
 *                             out in between as incremental reports, within a fraction of a second
 *                             (see {@code report.TabletReporter})
 * @param httpLimits           the HTTP port's bounds ({@code webserver_max_connections} and friends,
 *                             see {@link BeHttpLimits})
 * @param internalTls          TLS on {@code heartbeat_service_port}, {@code be_port} and the BE's
 *                             channels ({@code enable_tls} and the {@code tls_*} keys of Doris's TLS
 *                             framework, see {@link InternalTlsSettings}); off by default
 */
public record BeConfig(
        Path home,
        InetAddress bindAddress,
        int heartbeatServicePort,
        int bePort,
        int webserverPort,
        int brpcPort,
        List<Path> storageRootPaths,
        String nodeRole,
        long arrowMemoryLimitBytes,
        RowsetCompression rowsetCompression,
        int scannerThreads,
        CompactionConfig compaction,
        long reportTabletIntervalMs,
        BeHttpLimits httpLimits,
        InternalTlsSettings internalTls) {

    public static final int NO_PORT = -1;
    public static final long DEFAULT_ARROW_MEMORY_LIMIT_BYTES = 512L << 20;
    public static final int DEFAULT_SCANNER_THREADS = 8;
    public static final int DEFAULT_REPORT_TABLET_INTERVAL_SECONDS = 60;

    private static final Set<String> NODE_ROLES = Set.of("mix", "computation");

    private static final Set<String> KNOWN_KEYS = Set.of("priority_networks", "heartbeat_service_port", "be_port",
            "webserver_port", "brpc_port", "storage_root_path", "be_node_role", "sys_log_dir", "sys_log_level", "sys_log_roll_mode",
            "sys_log_roll_num", "log_roll_size_mb", "JAVA_OPTS",
            "LOG_DIR", "arrow_memory_limit_bytes", "rowset_compression", "doris_scanner_thread_pool_thread_num",
            "disable_auto_compaction", "generate_compaction_tasks_interval_ms", "cumulative_compaction_trigger_rowsets",
            "max_cumulative_compaction_num_singleton_deltas", "compaction_promotion_size_mbytes",
            "max_cumu_compaction_threads", "tablet_rowset_stale_sweep_time_sec", "report_tablet_interval_seconds",
            "webserver_max_connections", "webserver_max_header_count", "webserver_max_header_size",
            "webserver_request_timeout_second", "webserver_idle_timeout_second", "enable_tls", "tls_certificate_path",
            "tls_private_key_path", "tls_private_key_password", "tls_ca_certificate_path", "tls_verify_mode");

    public BeConfig {
        storageRootPaths = List.copyOf(storageRootPaths);
        if (storageRootPaths.isEmpty()) {
            throw new IllegalArgumentException("storage_root_path names no directory");
        }
    }

    /**
     * Builds the config from the file's values.
     *
     * @param warnings receives one line per key that is not known (naming it) and per value that is
     *                 accepted but not used
     * @throws IllegalArgumentException for a value that cannot be used, naming key and value
     */
    public static BeConfig from(Map<String, String> values, Path home, Consumer<String> warnings) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KNOWN_KEYS);
        for (String key : unknown) {
            warnings.accept("unknown config key '" + key + "' in be.conf is ignored");
        }
        ConfigValues config = new ConfigValues(values);
        Path absoluteHome = home.toAbsolutePath().normalize();
        int heartbeatPort = config.port("heartbeat_service_port", 9050);
        int bePort = config.port("be_port", 9060);
        int webserverPort = config.port("webserver_port", 8040);
        requireDistinct("be_port", bePort, "heartbeat_service_port", heartbeatPort);
        requireDistinct("webserver_port", webserverPort, "heartbeat_service_port", heartbeatPort);
        requireDistinct("webserver_port", webserverPort, "be_port", bePort);
        int brpcPort = config.optionalPort("brpc_port", NO_PORT);
        if (brpcPort != NO_PORT) {
            warnings.accept("config brpc_port = " + brpcPort + " is ignored: Tessera runs no second data port");
        }
        return new BeConfig(
                absoluteHome,
                NetworkSelector.bindAddress(config.string("priority_networks", "")),
                heartbeatPort,
                bePort,
                webserverPort,
                NO_PORT,
                storageRootPaths(config.string("storage_root_path", ""), absoluteHome),
                nodeRole(config.string("be_node_role", "mix")),
                config.positiveLong("arrow_memory_limit_bytes", DEFAULT_ARROW_MEMORY_LIMIT_BYTES),
                rowsetCompression(config.string("rowset_compression", "zstd")),
                config.positiveInteger("doris_scanner_thread_pool_thread_num", DEFAULT_SCANNER_THREADS),
                compaction(config),
                TimeUnit.SECONDS.toMillis(config.positiveInteger("report_tablet_interval_seconds",
                        DEFAULT_REPORT_TABLET_INTERVAL_SECONDS)),
                new BeHttpLimits(
                        config.positiveInteger("webserver_max_connections", BeHttpLimits.DEFAULT_MAX_CONNECTIONS),
                        config.positiveInteger("webserver_max_header_count", BeHttpLimits.DEFAULT_MAX_HEADER_COUNT),
                        config.positiveInteger("webserver_max_header_size", BeHttpLimits.DEFAULT_MAX_HEADER_BYTES),
                        config.positiveInteger("webserver_request_timeout_second",
                                BeHttpLimits.DEFAULT_REQUEST_TIMEOUT_SECOND),
                        config.positiveInteger("webserver_idle_timeout_second",
                                BeHttpLimits.DEFAULT_IDLE_TIMEOUT_SECOND)),
                InternalTlsSettings.fromConfig(values, absoluteHome));
    }

    private static CompactionConfig compaction(ConfigValues config) {
        int maxRowsets = config.positiveInteger("max_cumulative_compaction_num_singleton_deltas",
                CompactionConfig.DEFAULT_MAX_ROWSETS_PER_COMPACTION);
        if (maxRowsets < 2) {
            throw new IllegalArgumentException("config max_cumulative_compaction_num_singleton_deltas = " + maxRowsets
                    + " must be at least 2");
        }
        int staleSeconds = config.integer("tablet_rowset_stale_sweep_time_sec",
                (int) CompactionConfig.DEFAULT_STALE_KEEP_SECONDS);
        if (staleSeconds < 0) {
            throw new IllegalArgumentException("config tablet_rowset_stale_sweep_time_sec = " + staleSeconds
                    + " must not be negative");
        }
        return new CompactionConfig(
                !bool(config, "disable_auto_compaction", false),
                config.positiveLong("generate_compaction_tasks_interval_ms", CompactionConfig.DEFAULT_CHECK_INTERVAL_MS),
                config.positiveInteger("cumulative_compaction_trigger_rowsets", CompactionConfig.DEFAULT_TRIGGER_ROWSETS),
                maxRowsets,
                config.positiveLong("compaction_promotion_size_mbytes", CompactionConfig.DEFAULT_PROMOTION_MBYTES) << 20,
                config.positiveInteger("max_cumu_compaction_threads", CompactionConfig.DEFAULT_THREADS),
                Duration.ofSeconds(staleSeconds));
    }

    private static boolean bool(ConfigValues config, String key, boolean defaultValue) {
        String text = config.string(key, Boolean.toString(defaultValue)).strip();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("config " + key + " = '" + text + "' is not true or false");
    }

    /**
     * Doris's form: {@code ;}-separated entries, each a path optionally followed by {@code ,medium}
     * or {@code ,capacity} parts ({@code /disk1/doris.HDD,50;/disk2/doris,medium:ssd}); the parts
     * after the path are ignored. Relative paths resolve against the node home; empty means
     * {@code <home>/storage}.
     */
    static List<Path> storageRootPaths(String value, Path home) {
        if (value.isBlank()) {
            return List.of(home.resolve("storage"));
        }
        Set<Path> paths = new LinkedHashSet<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String pathText = entry.split(",", 2)[0].strip();
            if (pathText.isEmpty()) {
                throw new IllegalArgumentException("config storage_root_path = '" + value
                        + "': entry '" + entry.strip() + "' has no path");
            }
            Path path;
            try {
                path = home.resolve(pathText).normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("config storage_root_path = '" + value + "': '" + pathText
                        + "' is not a path", e);
            }
            if (!paths.add(path)) {
                throw new IllegalArgumentException("config storage_root_path = '" + value + "' lists " + path
                        + " twice");
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("config storage_root_path = '" + value + "' names no directory");
        }
        return new ArrayList<>(paths);
    }

    private static RowsetCompression rowsetCompression(String value) {
        try {
            return RowsetCompression.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config rowset_compression = " + e.getMessage());
        }
    }

    private static String nodeRole(String value) {
        String role = value.strip();
        if (!NODE_ROLES.contains(role)) {
            throw new IllegalArgumentException("config be_node_role = '" + value + "' is not one of mix, computation");
        }
        return role;
    }

    private static void requireDistinct(String key, int port, String otherKey, int otherPort) {
        if (port != 0 && port == otherPort) {
            throw new IllegalArgumentException("config " + key + " = " + port + " is the same port as " + otherKey);
        }
    }
}
