package io.tessera.be.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.be.http.BeHttpLimits;
import io.tessera.be.storage.compaction.CompactionConfig;
import io.tessera.be.storage.tablet.RowsetCompression;
import io.tessera.common.InternalTlsSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading be.conf: Doris's keys and defaults, unknown keys, bad values. */
class BeConfigTest {
    private static final Path HOME = Path.of("/opt/tessera/be0");

    private final List<String> warnings = new ArrayList<>();

    private BeConfig read(Map<String, String> values) {
        return BeConfig.from(values, HOME, warnings::add);
    }

    @Test
    void defaultsAreDoris() throws Exception {
        BeConfig config = read(Map.of());
        assertThat(config.home()).isEqualTo(HOME);
        assertThat(config.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(config.heartbeatServicePort()).isEqualTo(9050);
        assertThat(config.bePort()).isEqualTo(9060);
        assertThat(config.webserverPort()).isEqualTo(8040);
        assertThat(config.brpcPort()).isEqualTo(-1);
        assertThat(config.storageRootPaths()).containsExactly(HOME.resolve("storage"));
        assertThat(config.nodeRole()).isEqualTo("mix");
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsEveryKey() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("priority_networks", "127.0.0.2/32");
        values.put("heartbeat_service_port", "19050");
        values.put("be_port", "19060");
        values.put("webserver_port", "18040");
        values.put("brpc_port", "-1");
        values.put("storage_root_path", "/data1/doris.HDD,50; relative/ssd,medium:ssd,capacity:10 ;");
        values.put("be_node_role", "computation");
        BeConfig config = read(values);
        assertThat(config.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.2"));
        assertThat(config.heartbeatServicePort()).isEqualTo(19050);
        assertThat(config.bePort()).isEqualTo(19060);
        assertThat(config.webserverPort()).isEqualTo(18040);
        assertThat(config.storageRootPaths())
                .containsExactly(Path.of("/data1/doris.HDD"), HOME.resolve("relative/ssd"));
        assertThat(config.nodeRole()).isEqualTo("computation");
        assertThat(warnings).isEmpty();
    }

    @Test
    void internalTlsKeysAreKnownAndReadUnderTheHome() {
        BeConfig plain = read(Map.of());
        assertThat(plain.internalTls().enabled()).isFalse();
        BeConfig config = read(Map.of("enable_tls", "true", "tls_certificate_path", "conf/be.pem",
                "tls_private_key_path", "conf/be.key", "tls_private_key_password", "pw",
                "tls_ca_certificate_path", "/etc/ca.pem", "tls_verify_mode", "verify_none"));
        assertThat(warnings).isEmpty();
        assertThat(config.internalTls()).isEqualTo(new InternalTlsSettings(true, HOME.resolve("conf/be.pem"),
                HOME.resolve("conf/be.key"), "pw", Optional.of(Path.of("/etc/ca.pem")),
                InternalTlsSettings.VerifyMode.VERIFY_NONE));
    }

    @Test
    void relativeHomeIsMadeAbsolute() {
        BeConfig config = BeConfig.from(Map.of(), Path.of("be1"), warnings::add);
        assertThat(config.home()).isAbsolute();
        assertThat(config.storageRootPaths().get(0)).isEqualTo(config.home().resolve("storage"));
    }

    @Test
    void unknownKeysAreWarnedOnceEachAndIgnored() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("mem_limit", "80%");
        values.put("JAVA_OPTS", "-Xmx1g");
        values.put("arrow_flight_sql_port", "8050");
        values.put("be_port", "9061");
        BeConfig config = read(values);
        assertThat(config.bePort()).isEqualTo(9061);
        assertThat(warnings).containsExactly(
                "unknown config key 'arrow_flight_sql_port' in be.conf is ignored",
                "unknown config key 'mem_limit' in be.conf is ignored");
    }

    @Test
    void brpcPortIsAcceptedButNotUsed() {
        BeConfig config = read(Map.of("brpc_port", "8060"));
        assertThat(config.brpcPort()).isEqualTo(-1);
        assertThat(warnings).containsExactly("config brpc_port = 8060 is ignored: Tessera runs no second data port");
    }

    @Test
    void badValuesNameKeyAndValue() {
        assertThatThrownBy(() -> read(Map.of("be_port", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config be_port = 'abc' is not a whole number");
        assertThatThrownBy(() -> read(Map.of("webserver_port", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config webserver_port = 70000 is not a port (0..65535)");
        assertThatThrownBy(() -> read(Map.of("brpc_port", "-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config brpc_port = -2 is not a port (0..65535) or -1");
        assertThatThrownBy(() -> read(Map.of("be_node_role", "storage")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config be_node_role = 'storage' is not one of mix, computation");
        assertThatThrownBy(() -> read(Map.of("priority_networks", "127.0.0.2/abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("config priority_networks = '127.0.0.2/abc': ");
        assertThatThrownBy(() -> read(Map.of("be_port", "9050")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config be_port = 9050 is the same port as heartbeat_service_port");
    }

    @Test
    void badStorageRootPathsAreRefused() {
        assertThatThrownBy(() -> read(Map.of("storage_root_path", "/a;,50")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config storage_root_path = '/a;,50': entry ',50' has no path");
        assertThatThrownBy(() -> read(Map.of("storage_root_path", "/a;/b/../a,medium:hdd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config storage_root_path = '/a;/b/../a,medium:hdd' lists /a twice");
        assertThatThrownBy(() -> read(Map.of("storage_root_path", " ; ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config storage_root_path = ' ; ' names no directory");
    }

    @Test
    void portZeroIsAllowedForTests() {
        BeConfig config = read(Map.of("heartbeat_service_port", "0", "be_port", "0", "webserver_port", "0"));
        assertThat(config.heartbeatServicePort()).isZero();
        assertThat(config.bePort()).isZero();
        assertThat(config.webserverPort()).isZero();
    }

    @Test
    void storageEngineSettingsHaveSaneDefaultsAndAreRead() {
        BeConfig defaults = read(Map.of());
        assertThat(defaults.arrowMemoryLimitBytes()).isEqualTo(512L << 20);
        assertThat(defaults.rowsetCompression()).isEqualTo(RowsetCompression.ZSTD);
        assertThat(defaults.scannerThreads()).isEqualTo(8);

        BeConfig set = read(Map.of("arrow_memory_limit_bytes", "1073741824", "rowset_compression", "None",
                "doris_scanner_thread_pool_thread_num", "3"));
        assertThat(set.arrowMemoryLimitBytes()).isEqualTo(1L << 30);
        assertThat(set.rowsetCompression()).isEqualTo(RowsetCompression.NONE);
        assertThat(set.scannerThreads()).isEqualTo(3);
        assertThat(warnings).isEmpty();

        assertThatThrownBy(() -> read(Map.of("rowset_compression", "lz4")))
                .hasMessage("config rowset_compression = 'lz4' is not a rowset compression (zstd, none)");
        assertThatThrownBy(() -> read(Map.of("arrow_memory_limit_bytes", "0")))
                .hasMessage("config arrow_memory_limit_bytes = 0 must be at least 1");
        assertThatThrownBy(() -> read(Map.of("arrow_memory_limit_bytes", "lots")))
                .hasMessage("config arrow_memory_limit_bytes = 'lots' is not a whole number");
    }

    @Test
    void compactionAndReportSettingsHaveDefaultsAndAreRead() {
        BeConfig defaults = read(Map.of());
        assertThat(defaults.compaction()).isEqualTo(CompactionConfig.DEFAULT);
        assertThat(defaults.compaction().enabled()).isTrue();
        assertThat(defaults.compaction().triggerRowsets()).isEqualTo(5);
        assertThat(defaults.compaction().staleKeep()).isEqualTo(Duration.ofSeconds(300));
        assertThat(defaults.reportTabletIntervalMs()).as("Doris's default").isEqualTo(60_000);

        Map<String, String> values = new LinkedHashMap<>();
        values.put("disable_auto_compaction", "TRUE");
        values.put("generate_compaction_tasks_interval_ms", "250");
        values.put("cumulative_compaction_trigger_rowsets", "8");
        values.put("max_cumulative_compaction_num_singleton_deltas", "50");
        values.put("compaction_promotion_size_mbytes", "64");
        values.put("max_cumu_compaction_threads", "2");
        values.put("tablet_rowset_stale_sweep_time_sec", "0");
        values.put("report_tablet_interval_seconds", "5");
        BeConfig set = read(values);
        assertThat(set.compaction()).isEqualTo(new CompactionConfig(false, 250, 8, 50, 64L << 20, 2, Duration.ZERO));
        assertThat(set.reportTabletIntervalMs()).isEqualTo(5_000);
        assertThat(warnings).isEmpty();

        assertThatThrownBy(() -> read(Map.of("disable_auto_compaction", "yes")))
                .hasMessage("config disable_auto_compaction = 'yes' is not true or false");
        assertThatThrownBy(() -> read(Map.of("max_cumulative_compaction_num_singleton_deltas", "1")))
                .hasMessage("config max_cumulative_compaction_num_singleton_deltas = 1 must be at least 2");
        assertThatThrownBy(() -> read(Map.of("tablet_rowset_stale_sweep_time_sec", "-1")))
                .hasMessage("config tablet_rowset_stale_sweep_time_sec = -1 must not be negative");
        assertThatThrownBy(() -> read(Map.of("report_tablet_interval_seconds", "0")))
                .hasMessage("config report_tablet_interval_seconds = 0 must be at least 1");
    }

    @Test
    void httpLimitsHaveDefaultsAndReadBeConf() {
        assertThat(read(Map.of()).httpLimits()).isEqualTo(BeHttpLimits.defaults());
        assertThat(BeHttpLimits.defaults()).isEqualTo(new BeHttpLimits(1024, 200, 1_048_576, 600, 30));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("webserver_max_connections", "300");
        values.put("webserver_max_header_count", "20");
        values.put("webserver_max_header_size", "4096");
        values.put("webserver_request_timeout_second", "3");
        values.put("webserver_idle_timeout_second", "5");
        assertThat(read(values).httpLimits()).isEqualTo(new BeHttpLimits(300, 20, 4096, 3, 5));
        assertThat(warnings).isEmpty();
        assertThatThrownBy(() -> read(Map.of("webserver_request_timeout_second", "0")))
                .hasMessage("config webserver_request_timeout_second = 0 must be at least 1");
    }
}
