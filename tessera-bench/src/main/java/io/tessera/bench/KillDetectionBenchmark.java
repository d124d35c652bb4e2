package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.Installation;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import io.tessera.cli.Processes;
import io.tessera.fe.heartbeat.HeartbeatConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How soon does the FE notice a BE process that dies? The target is a median under 1 s
 * from {@code kill -9} to {@code Alive=false}; without the Watch stream the bound would be the
 * next heartbeat round, so the baseline is the heartbeat interval of the FE in this run (read from
 * its log). Starts a local cluster (FE and 3 BEs on 127.0.43.x, in a temporary folder), then,
 * {@code tries} times, round robin over the BEs: waits until the victim has answered one more
 * round after it was seen alive (so its Watch stream is open, as for any long-lived BE), kills it
 * with SIGKILL, polls SHOW BACKENDS every 5 ms over one connection until it shows
 * {@code Alive=false}, then restarts it and times start-to-listening and listening-to-alive.
 * Prints one row per try, then median, min and max and the ratio median / interval. The cluster
 * is stopped and its folder deleted at the end, whatever happens (also on Ctrl-C, by a shutdown
 * hook).
 *
 * <p>Run: {@code bin/tessera bench kill-detection [tries]} (10 by default).
 *
 * <p>Threading: the main thread does the work; a shutdown hook cleans up only if the JVM is stopped
 * before the main thread gets to it.
 */
public final class KillDetectionBenchmark {
    private static final String HOST_PREFIX = "127.0.43";
    private static final int BACKENDS = 3;
    private static final int DEFAULT_TRIES = 10;
    private static final String FE_JVM = "-Xmx512m -XX:MaxDirectMemorySize=128m";
    private static final String BE_JVM = "-Xmx256m -XX:MaxDirectMemorySize=128m";
    private static final long POLL_INTERVAL_MS = 5;
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(60);
    private static final int ERROR_MESSAGE_WIDTH = 70;
    private static final Pattern INTERVAL_LINE = Pattern.compile("heartbeats every (\\d+) ms");

    /** What one try measured. */
    private record Try(int number, String backend, long killToDeadNs, String errorMessage, long startToListeningNs,
                       long listeningToAliveNs) {
        long restartToAliveNs() {
            return startToListeningNs + listeningToAliveNs;
        }
    }

