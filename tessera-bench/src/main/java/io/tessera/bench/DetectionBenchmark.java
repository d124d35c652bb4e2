package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import io.tessera.cli.Processes;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How soon does the FE notice a backend that dies, and one that hangs? A local cluster (FE and 3
 * BEs on 127.0.43.x at {@code bin/tessera up}'s settings) and {@code tries} trials of each, round
 * robin over the BEs: {@code kill -9} of the BE process, timed to {@code Alive=false} in SHOW
 * BACKENDS, then a restart, timed to {@code Alive=true}; and {@code kill -STOP} (the process holds
 * its sockets but answers nothing), timed to {@code Alive=false}, then {@code kill -CONT}, timed to
 * {@code Alive=true}. SHOW BACKENDS is polled every 5 ms over one connection. The baseline is the
 * FE's own detection bound for a hung backend, {@code heartbeat_interval_second × tolerance +
 * heartbeat_timeout_second}, read from fe.log. Ends with {@code RESULT detection dead_median_s=...
 * dead_p99_s=... stopped_median_s=... stopped_p99_s=... alive_median_s=... resumed_median_s=...}.
 * The cluster is stopped and its folder removed at the end, also on Ctrl-C ({@link BenchCleanup}).
 *
 * <p>Run: {@code bin/tessera bench detection [tries]} (20 by default).
 *
 * <p>Threading: the main thread.
 */
public final class DetectionBenchmark {
    private static final String HOST_PREFIX = "127.0.43";
    private static final int BACKENDS = 3;
    private static final int DEFAULT_TRIES = 20;
    private static final long POLL_INTERVAL_MS = 5;
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(120);

    /** One trial: fault to Alive=false, recovery (restart or SIGCONT) to Alive=true. */
    private record Trial(String backend, long faultToDeadNs, long recoveryToAliveNs, String errorMessage) {
    }

    private DetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_TRIES;
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        List<Trial> kills = new ArrayList<>();
        List<Trial> stops = new ArrayList<>();
        String bound;
        try (BenchCleanup cleanup = new BenchCleanup("detection")) {
            BenchCluster cluster = cleanup.add(BenchCluster.start("detection", HOST_PREFIX, Map.of(), BACKENDS));
            try (FrontendClient client = new FrontendClient(cluster.layout().frontendHost(),
                    ClusterLayout.QUERY_PORT)) {
                bound = boundLine(cluster.layout());
                for (int trial = 0; trial < tries; trial++) {
                    kills.add(report("kill -9", trial, killAndRestart(trial % BACKENDS, cluster, client)));
                    stops.add(report("SIGSTOP", trial, stopAndResume((trial + 1) % BACKENDS, cluster, client)));
                }
            }
        }
        System.out.println();
        System.out.println("FE: " + bound);
        System.out.printf(Locale.ROOT, "%d trials each | median s | p99 s | min s | max s%n", tries);
        summary("kill -9 -> Alive=false", kills, true);
        summary("restart -> Alive=true", kills, false);
        summary("SIGSTOP -> Alive=false", stops, true);
        summary("SIGCONT -> Alive=true", stops, false);
        System.out.printf(Locale.ROOT, "RESULT detection dead_median_s=%.2f dead_p99_s=%.2f stopped_median_s=%.2f "
                        + "stopped_p99_s=%.2f alive_median_s=%.2f resumed_median_s=%.2f%n",
                seconds(kills, true, 0.5), seconds(kills, true, 0.99), seconds(stops, true, 0.5),
                seconds(stops, true, 0.99), seconds(kills, false, 0.5), seconds(stops, false, 0.5));
    }

    private static Trial killAndRestart(int index, BenchCluster cluster, FrontendClient client) throws Exception {
        NodeSpec spec = cluster.layout().backend(index, Map.of());
        String host = cluster.layout().backendHost(index);
        awaitFreshHeartbeat(client, host);
        ProcessHandle process = NodeLauncher.running(spec)
                .orElseThrow(() -> new IllegalStateException(spec.name() + " is not running"));
        long faultNs = System.nanoTime();
        Processes.kill(process);
        Map<String, String> dead = awaitRow(client, host, row -> !alive(row));
        long deadNs = System.nanoTime();
        if (cluster.cluster().node(spec, "start") != 0) {
            throw new IllegalStateException(spec.name() + " did not restart; see " + spec.logFile());
        }
        awaitRow(client, host, DetectionBenchmark::alive);
        return new Trial(host, deadNs - faultNs, System.nanoTime() - deadNs, dead.get("ErrMsg"));
    }

    private static Trial stopAndResume(int index, BenchCluster cluster, FrontendClient client) throws Exception {
        NodeSpec spec = cluster.layout().backend(index, Map.of());
        String host = cluster.layout().backendHost(index);
        awaitFreshHeartbeat(client, host);
        long pid = NodeLauncher.running(spec)
                .orElseThrow(() -> new IllegalStateException(spec.name() + " is not running")).pid();
        long faultNs = System.nanoTime();
        signal("STOP", pid);
        Map<String, String> dead;
        long deadNs;
        try {
            dead = awaitRow(client, host, row -> !alive(row));
            deadNs = System.nanoTime();
        } finally {
            signal("CONT", pid);
        }
        awaitRow(client, host, DetectionBenchmark::alive);
        return new Trial(host, deadNs - faultNs, System.nanoTime() - deadNs, dead.get("ErrMsg"));
    }

    /** Waits until the backend is alive and has answered one more heartbeat round since. */
    private static void awaitFreshHeartbeat(FrontendClient client, String host) throws Exception {
        String seen = awaitRow(client, host, DetectionBenchmark::alive).get("LastHeartbeat");
        awaitRow(client, host, row -> alive(row) && !seen.equals(row.get("LastHeartbeat")));
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

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

    /** The FE's own line about its heartbeats (interval, deadline, tolerance). */
    private static String boundLine(ClusterLayout layout) throws IOException {
        return java.nio.file.Files.readAllLines(layout.frontend(Map.of()).logFile()).stream()
                .filter(line -> line.contains("heartbeats every")).findFirst()
                .map(line -> line.substring(line.indexOf("heartbeats every")))
                .orElse("(fe.log names no heartbeat settings)");
    }

    private static Trial report(String fault, int trial, Trial result) {
        System.out.printf(Locale.ROOT, "%-7s trial %2d on %s: dead after %.2f s, alive again %.2f s later (%s)%n",
                fault, trial + 1, result.backend(), result.faultToDeadNs() / 1e9, result.recoveryToAliveNs() / 1e9,
                shorten(result.errorMessage()));
        return result;
    }

    private static void summary(String label, List<Trial> trials, boolean detection) {
        System.out.printf(Locale.ROOT, "%s | %.2f | %.2f | %.2f | %.2f%n", label, seconds(trials, detection, 0.5),
                seconds(trials, detection, 0.99), seconds(trials, detection, 0.0), seconds(trials, detection, 1.0));
    }

    /** A quantile (nearest rank; the median of an even count is the mean of the middle two) in seconds. */
    static double seconds(List<Trial> trials, boolean detection, double quantile) {
        long[] sorted = trials.stream().mapToLong(t -> detection ? t.faultToDeadNs() : t.recoveryToAliveNs())
                .sorted().toArray();
        if (quantile == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2e9;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e9;
    }

    private static String shorten(String text) {
        String single = String.valueOf(text).replace('\n', ' ');
        return single.length() <= 70 ? single : single.substring(0, 67) + "...";
    }
}
