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
 * A local cluster of one FE and 3 BEs (or as many as asked, more added later by {@link #addBackends}), started as {@code bin/tessera up} would (the default JVM
 * limits), in a temporary folder on its own loopback prefix, for a benchmark that measures real
 * processes; closing it stops every process and removes the folder.
 *
 * <p>Threading: one benchmark thread.
 */
public final class BenchCluster implements AutoCloseable {
    private static final int BACKENDS = 3;

    private final Path dir;
    private final ClusterLayout layout;
    private final LocalCluster cluster;
    private final Map<String, String> conf;

    private BenchCluster(Path dir, ClusterLayout layout, LocalCluster cluster, Map<String, String> conf) {
        this.dir = dir;
        this.layout = layout;
        this.cluster = cluster;
        this.conf = Map.copyOf(conf);
    }

    /**
     * @param name       names the temporary folder
     * @param hostPrefix the benchmark's loopback prefix, e.g. {@code 127.0.46}
     * @param conf       config lines for every node
     */
    public static BenchCluster start(String name, String hostPrefix, Map<String, String> conf)
            throws Exception {
        return start(name, hostPrefix, conf, BACKENDS);
    }

    /** {@link #start(String, String, Map)} with {@code backends} BEs (be0 ..). */
    static BenchCluster start(String name, String hostPrefix, Map<String, String> conf, int backends)
            throws Exception {
        return start(name, hostPrefix, conf, backends, "");
    }

    /**
     * {@link #start(String, String, Map, int)} with {@code extraJvm} appended to every node's JVM
     * options (a profiler's flags, say).
     */
    static BenchCluster start(String name, String hostPrefix, Map<String, String> conf, int backends, String extraJvm)
            throws Exception {
        Path dir = Files.createTempDirectory("tessera-bench-" + name + "-");
        String extra = extraJvm.isBlank() ? "" : " " + extraJvm.strip();
        ClusterLayout layout = ClusterLayout.of(dir, hostPrefix, ClusterLayout.DEFAULT_FE_JVM + extra,
                ClusterLayout.DEFAULT_BE_JVM + extra);
        BenchCluster started = new BenchCluster(dir, layout, new LocalCluster(layout, Installation.fromSystemProperty(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), conf);
        try {
            if (started.cluster.up(backends, conf) != 0) {
                throw new IllegalStateException("the cluster did not start");
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * Starts BEs up to {@code total} (the missing ones, with the same config), registers them with
     * ALTER SYSTEM ADD BACKEND and waits until every backend is alive.
     */
    void addBackends(int total) throws Exception {
        if (cluster.up(total, conf) != 0) {
            throw new IllegalStateException("the added backends did not start");
        }
    }

    public Path dir() {
        return dir;
    }

    public ClusterLayout layout() {
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
