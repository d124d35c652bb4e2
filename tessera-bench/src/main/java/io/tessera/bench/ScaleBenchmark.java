package io.tessera.bench;

import io.tessera.be.config.BeConfig;
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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Issue 16's scale figures at Tessera's default settings: many backends, a growing catalog, a real
 * FE process. The backends are simulated ({@link SimulatedFleet}: the real BE's gRPC services,
 * replicas as metadata only, all in this JVM) and report their tablets at the real BE's default
 * interval ({@link BeConfig#DEFAULT_REPORT_TABLET_INTERVAL_SECONDS}, unless
 * {@code --report-interval-seconds} overrides it), so the run follows the default when it changes.
 * Steps:
 * <ol>
 *   <li>starts the fleet on 127.1.x.y and an FE on 127.0.57.1 (default ports and settings, a
 *       temporary folder, the heap given by {@code --fe-heap});</li>
 *   <li>ALTER SYSTEM ADD BACKEND, {@value #ADD_BATCH} per statement; waits until SHOW BACKENDS shows
 *       every backend alive; the FE's used heap after a forced GC;</li>
 *   <li>grows the catalog with CREATE TABLEs of {@value ScaleGrowth#TABLETS_PER_TABLE} tablets
 *       (100 range partitions x 100 buckets, replication_num 3) up to {@code --tablets}, timing each
 *       ({@link ScaleGrowth}); {@code create_table_s_start} and {@code _end} are the medians of the
 *       first and the last {@value ScaleGrowth#WINDOW} statements;</li>
 *   <li>waits for a round of reports, measures the heap again: (loaded - empty) / replicas;</li>
 *   <li>times SHOW BACKENDS {@code --runs} times over one connection, from Debian's {@code mariadb}
 *       CLI in its own process ({@code show_backends_p99_ms}, {@link MariadbCliTimer}: what an operator
 *       sees) and over JDBC from this JVM ({@code show_backends_jdbc_p99_ms}: that client shares its
 *       JVM and cores with the 1,000 simulated backends' gRPC servers);</li>
 *   <li>kill -9 of the FE, start again: process start to every backend Alive=true;</li>
 *   <li>decommission of the fullest backends holding {@code --decommission-replicas} replicas
 *       (100k) in all ({@link ScaleDecommission}): EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND's time,
 *       then ALTER SYSTEM DECOMMISSION BACKEND until the FE's scheduler logs its drain plan, which is
 *       {@code decommission_plan_s}.</li>
 * </ol>
 * It prints progress as it goes, draws {@code docs/charts/scale.svg} (each figure over its target)
 * and ends with one line {@code RESULT scale key=value ...}. The FE, the fleet and the folder are
 * closed by {@link BenchCleanup}, also on Ctrl-C or SIGTERM (the folder is kept with {@code --keep}).
 *
 * <p>Run: {@code bin/tessera bench scale [--backends N] [--tablets N] [--large] [--fe-heap 4g]
 * [--runs N] [--report-interval-seconds N] [--decommission-replicas N] [--drain-seconds N]
 * [--chart file.svg] [--keep]}. {@code --large} is 2,000 backends and 10M tablets with the larger
 * targets.
 *
 * <p>Threading: the main thread drives; the fleet serves calls on its own shared threads.
 */
public final class ScaleBenchmark {
    static final String FE_HOST = "127.0.57.1";
    static final int QUERY_PORT = 9030;
    private static final String BACKEND_PREFIX = "127.1";
    private static final int HEARTBEAT_PORT = 9050;
    private static final int BE_PORT = 9060;
    private static final int ADD_BATCH = 100;
    static final int REPLICATION = 3;
    static final long POLL_MS = 20;
    /**
     * SHOW BACKENDS is polled this often while waiting for every backend to be alive: at 20 ms, its
     * 1,000-row answers took the FE it measures (JFR: its MySQL I/O threads sampled almost as often
     * as its gRPC event loops during the restart) and the fleet's JVM a large share of 2 cores.
     */
    private static final long ALIVE_POLL_MS = 250;
    static final Duration WAIT_LIMIT = Duration.ofMinutes(10);
    private static final long SEED = 57;
    static final int STATEMENT_TIMEOUT_MS = 600_000;
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MEMORY_HEADROOM_GIB = 2;

    /** The targets: the default size's and {@code --large}'s. */
    record Targets(double createTableSeconds, double restartAliveSeconds, double bytesPerReplica,
                   double showBackendsP99Ms, double decommissionPlanSeconds) {
        static final Targets DEFAULT = new Targets(10, 10, 300, 50, 10);
        static final Targets LARGE = new Targets(15, 10, 200, 50, 10);
    }

    record Options(int backends, long tablets, String feHeap, int runs, int reportIntervalSeconds, boolean keep,
                   int drainSeconds, long decommissionReplicas, Path chart, Targets targets) {
        static Options parse(String[] args) {
            boolean large = Arrays.asList(args).contains("--large");
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--backends", large ? "2000" : "1000");
            values.put("--tablets", large ? "10000000" : "1000000");
            values.put("--fe-heap", large ? "12g" : "4g");
            values.put("--runs", "200");
            values.put("--report-interval-seconds", Integer.toString(BeConfig.DEFAULT_REPORT_TABLET_INTERVAL_SECONDS));
            values.put("--drain-seconds", "0");
            values.put("--decommission-replicas", "100000");
            values.put("--chart", Path.of(System.getProperty("tessera.home", "."), "docs", "charts", "scale.svg")
                    .toString());
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--keep")) {
                    keep = true;
                } else if (args[i].equals("--large")) {
                    continue;
                } else if (values.containsKey(args[i]) && i + 1 < args.length) {
                    values.put(args[i], args[++i]);
                } else {
                    throw new IllegalArgumentException("usage: scale [--backends N] [--tablets N] [--large] "
                            + "[--fe-heap 4g] [--runs N] [--report-interval-seconds N] [--decommission-replicas N] "
                            + "[--drain-seconds N] [--chart file.svg] [--keep]; got " + args[i]);
                }
            }
            return new Options(Integer.parseInt(values.get("--backends")), Long.parseLong(values.get("--tablets")),
                    values.get("--fe-heap"), Integer.parseInt(values.get("--runs")),
                    Integer.parseInt(values.get("--report-interval-seconds")), keep,
                    Integer.parseInt(values.get("--drain-seconds")), Long.parseLong(values.get("--decommission-replicas")),
                    Path.of(values.get("--chart")), large ? Targets.LARGE : Targets.DEFAULT);
        }
    }

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.backends() < REPLICATION + 1) {
            throw new IllegalArgumentException("at least " + (REPLICATION + 1) + " backends are needed");
        }
        try {
            checkMemory(options.feHeap());
        } catch (IllegalStateException e) {
            System.err.println("bench scale: " + e.getMessage());
            System.exit(2);
        }
        long startNs = System.nanoTime();
        try (BenchCleanup cleanup = new BenchCleanup("scale")) {
            Path dir = Files.createTempDirectory("tessera-bench-scale-");
            if (options.keep()) {
                cleanup.add(() -> say("kept %s", dir));
            } else {
                cleanup.addFolder(dir);
            }
            NodeSpec fe = frontendSpec(dir, options.feHeap());
            SimulatedFleet fleet = cleanup.add(new SimulatedFleet(BACKEND_PREFIX, options.backends(), HEARTBEAT_PORT,
                    BE_PORT, TimeUnit.SECONDS.toMillis(options.reportIntervalSeconds()), SEED, Clock.system()));
            cleanup.add(() -> NodeLauncher.running(fe).ifPresent(process -> Processes.stop(process,
                    Duration.ofSeconds(10))));
            Map<String, Double> result = run(options, fe, new NodeLauncher(Installation.fromSystemProperty()), fleet);
            writeChart(options, result);
            say("scale benchmark: %.0f s in all", seconds(System.nanoTime() - startNs));
            StringBuilder line = new StringBuilder("RESULT scale");
            result.forEach((key, value) -> line.append(' ').append(key).append('=')
                    .append(String.format(Locale.ROOT, value == Math.rint(value) && Math.abs(value) < 1e15
                            ? "%.0f" : "%.2f", value)));
            System.out.println(line);
        }
    }

    private static Map<String, Double> run(Options options, NodeSpec fe, NodeLauncher launcher, SimulatedFleet fleet)
            throws Exception {
        say("scale: %d backends, %d tablets x %d replicas, tablet reports every %d s (the BE's default is %d s), "
                + "FE -Xmx%s", options.backends(), options.tablets(), REPLICATION, options.reportIntervalSeconds(),
                BeConfig.DEFAULT_REPORT_TABLET_INTERVAL_SECONDS, options.feHeap());
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

        ScaleGrowth.Growth growth = ScaleGrowth.grow(options.tablets());
        long replicas = growth.tablets() * REPLICATION;
        awaitReports(fleet, replicas, options.reportIntervalSeconds());
        long loadedHeap = FrontendHeap.usedAfterGc(process.pid());
        double perReplica = (double) (loadedHeap - emptyHeap) / replicas;
        say("FE used heap after GC, %d tablets x %d replicas: %.1f MiB -> %.0f bytes per replica", growth.tablets(),
                REPLICATION, mib(loadedHeap), perReplica);
        say("class histogram of the FE (top entries):");
        FrontendHeap.histogram(process.pid(), 15).forEach(line -> System.out.println("  " + line));

        double[] showBackendsJdbc = timeShowBackends(options.runs());
        say("SHOW BACKENDS x%d over one JDBC connection in the fleet's JVM: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                options.runs(), showBackendsJdbc[0], showBackendsJdbc[1], showBackendsJdbc[2]);
        double[] showBackends = MariadbCliTimer.percentilesMs(FE_HOST, QUERY_PORT, "SHOW BACKENDS", 20,
                options.runs());
        say("SHOW BACKENDS x%d from the mariadb CLI (its own process): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                options.runs(), showBackends[0], showBackends[1], showBackends[2]);

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
        double[] afterRestart = MariadbCliTimer.percentilesMs(FE_HOST, QUERY_PORT, "SHOW BACKENDS", 20,
                options.runs());
        say("after restart: SHOW BACKENDS from the mariadb CLI p50 %.1f ms, p99 %.1f ms", afterRestart[0],
                afterRestart[1]);

        ScaleDecommission.Planned decommission = ScaleDecommission.run(fe, options.decommissionReplicas(),
                options.drainSeconds());
        say("tablet reports accepted %d, failed or refused %d %s", fleet.reportsSent(), fleet.reportsFailed(),
                fleet.reportFailures());

        Map<String, Double> result = new LinkedHashMap<>();
        result.put("backends", (double) options.backends());
        result.put("tablets", (double) growth.tablets());
        result.put("report_interval_s", (double) options.reportIntervalSeconds());
        result.put("create_table_s_start", growth.startSeconds());
        result.put("create_table_s_end", growth.endSeconds());
        result.put("restart_alive_s", seconds(allAliveNs));
        result.put("heap_bytes_per_replica", (double) Math.round(perReplica));
        result.put("show_backends_p99_ms", showBackends[1]);
        result.put("show_backends_jdbc_p99_ms", showBackendsJdbc[1]);
        result.put("decommission_plan_s", decommission.planSeconds());
        result.put("decommission_explain_s", decommission.explainSeconds());
        result.put("decommission_replicas", (double) decommission.replicas());
        return result;
    }

    /**
     * Refuses to start when the FE's heap and this JVM's (the fleet's) cannot both fit in the
     * machine's memory with {@value #MEMORY_HEADROOM_GIB} GiB to spare: G1 grows a heap to its
     * maximum before it lets go, and the kernel's OOM killer then ends the FE mid-run (a --large
     * run on 24 GB with 12 + 10 GB heaps lost its FE at 2.4M tablets).
     */
    private static void checkMemory(String feHeap) {
        long feBytes = heapBytes(feHeap);
        long fleetBytes = Runtime.getRuntime().maxMemory();
        long machineBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        long neededBytes = feBytes + fleetBytes + MEMORY_HEADROOM_GIB * GIB;
        if (neededBytes > machineBytes) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the FE's heap (-Xmx%s) and the fleet's "
                    + "(%.1f GiB) need %.1f GiB with %d GiB to spare, and this machine has %.1f GiB: give the FE a "
                    + "smaller --fe-heap, or run on a larger machine", feHeap, (double) fleetBytes / GIB,
                    (double) neededBytes / GIB, MEMORY_HEADROOM_GIB, (double) machineBytes / GIB));
        }
    }

    /** {@code 4g}, {@code 512m}, {@code 1024k} or bytes, as -Xmx takes them. */
    static long heapBytes(String heap) {
        String lower = heap.trim().toLowerCase(Locale.ROOT);
        long unit = switch (lower.isEmpty() ? ' ' : lower.charAt(lower.length() - 1)) {
            case 'g' -> GIB;
            case 'm' -> 1024L * 1024;
            case 'k' -> 1024L;
            default -> 1L;
        };
        String digits = unit == 1L ? lower : lower.substring(0, lower.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fe-heap must be as -Xmx takes it (4g, 512m): " + heap);
        }
    }

    /** Each figure over its target (1 = the target; below it, met), one bar each. */
    private static void writeChart(Options options, Map<String, Double> result) throws IOException {
        Targets targets = options.targets();
        List<SvgBarChart.Group> groups = List.of(
                group("CREATE TABLE (start)", result.get("create_table_s_start"), targets.createTableSeconds()),
                group("CREATE TABLE (end)", result.get("create_table_s_end"), targets.createTableSeconds()),
                group("restart -> alive", result.get("restart_alive_s"), targets.restartAliveSeconds()),
                group("heap / replica", result.get("heap_bytes_per_replica"), targets.bytesPerReplica()),
                group("SHOW BACKENDS p99", result.get("show_backends_p99_ms"), targets.showBackendsP99Ms()),
                group("decommission plan", result.get("decommission_plan_s"), targets.decommissionPlanSeconds()));
        new SvgBarChart(String.format(Locale.ROOT, "%d backends, %,d tablets x 3: figure / target", options.backends(),
                result.get("tablets").longValue()), "measured / target (below 1: met)",
                List.of("measured / target"), groups, List.of(new SvgBarChart.Target("target", 1.0)))
                .write(options.chart());
        say("chart: %s", options.chart());
    }

    private static SvgBarChart.Group group(String label, double measured, double target) {
        return new SvgBarChart.Group(label, List.of(measured / target));
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

    /** The start-up milestones of the FE's last start: snapshot load, journal, warm-up, ready. */
    private static List<String> restartLog(NodeSpec fe) throws IOException {
        List<String> lines = Files.readAllLines(fe.logFile());
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

    /**
     * Polls SHOW BACKENDS every {@value #ALIVE_POLL_MS} ms until every row says Alive=true; returns
     * System.nanoTime() then (so the figure is late by up to that much).
     */
    private static long awaitAllAlive(FrontendClient client, int expected) throws Exception {
        long deadlineNs = System.nanoTime() + WAIT_LIMIT.toNanos();
        long alive = 0;
        while (System.nanoTime() < deadlineNs) {
            List<Map<String, String>> rows = client.showBackends();
            alive = rows.stream().filter(row -> "true".equals(row.get("Alive"))).count();
            if (rows.size() == expected && alive == expected) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(ALIVE_POLL_MS);
        }
        throw new IllegalStateException("only " + alive + " of " + expected + " backends alive after " + WAIT_LIMIT);
    }

    /** Waits until the backends hold every replica and each has reported once more since. */
    private static void awaitReports(SimulatedFleet fleet, long replicas, int intervalSeconds) throws Exception {
        long deadlineNs = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (fleet.replicaCount() < replicas && System.nanoTime() < deadlineNs) {
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        long before = fleet.reportsSent();
        int backends = fleet.backends().size();
        say("waiting for a round of tablet reports (interval %d s) ...", intervalSeconds);
        while (fleet.reportsSent() < before + backends && System.nanoTime() < deadlineNs) {
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        say("backends hold %d replicas; %d reports accepted since", fleet.replicaCount(),
                fleet.reportsSent() - before);
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

    /**
     * A connection to the FE that waits up to {@value #STATEMENT_TIMEOUT_MS} ms for an answer, for
     * the statements the benchmark times (the launcher's client gives up after 30 s): a slow
     * statement is a figure, not the end of the run.
     */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(MysqlProbe.jdbcUrl(FE_HOST, QUERY_PORT)
                .replace("socketTimeout=30000", "socketTimeout=" + STATEMENT_TIMEOUT_MS));
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
        System.out.flush();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
