package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.Installation;
import io.tessera.cli.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A local cluster of one FE and 3 BEs, started as {@code bin/tessera up} would (the default JVM
 * limits), in a temporary folder on its own loopback prefix, for a benchmark that measures real
 * processes; closing it stops every process and removes the folder.
 *
 * <p>Threading: one benchmark thread.
 */
final class BenchCluster implements AutoCloseable {
    private static final int BACKENDS = 3;

    private final Path dir;
    private final ClusterLayout layout;
    private final LocalCluster cluster;

    private BenchCluster(Path dir, ClusterLayout layout, LocalCluster cluster) {
        this.dir = dir;
        this.layout = layout;
        this.cluster = cluster;
    }

    /**
     * @param name       names the temporary folder
     * @param hostPrefix the benchmark's loopback prefix, e.g. {@code 127.0.46}
     * @param conf       config lines for every node
     */
    static BenchCluster start(String name, String hostPrefix, Map<String, String> conf)
            throws Exception {
        Path dir = Files.createTempDirectory("tessera-bench-" + name + "-");
        ClusterLayout layout = ClusterLayout.of(dir, hostPrefix, ClusterLayout.DEFAULT_FE_JVM,
                ClusterLayout.DEFAULT_BE_JVM);
        BenchCluster started = new BenchCluster(dir, layout, new LocalCluster(layout, Installation.fromSystemProperty(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        try {
            if (started.cluster.up(BACKENDS, conf) != 0) {
                throw new IllegalStateException("the cluster did not start");
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    Path dir() {
        return dir;
    }

    ClusterLayout layout() {
        return layout;
    }

    LocalCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            cluster.down();
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
