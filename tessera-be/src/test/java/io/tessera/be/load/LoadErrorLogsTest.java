package io.tessera.be.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.be.load.LoadErrorLogs.ErrorLog;
import io.tessera.common.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error logs: written only for bad rows, capped, complete before they can be found, names checked. */
class LoadErrorLogsTest {
    @TempDir
    Path root;

    @Test
    void aLogAppearsWhenCompleteAndListsTheFirstRows() throws IOException {
        LoadErrorLogs logs = new LoadErrorLogs(root.resolve("error_log"), new ManualClock(0), new Random(1));
        ErrorLog log = logs.create(42);
        assertThat(log.name()).matches("error_log_42_[0-9a-f]{16}");
        for (int i = 0; i < LoadErrorLogs.MAX_ROWS + 5; i++) {
            log.add("bad " + i, "row " + i);
        }
        assertThat(logs.find(log.name())).isEmpty();
        log.close();
        Path file = logs.find(log.name()).orElseThrow();
        assertThat(Files.readAllLines(file)).hasSize(LoadErrorLogs.MAX_ROWS + 1)
                .startsWith("Reason: bad 0. src line [row 0]; ")
                .endsWith("... and 5 more bad rows, not listed");
    }

    @Test
    void aLoadWithoutBadRowsWritesNothing() {
        LoadErrorLogs logs = new LoadErrorLogs(root.resolve("error_log"), new ManualClock(0), new Random(1));
        ErrorLog log = logs.create(7);
        log.close();
        assertThat(log.isEmpty()).isTrue();
        assertThat(Files.exists(root.resolve("error_log"))).isFalse();
    }

    @Test
    void onlyNamesItMakesAreServed() throws IOException {
        Files.writeString(root.resolve("secret"), "x");
        LoadErrorLogs logs = new LoadErrorLogs(root.resolve("error_log"), new ManualClock(0), new Random(1));
        assertThat(logs.find("../secret")).isEmpty();
        assertThat(logs.find(null)).isEmpty();
        assertThat(logs.find("error_log_1_0000000000000000")).isEmpty();
    }
}
