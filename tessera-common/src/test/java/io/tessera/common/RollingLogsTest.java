package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class RollingLogsTest {
    @TempDir
    Path home;

    @Test
    void readsDorisKeysWithDorisDefaults() {
        LogSettings defaults = LogSettings.from(Map.of(), home, "fe.log");
        assertThat(defaults).isEqualTo(new LogSettings(home.resolve("log"), "fe.log", "INFO",
                LogSettings.RollMode.SIZE, 1024, 10));
        LogSettings hourly = LogSettings.from(Map.of("sys_log_dir", "logs2", "sys_log_level", "warn",
                "sys_log_roll_mode", "TIME-HOUR", "sys_log_roll_num", "3", "log_roll_size_mb", "5"), home, "be.log");
        assertThat(hourly).isEqualTo(new LogSettings(home.resolve("logs2"), "be.log", "WARN",
                LogSettings.RollMode.HOUR, 5, 3));
        assertThat(LogSettings.from(Map.of("sys_log_roll_mode", "SIZE-MB-1"), home, "fe.log").rollSizeMb())
                .isEqualTo(1);
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> LogSettings.from(Map.of("sys_log_roll_mode", "SIZE-MB-x"), home, "fe.log"))
                .hasMessage("sys_log_roll_mode must be TIME-DAY, TIME-HOUR or SIZE-MB-<n>, got 'SIZE-MB-X'");
        assertThatThrownBy(() -> LogSettings.from(Map.of("sys_log_roll_num", "21"), home, "fe.log"))
                .hasMessage("sys_log_roll_num must be in 1..20, got 21");
        assertThatThrownBy(() -> LogSettings.from(Map.of("sys_log_level", "LOUD"), home, "fe.log"))
                .hasMessageContaining("got 'LOUD'");
    }

    @Test
    void aTinyRollSizeKeepsAtMostRollNumFilesBesideTheActiveOne() throws IOException {
        LogSettings settings = LogSettings.from(
                Map.of("sys_log_roll_mode", "SIZE-MB-1", "sys_log_roll_num", "2"), home, "fe.log");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        RollingLogs.apply(context, settings, 0);
        Logger log = context.getLogger("test");
        String line = "x".repeat(1000);
        for (int i = 0; i < 6_000; i++) {
            log.info("{} {}", i, line);
        }
        context.stop();
        List<Path> files;
        try (Stream<Path> listing = Files.list(home.resolve("log"))) {
            files = listing.sorted().toList();
        }
        assertThat(files).extracting(path -> path.getFileName().toString())
                .containsExactly("fe.log", "fe.log.1", "fe.log.2");
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThan(2L * 1024 * 1024);
        }
        assertThat(Files.readString(home.resolve("log/fe.log"))).contains("5999 xxx");
    }
}