    private KillDetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_TRIES;
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        Path dir = Files.createTempDirectory("tessera-bench-kill-");
        ClusterLayout layout = ClusterLayout.of(dir, HOST_PREFIX, FE_JVM, BE_JVM);
        Installation installation = Installation.fromSystemProperty();
        LocalCluster cluster = new LocalCluster(layout, installation, System.out);
        LocalCluster quietCluster = new LocalCluster(layout, installation,
                new PrintStream(OutputStream.nullOutputStream()));
        Thread onInterrupt = new Thread(() -> cleanUp(cluster, dir), "kill-detection-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            if (cluster.up(BACKENDS, Map.of()) != 0) {
                throw new IllegalStateException("the cluster in " + dir + " did not start");
            }
            long intervalMs = heartbeatIntervalMs(layout.frontend(Map.of()).logFile());
            List<Try> results = new ArrayList<>();
            try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
                for (int number = 1; number <= tries; number++) {
                    results.add(killAndRestart(number, (number - 1) % BACKENDS, layout, quietCluster, client));
                }
            }
            print(results, intervalMs);
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            cleanUp(cluster, dir);
        }
    }

    /** Stops every node (they run in their own sessions and would outlive this JVM) and deletes the folder. */
    private static void cleanUp(LocalCluster cluster, Path dir) {
        try {
            cluster.down();
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the cluster in " + dir + ": " + e);
        }
        deleteTree(dir);
    }

    /** One try: kill -9 backend {@code index}, time until it shows dead, restart it, time until alive. */
    private static Try killAndRestart(int number, int index, ClusterLayout layout, LocalCluster cluster,
                                      FrontendClient client) throws Exception {
        NodeSpec spec = layout.backend(index, Map.of());
        String host = layout.backendHost(index);
        String seenHeartbeat = awaitRow(client, host, KillDetectionBenchmark::alive).get("LastHeartbeat");
        awaitRow(client, host, row -> alive(row) && !seenHeartbeat.equals(row.get("LastHeartbeat")));
        ProcessHandle process = NodeLauncher.running(spec)
                .orElseThrow(() -> new IllegalStateException(spec.name() + " is not running"));

        long killNs = System.nanoTime();
        Processes.kill(process);
        Map<String, String> dead = awaitRow(client, host, row -> !alive(row));
        long killToDeadNs = System.nanoTime() - killNs;

        long startNs = System.nanoTime();
        if (cluster.node(spec, "start") != 0) {
            throw new IllegalStateException(spec.name() + " did not restart; see " + spec.logFile());
        }
        long listeningNs = System.nanoTime();
        awaitRow(client, host, KillDetectionBenchmark::alive);
        long aliveNs = System.nanoTime();
        return new Try(number, host, killToDeadNs, dead.get("ErrMsg"), listeningNs - startNs, aliveNs - listeningNs);
    }

    /** Polls SHOW BACKENDS until the backend on {@code host} matches; returns that row. */
    private static Map<String, String> awaitRow(FrontendClient client, String host,
                                                Predicate<Map<String, String>> condition)
            throws SQLException, InterruptedException {
        long deadlineNs = System.nanoTime() + WAIT_LIMIT.toNanos();
        Map<String, String> row = null;
        while (System.nanoTime() < deadlineNs) {
            row = client.showBackends().stream().filter(r -> host.equals(r.get("Host"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("SHOW BACKENDS has no row for " + host));
            if (condition.test(row)) {
                return row;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MS);
        }
        throw new IllegalStateException("backend " + host + " did not reach the awaited state within "
                + WAIT_LIMIT.toSeconds() + " s; last row: " + row);
    }

    private static boolean alive(Map<String, String> row) {
        return "true".equals(row.get("Alive"));
    }

    /** The interval the FE says it runs ("heartbeats every N ms"), else Tessera's default. */
    private static long heartbeatIntervalMs(Path feLog) throws IOException {
        Matcher matcher = INTERVAL_LINE.matcher(Files.readString(feLog));
        if (matcher.find()) {
            return Long.parseLong(matcher.group(1));
        }
        System.out.println("(the FE log names no heartbeat interval; assuming the default)");
        return HeartbeatConfig.DEFAULT_INTERVAL_SECOND * 1000L;
    }

    private static void print(List<Try> results, long intervalMs) {
        System.out.println();
        System.out.println("try | backend | kill -9 -> Alive=false (ms) | start -> listening (ms)"
                + " | listening -> Alive=true (ms) | ErrMsg when seen dead");
        for (Try each : results) {
            System.out.printf(Locale.ROOT, "%d | %s | %.1f | %.0f | %.0f | %s%n", each.number(), each.backend(),
                    ms(each.killToDeadNs()), ms(each.startToListeningNs()), ms(each.listeningToAliveNs()),
                    shorten(each.errorMessage()));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d tries | median (ms) | min (ms) | max (ms)%n", results.size());
        printSummary("kill -9 -> Alive=false", results, Try::killToDeadNs, "%.1f");
        printSummary("restart: start -> heartbeat port listening", results, Try::startToListeningNs, "%.0f");
        printSummary("restart: listening -> Alive=true", results, Try::listeningToAliveNs, "%.0f");
        printSummary("restart: start -> Alive=true", results, Try::restartToAliveNs, "%.0f");
        double medianKillToDeadMs = ms(median(results, Try::killToDeadNs));
        System.out.println();
        System.out.printf(Locale.ROOT, "baseline: heartbeat_interval = %d ms (detection bound without the watch)%n",
                intervalMs);
        System.out.printf(Locale.ROOT, "median kill -> dead / heartbeat interval = %.3f (%.0fx faster)%n",
                medianKillToDeadMs / intervalMs, intervalMs / medianKillToDeadMs);
    }

    private static void printSummary(String label, List<Try> results, ToLongFunction<Try> measure, String format) {
        long[] sorted = results.stream().mapToLong(measure).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s | " + format + " | " + format + " | " + format + "%n", label,
                ms(median(results, measure)), ms(sorted[0]), ms(sorted[sorted.length - 1]));
    }

    /** The median; the mean of the two middle values for an even count. */
    private static double median(List<Try> results, ToLongFunction<Try> measure) {
        long[] sorted = results.stream().mapToLong(measure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    private static String shorten(String text) {
        String single = String.valueOf(text).replace('\n', ' ');
        return single.length() <= ERROR_MESSAGE_WIDTH ? single : single.substring(0, ERROR_MESSAGE_WIDTH - 3) + "...";
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
