package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
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
 * A real local cluster for one test class, started the way {@code bin/tessera up} starts one, on
 * the class's own loopback prefix, in a temporary folder that is deleted with the processes on
 * close. JVMs are sized for the test machine (2 cores, several clusters over a run) and run the
 * client compiler only ({@code -XX:TieredStopAtLevel=1}): a node lives for one class, and on two
 * shared cores the server compiler's warm-up costs more than it gains (an FE became ready in 7-9 s
 * instead of 14 s under load).
 */
final class ClusterFixture implements AutoCloseable {
    static final String FE_JVM = "-Xmx384m -XX:MaxDirectMemorySize=128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final String BE_JVM = "-Xmx256m -XX:MaxDirectMemorySize=128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final Path dir;
    private final LocalCluster cluster;
    private final ByteArrayOutputStream output;
    private final FrontendClient client;

    private ClusterFixture(Path dir, LocalCluster cluster, ByteArrayOutputStream output, FrontendClient client) {
        this.dir = dir;
        this.cluster = cluster;
        this.output = output;
        this.client = client;
    }

    /** Starts an FE and {@code backends} BEs on {@code hostPrefix}.x and waits until all are alive. */
    static ClusterFixture start(String hostPrefix, int backends, String feJvm, String beJvm) throws Exception {
        return start(hostPrefix, backends, feJvm, beJvm, Map.of());
    }

    /**
     * Like {@link #start(String, int, String, String)}, with config lines added to every node's
     * conf file (a key one kind of node does not know is ignored there, with a warning).
     */
    static ClusterFixture start(String hostPrefix, int backends, String feJvm, String beJvm,
                                Map<String, String> overrides) throws Exception {
        Path dir = Files.createTempDirectory("tessera-cluster-");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ClusterLayout layout = ClusterLayout.of(dir, hostPrefix, feJvm, beJvm);
        LocalCluster cluster = new LocalCluster(layout, Installation.fromSystemProperty(),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            assertThat(cluster.up(backends, overrides)).as(output.toString(StandardCharsets.UTF_8)).isZero();
            return new ClusterFixture(dir, cluster, output,
                    new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT));
        } catch (Exception | AssertionError e) {
            cluster.down();
            deleteTree(dir);
            throw e;
        }
    }

    static ClusterFixture start(String hostPrefix, int backends) throws Exception {
        return start(hostPrefix, backends, FE_JVM, BE_JVM);
    }

    /** The cluster's folder (deleted on close): node folders, and room for a test's own files. */
    Path dir() {
        return dir;
    }

    LocalCluster cluster() {
        return cluster;
    }

    ClusterLayout layout() {
        return cluster.layout();
    }

    FrontendClient client() {
        return client;
    }

    /** What the cluster commands printed so far. */
    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    void resetOutput() {
        output.reset();
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
        } finally {
            cluster.down();
            keepLogs();
            deleteTree(dir);
        }
    }

    /**
     * With {@code -Dtessera.it.keepLogs=<folder>}, the nodes' log files are copied there (under the
     * cluster folder's name) before the folder is deleted: what a failed run leaves to read.
     */
    private void keepLogs() {
        String keep = System.getProperty("tessera.it.keepLogs");
        if (keep == null || keep.isBlank()) {
            return;
        }
        Path target = Path.of(keep).resolve(dir.getFileName());
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path log : paths.filter(path -> path.getFileName().toString().endsWith(".log")).toList()) {
                Path copy = target.resolve(dir.relativize(log));
                Files.createDirectories(copy.getParent());
                Files.copy(log, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
