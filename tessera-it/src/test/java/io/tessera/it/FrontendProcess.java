package io.tessera.it;

import io.tessera.cli.Installation;
import io.tessera.cli.MysqlProbe;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import io.tessera.cli.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real FE process for one test class: its own loopback address (so test classes never collide
 * with each other or with a cluster started by {@code bin/tessera up}), its own temporary folder,
 * stopped and deleted on close.
 */
final class FrontendProcess implements AutoCloseable {
    static final int QUERY_PORT = 9030;

    private final String host;
    private final Path home;
    private final NodeSpec spec;
    private final ProcessHandle process;

    private FrontendProcess(String host, Path home, NodeSpec spec, ProcessHandle process) {
        this.host = host;
        this.home = home;
        this.spec = spec;
        this.process = process;
    }

    /** Starts an FE bound to {@code host} and waits until it answers {@code SELECT 1}. */
    static FrontendProcess start(String host) throws IOException, InterruptedException {
        return start(host, Map.of());
    }

    /** The same, with extra fe.conf values. */
    static FrontendProcess start(String host, Map<String, String> extraConfig)
            throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("tessera-fe-");
        Map<String, String> config = new java.util.HashMap<>(Map.of("priority_networks", host + "/32",
                "query_port", Integer.toString(QUERY_PORT), "meta_dir", home.resolve("meta").toString()));
        config.putAll(extraConfig);
        NodeSpec spec = new NodeSpec("fe", "tessera-fe", "io.tessera.fe.server.FrontendMain", "fe.conf",
                home, config,
                List.of("-Xmx256m", "-XX:MaxDirectMemorySize=64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        ProcessHandle process = new NodeLauncher(Installation.fromSystemProperty()).start(spec);
        try {
            MysqlProbe.awaitReady(host, QUERY_PORT, process, spec.logFile(), Duration.ofSeconds(60));
        } catch (RuntimeException | InterruptedException e) {
            Processes.kill(process);
            throw e;
        }
        return new FrontendProcess(host, home, spec, process);
    }

    String host() {
        return host;
    }

    int port() {
        return QUERY_PORT;
    }

    ProcessHandle process() {
        return process;
    }

    /** Where fe.log, its rolled files and the process's fe.out are. */
    Path logDirectory() {
        return spec.logFile().getParent();
    }

    String log() throws IOException {
        return Files.readString(spec.logFile());
    }

    @Override
    public void close() throws IOException {
        Processes.stop(process, Duration.ofSeconds(10));
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
