package io.tessera.bench;

import io.tessera.bench.simulated.FrontendHeap;
import io.tessera.bench.simulated.SimulatedBackend;
import io.tessera.bench.simulated.SimulatedFleet;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.Installation;
import io.tessera.cli.MysqlProbe;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import io.tessera.cli.Processes;
import io.tessera.common.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Scale figures of the FE with many backends and many replicas, with the backends simulated
 * ({@link SimulatedFleet}: the real BE's gRPC services, replicas as metadata only, all in this
 * JVM) and a real FE process that cannot tell them from real BEs. Steps:
 * <ol>
 *   <li>starts the fleet on 127.1.x.y and an FE on 127.0.57.1 (default ports, a temporary folder,
 *       the heap given by {@code --fe-heap});</li>
 *   <li>ALTER SYSTEM ADD BACKEND, a list of {@value #ADD_BATCH} per statement, and waits until
 *       SHOW BACKENDS shows every backend alive; measures the FE's used heap after a forced GC;</li>
 *   <li>creates tables (range partitions × hash buckets, replication_num 3) until the FE holds
 *       {@code --tablets} tablets, waits for one round of tablet reports, and measures the heap
 *       again (and prints the class histogram's top entries): the difference / replicas is the heap
 *       per replica;</li>
 *   <li>times SHOW BACKENDS {@code --runs} times over one connection (p50, p99);</li>
 *   <li>kills the FE with kill -9, starts it again, and times process start to the first
 *       {@code SELECT 1} answered and to every backend Alive=true.</li>
 * </ol>
 * The FE and the fleet are stopped and the folder deleted at the end (kept with {@code --keep}).
 *
 * <p>Run: {@code bin/tessera bench simulated-backends [--backends N] [--tablets N] [--fe-heap 4g]
 * [--runs N] [--report-interval-seconds N] [--keep]}.
 *
 * <p>Threading: the main thread drives; the fleet serves calls on its own shared threads.
 */
public final class SimulatedBackendsBenchmark {
    private static final String BACKEND_PREFIX = "127.1";
    private static final String FE_HOST = "127.0.57.1";
    private static final int QUERY_PORT = 9030;
    private static final int HEARTBEAT_PORT = 9050;
    private static final int BE_PORT = 9060;
    private static final int ADD_BATCH = 100;
    private static final int MAX_BUCKETS = 100;
    private static final int MAX_TABLETS_PER_TABLE = 10_000;
    private static final int REPLICATION = 3;
    private static final long POLL_MS = 20;
    private static final Duration WAIT_LIMIT = Duration.ofMinutes(10);
    private static final long SEED = 57;

    private record Options(int backends, long tablets, String feHeap, int runs, int reportIntervalSeconds,
                           boolean keep, int drainSeconds) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("--backends", "1000", "--tablets", "1000000",
                    "--fe-heap", "4g", "--runs", "200", "--report-interval-seconds", "5", "--drain-seconds", "0"));
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--keep")) {
                    keep = true;
                } else if (values.containsKey(args[i]) && i + 1 < args.length) {
                    values.put(args[i], args[++i]);
                } else {
                    throw new IllegalArgumentException("usage: simulated-backends [--backends N] [--tablets N] "
                            + "[--fe-heap 4g] [--runs N] [--report-interval-seconds N] [--drain-seconds N] [--keep]; got "
                            + args[i]);
                }
            }
            return new Options(Integer.parseInt(values.get("--backends")), Long.parseLong(values.get("--tablets")),
                    values.get("--fe-heap"), Integer.parseInt(values.get("--runs")),
                    Integer.parseInt(values.get("--report-interval-seconds")), keep,
                    Integer.parseInt(values.get("--drain-seconds")));
        }
    }

    private SimulatedBackendsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.backends() < REPLICATION) {
            throw new IllegalArgumentException("at least " + REPLICATION + " backends are needed");
        }
        Path dir = Files.createTempDirectory("tessera-bench-simulated-");
        NodeSpec fe = frontendSpec(dir, options.feHeap());
        NodeLauncher launcher = new NodeLauncher(Installation.fromSystemProperty());
        SimulatedFleet fleet = new SimulatedFleet(BACKEND_PREFIX, options.backends(), HEARTBEAT_PORT, BE_PORT,
                TimeUnit.SECONDS.toMillis(options.reportIntervalSeconds()), SEED, Clock.system());
        Thread onInterrupt = new Thread(() -> cleanUp(fe, fleet, dir, options.keep()), "simulated-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            run(options, fe, launcher, fleet);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
                cleanUp(fe, fleet, dir, options.keep());
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C or kill: the hook cleans up
            }
        }
    }

    private static void run(Options options, NodeSpec fe, NodeLauncher launcher, SimulatedFleet fleet)
            throws Exception {
        long fleetStartNs = System.nanoTime();
        fleet.start();
        say("%d simulated backends listen on %s.x.y:%d/%d (%.1f s)", options.backends(), BACKEND_PREFIX,
                HEARTBEAT_PORT, BE_PORT, seconds(System.nanoTime() - fleetStartNs));
        ProcessHandle process = launcher.start(fe);
        awaitSelectOne(process, fe);
        say("FE started (pid %d, -Xmx%s); log %s", process.pid(), options.feHeap(), fe.logFile());

        try (FrontendClient client = new FrontendClient(FE_HOST, QUERY_PORT)) {
            long addNs = System.nanoTime();
            addBackends(client, fleet.backends());
            long addedNs = System.nanoTime();
            long aliveNs = awaitAllAlive(client, options.backends());
            say("ALTER SYSTEM ADD BACKEND x%d (%d per statement): %.1f s; all alive %.1f s later",
                    options.backends(), ADD_BATCH, seconds(addedNs - addNs), seconds(aliveNs - addedNs));
        }
        long emptyHeap = FrontendHeap.usedAfterGc(process.pid());
        say("FE used heap after GC, %d backends, empty catalog: %.1f MiB", options.backends(), mib(emptyHeap));

        long tablets;
        try (FrontendClient client = new FrontendClient(FE_HOST, QUERY_PORT)) {
            tablets = createTables(client, options.tablets());
        }
        long replicas = tablets * REPLICATION;
        awaitReports(fleet, replicas, options.reportIntervalSeconds());
        long loadedHeap = FrontendHeap.usedAfterGc(process.pid());
        double perReplica = (double) (loadedHeap - emptyHeap) / replicas;
        say("FE used heap after GC, %d tablets x %d replicas: %.1f MiB -> %.0f bytes per replica", tablets,
                REPLICATION, mib(loadedHeap), perReplica);
        say("class histogram of the FE (top entries):");
        FrontendHeap.histogram(process.pid(), 25).forEach(line -> System.out.println("  " + line));

        double[] showBackends = timeShowBackends(options.runs());
        say("SHOW BACKENDS x%d over one connection: p50 %.1f ms, p99 %.1f ms, max %.1f ms", options.runs(),
                showBackends[0], showBackends[1], showBackends[2]);

        Processes.kill(process);
        long startNs = System.nanoTime();
        process = launcher.start(fe, false);
        awaitSelectOne(process, fe);
        long selectOneNs = System.nanoTime() - startNs;
        long allAliveNs;
        try (FrontendClient client = new FrontendClient(FE_HOST, QUERY_PORT)) {
            awaitAllAlive(client, options.backends());
            allAliveNs = System.nanoTime() - startNs;
        }
        say("FE restart after kill -9: process start -> SELECT 1 %.2f s, -> all %d backends alive %.2f s",
                seconds(selectOneNs), options.backends(), seconds(allAliveNs));
        try (FrontendClient client = new FrontendClient(FE_HOST, QUERY_PORT)) {
            long held = client.showBackends().stream().mapToLong(row -> Long.parseLong(row.get("TabletNum"))).sum();
            if (held != replicas) {
                throw new IllegalStateException("the restarted FE places " + held + " replicas, expected " + replicas);
            }
            say("the restarted FE places all %d replicas (sum of TabletNum)", held);
        }
        say("start-up of the restarted FE, from its log:");
        restartLog(fe).forEach(line -> System.out.println("  " + line));
        long restartedHeap = FrontendHeap.usedAfterGc(process.pid());
        double[] afterRestart = timeShowBackends(options.runs());
        say("after restart: used heap after GC %.1f MiB; SHOW BACKENDS p50 %.1f ms, p99 %.1f ms",
                mib(restartedHeap), afterRestart[0], afterRestart[1]);

        System.out.println();
        System.out.printf(Locale.ROOT, "backends | tablets | replicas | FE -Xmx | restart -> SELECT 1 (s) "
                + "| restart -> all alive (s) | heap per replica (B) | SHOW BACKENDS p50 / p99 (ms)%n");
        System.out.printf(Locale.ROOT, "%d | %d | %d | %s | %.2f | %.2f | %.0f | %.1f / %.1f%n", options.backends(),
                tablets, replicas, options.feHeap(), seconds(selectOneNs), seconds(allAliveNs), perReplica,
                showBackends[0], showBackends[1]);
        say("tablet reports accepted %d, failed or refused %d", fleet.reportsSent(), fleet.reportsFailed());
        if (options.drainSeconds() > 0) {
            decommissionTheFullest(fe, process, options.drainSeconds());
        }
    }

    /**
     * DECOMMISSION of the backend holding the most replicas: how long until the FE's drain plan has
     * a destination for every one of them (its log line), how the moves are journaled (clones
     * recorded per write), the moves per second over {@code seconds}, and the FE's heap.
     */
    private static void decommissionTheFullest(NodeSpec fe, ProcessHandle process, int seconds) throws Exception {
        try (FrontendClient client = new FrontendClient(FE_HOST, QUERY_PORT)) {
            Map<String, String> fullest = client.showBackends().stream()
                    .max(Comparator.comparingLong(row -> Long.parseLong(row.get("TabletNum")))).orElseThrow();
            String id = fullest.get("BackendId");
            long held = Long.parseLong(fullest.get("TabletNum"));
            int logLinesBefore = Files.readAllLines(fe.logFile()).size();
            long startNs = System.nanoTime();
            client.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + id + "\"");
            String planLine = null;
            long deadlineNs = startNs + WAIT_LIMIT.toNanos();
            while (planLine == null && System.nanoTime() < deadlineNs) {
                List<String> lines = Files.readAllLines(fe.logFile());
                planLine = lines.subList(Math.min(logLinesBefore, lines.size()), lines.size()).stream()
                        .filter(line -> line.contains("drain plan:")).findFirst().orElse(null);
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            }
            long plannedNs = System.nanoTime() - startNs;
            say("DECOMMISSION BACKEND %s holding %d replicas: drain plan in the FE log %.2f s after the statement:",
                    id, held, seconds(plannedNs));
            System.out.println("  " + planLine);
            TimeUnit.SECONDS.sleep(seconds);
            long left = client.showBackends().stream().filter(row -> row.get("BackendId").equals(id))
                    .mapToLong(row -> Long.parseLong(row.get("TabletNum"))).findFirst().orElse(0);
            List<String> lines = Files.readAllLines(fe.logFile());
            List<String> batches = lines.subList(Math.min(logLinesBefore, lines.size()), lines.size()).stream()
                    .filter(line -> line.contains("finished clones in one write")).toList();
            long installed = lines.subList(Math.min(logLinesBefore, lines.size()), lines.size()).stream()
                    .filter(line -> line.contains(" installed on backend ")).count();
            say("after %d s: %d replicas left on backend %s (%.1f moved per second), %d clones installed, "
                    + "recorded in %d multi-clone writes", seconds, left, id,
                    (held - left) / (double) seconds, installed, batches.size());
            say("FE used heap after GC during the drain: %.1f MiB", mib(FrontendHeap.usedAfterGc(process.pid())));
        }
    }

    private static NodeSpec frontendSpec(Path dir, String heap) {
        Path home = dir.resolve("fe");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("priority_networks", FE_HOST + "/32");
        config.put("query_port", Integer.toString(QUERY_PORT));
        config.put("http_port", "8030");
        config.put("rpc_port", "9020");
        config.put("edit_log_port", "9010");
        config.put("meta_dir", home.resolve("meta").toString());
        return new NodeSpec("fe", "tessera-fe", "io.tessera.fe.server.FrontendMain", "fe.conf", home, config,
                List.of("-Xmx" + heap, "-XX:MaxDirectMemorySize=256m"));
    }

    /** Polls every {@value #POLL_MS} ms until the FE answers SELECT 1. */
    private static void awaitSelectOne(ProcessHandle process, NodeSpec fe) throws InterruptedException {
        long deadlineNs = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadlineNs) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the FE exited while starting; end of its log:\n"
                        + MysqlProbe.tail(fe.logFile(), 30));
            }
            try (Connection connection = DriverManager.getConnection(MysqlProbe.jdbcUrl(FE_HOST, QUERY_PORT));
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            }
        }
        throw new IllegalStateException("the FE did not answer SELECT 1 within " + WAIT_LIMIT);
    }

    private static void addBackends(FrontendClient client, List<SimulatedBackend> backends) throws SQLException {
        for (int from = 0; from < backends.size(); from += ADD_BATCH) {
            String list = backends.subList(from, Math.min(backends.size(), from + ADD_BATCH)).stream()
                    .map(backend -> "\"" + backend.hostPort() + "\"").collect(Collectors.joining(", "));
            client.execute("ALTER SYSTEM ADD BACKEND " + list);
        }
    }

    /** Polls SHOW BACKENDS until every row says Alive=true; returns System.nanoTime() then. */
    /** The start-up milestones of the FE's last start: snapshot load, journal, warm-up, ready. */
    private static List<String> restartLog(NodeSpec fe) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(fe.logFile());
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Tessera FE") && lines.get(i).contains("starting")) {
                start = i;
            }
        }
        return lines.subList(start, lines.size()).stream()
                .filter(line -> line.contains("starting") || line.contains("snapshot") || line.contains("journal")
                        || line.contains("warmed up") || line.contains("is ready"))
                .limit(12)
                .toList();
    }

    private static long awaitAllAlive(FrontendClient client, int expected) throws Exception {
        long deadlineNs = System.nanoTime() + WAIT_LIMIT.toNanos();
        long alive = 0;
        while (System.nanoTime() < deadlineNs) {
            List<Map<String, String>> rows = client.showBackends();
            alive = rows.stream().filter(row -> "true".equals(row.get("Alive"))).count();
            if (rows.size() == expected && alive == expected) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        throw new IllegalStateException("only " + alive + " of " + expected + " backends alive after " + WAIT_LIMIT);
    }

    /**
     * Creates tables of up to {@value #MAX_TABLETS_PER_TABLE} tablets (range partitions × up to
     * {@value #MAX_BUCKETS} buckets) until {@code tablets} exist; returns how many were created.
     */
    private static long createTables(FrontendClient client, long tablets) throws SQLException {
        client.execute("CREATE DATABASE scale");
        long created = 0;
        int table = 0;
        long startNs = System.nanoTime();
        while (created < tablets) {
            long wanted = Math.min(MAX_TABLETS_PER_TABLE, tablets - created);
            int buckets = (int) Math.min(MAX_BUCKETS, wanted);
            int partitions = (int) Math.max(1, wanted / buckets);
            StringBuilder sql = new StringBuilder("CREATE TABLE scale.t").append(table)
                    .append(" (k INT NOT NULL, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) (");
            for (int p = 0; p < partitions; p++) {
                sql.append(p == 0 ? "" : ", ").append("PARTITION p").append(p).append(" VALUES LESS THAN (\"")
                        .append((p + 1) * 1000).append("\")");
            }
            sql.append(") DISTRIBUTED BY HASH(k) BUCKETS ").append(buckets)
                    .append(" PROPERTIES (\"replication_num\" = \"").append(REPLICATION).append("\")");
            long tableNs = System.nanoTime();
            client.execute(sql.toString());
            created += (long) partitions * buckets;
            table++;
            if (table == 1 || table % 10 == 0 || created >= tablets) {
                say("CREATE TABLE t%d (%d partitions x %d buckets) %.2f s; %d tablets so far, %.1f s in all",
                        table - 1, partitions, buckets, seconds(System.nanoTime() - tableNs), created,
                        seconds(System.nanoTime() - startNs));
            }
        }
        return created;
    }

    /** Waits until the backends hold every replica and each has reported once more since. */
    private static void awaitReports(SimulatedFleet fleet, long replicas, int intervalSeconds) throws Exception {
        long deadlineNs = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (fleet.replicaCount() < replicas && System.nanoTime() < deadlineNs) {
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        long before = fleet.reportsSent();
        int backends = fleet.backends().size();
        while (fleet.reportsSent() < before + backends && System.nanoTime() < deadlineNs) {
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        say("backends hold %d replicas; %d reports accepted since (interval %d s)", fleet.replicaCount(),
                fleet.reportsSent() - before, intervalSeconds);
    }

    /** p50, p99 and max of SHOW BACKENDS over one connection, in ms. */
    private static double[] timeShowBackends(int runs) throws SQLException {
        try (FrontendClient client = new FrontendClient(FE_HOST, QUERY_PORT)) {
            for (int i = 0; i < Math.min(20, runs); i++) {
                client.showBackends();
            }
            long[] ns = new long[runs];
            for (int i = 0; i < runs; i++) {
                long startNs = System.nanoTime();
                client.showBackends();
                ns[i] = System.nanoTime() - startNs;
            }
            Arrays.sort(ns);
            return new double[] {ns[(int) Math.ceil(runs * 0.50) - 1] / 1e6, ns[(int) Math.ceil(runs * 0.99) - 1] / 1e6,
                    ns[runs - 1] / 1e6};
        }
    }

    private static void cleanUp(NodeSpec fe, SimulatedFleet fleet, Path dir, boolean keep) {
        NodeLauncher.running(fe).ifPresent(process -> Processes.stop(process, Duration.ofSeconds(10)));
        fleet.close();
        if (keep) {
            say("kept %s", dir);
            return;
        }
        BenchFiles.deleteTree(dir);
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
        System.out.flush();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
