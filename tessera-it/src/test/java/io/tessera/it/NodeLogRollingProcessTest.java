package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.FrontendClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real FE writes and rolls its own fe.log with Doris's keys: configured with
 * {@code sys_log_roll_mode = SIZE-MB-1} and {@code sys_log_roll_num = 2}, a start that logs more
 * than 1 MB (one warning per unknown conf key) rolls the file, never keeps more than the active
 * file and two rolled ones, and the launcher's stdout file holds none of the node's log lines.
 * Loopback prefix 127.0.76.x.
 */
class NodeLogRollingProcessTest {
    private static final String HOST = "127.0.76.1";

    @Test
    void aTinyRollSizeKeepsAtMostRollNumFiles() throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("sys_log_roll_mode", "SIZE-MB-1", "sys_log_roll_num", "2"));
        String padding = "x".repeat(300);
        for (int i = 0; i < 4_000; i++) {
            config.put("unknown_key_" + i + "_" + padding, "1");
        }
        try (FrontendProcess fe = FrontendProcess.start(HOST, config);
             FrontendClient client = new FrontendClient(fe.host(), fe.port())) {
            client.execute("SET query_timeout = 60");
            Path logDir = fe.logDirectory();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(logDir.resolve("fe.log.1")));
            List<String> names;
            try (Stream<Path> files = Files.list(logDir)) {
                names = files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("fe.log"))
                        .sorted().toList();
            }
            assertThat(names).isSubsetOf("fe.log", "fe.log.1", "fe.log.2");
            StringBuilder all = new StringBuilder();
            for (String name : names) {
                all.append(Files.readString(logDir.resolve(name)));
            }
            assertThat(all).contains("Tessera FE is ready").contains("unknown config key 'unknown_key_3999_");
            assertThat(Files.readString(logDir.resolve("fe.out"))).doesNotContain("Tessera FE is ready")
                    .doesNotContain("unknown config key");
        }
    }
}
