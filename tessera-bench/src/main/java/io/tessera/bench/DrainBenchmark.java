package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.NodeLauncher;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decommission drain throughput against a plain copy of the same replica files, in the same run
 * (issue 11). Starts a real cluster (FE and BE A on 127.1.61.1, storage in a temporary folder on
 * the local disk), creates a replication-1 table of {@value #BUCKETS} buckets while A is the only
 * backend (so every replica is on A), and Stream Loads generated CSV (random, poorly compressible
 * strings and numbers) in batches of at most {@value #MAX_BATCH_MB} MB until A's replica files
 * reach the requested size. {@code disable_balance} is set (fe.conf and ADMIN SET FRONTEND CONFIG)
 * before BE B (127.1.61.2) is added, so nothing moves until the drain; automatic compaction is off
 * on the BEs, so the files do not change between the two measurements.
 *
 * <p>Then, after one {@code sync} (page cache left as it is: both measurements read source files
 * the load has just written):
 * <ol>
 *   <li>baseline: A's replica folders ({@code data/<tablet>_<replica>}) split into
 *       {@value #STREAMS} groups of about equal bytes, copied by {@value #STREAMS} concurrent
 *       {@code cp -r} into a fresh folder on the same filesystem, each followed by {@code sync} of
 *       every copied file and folder (a clone fsyncs each file and its folder); timed from start
 *       until the last stream's sync returned; the copy is then removed and {@code sync} run again;</li>
 *   <li>drain: {@code ALTER SYSTEM DECOMMISSION BACKEND "<A>"}, timed until SHOW BACKENDS shows A
 *       with TabletNum 0 (every replica cloned to B and the source replicas removed), and until A
 *       is gone from SHOW BACKENDS (the FE's 10 s completion check); {@code count(*)} must be
 *       unchanged.</li>
 * </ol>
 * Between the two, a second baseline: {@link TransportCeiling}, the same bytes through as many
 * gRPC streams from memory, without disk or Tessera code, what the transport alone carries here.
 * The profile of the drain is read from the FE log ({@code cloning ...}, {@code installed ... in
 * N ms}, {@code removed}). Figures are printed and written to {@code target/drain-benchmark.txt};
 * the FE's and BEs' logs are copied to {@code target/drain-logs/}.
 *
 * <p>Run: {@code bin/tessera bench drain [gigabytes] [--conf key=value]...} (default 2 GB; a fraction
 * for a small run; {@code --conf} adds a line to every node's config, e.g.
 * {@code --conf tablet_schedule_interval_ms=100}).
 */
public final class DrainBenchmark {
    private static final String HOST_PREFIX = "127.1.61";
    private static final int BUCKETS = 16;
    /** Concurrent copy streams of the baseline: the scheduler's default slots per backend. */
    private static final int STREAMS = 4;
    private static final int MAX_BATCH_MB = 256;
    /** The chunk size a clone asks its source for (RowsetFetcher.CHUNK_BYTES). */
    private static final int CHUNK_BYTES = 256 << 10;
    private static final int STRING_CHARS = 96;
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
    private static final Pattern CLONING = Pattern.compile("tablet (\\d+): cloning replica \\d+ from backend (\\d+) "
            + "to backend \\d+ as replica \\d+ \\([^,]*, (\\d+) bytes\\)");
    private static final Pattern INSTALLED = Pattern.compile("tablet (\\d+): replica \\d+ installed on backend \\d+ .* "
            + "in (\\d+) ms");
    private static final Pattern REMOVED = Pattern.compile("tablet (\\d+): replica \\d+ on backend (\\d+) removed");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private DrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double gigabytes = 2.0;
        Map<String, String> conf = new java.util.TreeMap<>(Map.of("disable_balance", "true",
                "disable_auto_compaction", "true"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--conf") && i + 1 < args.length && args[i + 1].contains("=")) {
                String[] pair = args[++i].split("=", 2);
                conf.put(pair[0], pair[1]);
            } else if (i == 0 && args[i].matches("[0-9.]+")) {
                gigabytes = Double.parseDouble(args[i]);
            } else {
                throw new IllegalArgumentException("usage: drain [gigabytes] [--conf key=value]...");
            }
        }
        long targetBytes = (long) (gigabytes * 1e9);
        System.out.println("bin/tessera bench drain " + gigabytes + "; config of every node: " + conf);
        try (BenchCluster bench = BenchCluster.start("drain", HOST_PREFIX, conf, 1)) {
            ClusterLayout layout = bench.layout();
            Path data = layout.backend(0, Map.of()).home().resolve("storage").resolve("data");
            try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
                String backendA = backendId(client, layout.backendHost(0)).orElseThrow();
                client.execute("CREATE DATABASE bench");
                client.execute("USE bench");
                client.execute("CREATE TABLE t (k BIGINT, v BIGINT, s VARCHAR(128)) DUPLICATE KEY(k) "
                        + "DISTRIBUTED BY HASH(k) BUCKETS " + BUCKETS + " PROPERTIES ('replication_num' = '1')");
                long rows = load(bench.dir(), layout, data, targetBytes);
                client.execute("ADMIN SET FRONTEND CONFIG (\"disable_balance\" = \"true\")");
                bench.addBackends(2);
                String backendB = backendId(client, layout.backendHost(1)).orElseThrow();
                checkCount(client, rows);
                List<Path> replicas = replicaFolders(data);
                long bytes = bytesUnder(data);
                Map<String, String> rowA = backendId(client, layout.backendHost(0)).flatMap(id -> row(client, id))
                        .orElseThrow();
                System.out.printf(Locale.ROOT, "%d rows in %d replicas on backend %s (%s): %d bytes of replica "
                                + "files (%.1f MB; SHOW BACKENDS DataUsedCapacity %s); backend %s (%s) added, empty%n",
                        rows, replicas.size(), backendA, layout.backendHost(0), bytes, bytes / 1e6,
                        rowA.get("DataUsedCapacity"), backendB, layout.backendHost(1));

                sync();
                double childrenBefore = childrenCpuSeconds();
                long machineBefore = machineTicks();
                double copySeconds = copy(replicas, bench.dir().resolve("copy"));
                double copyCpu = childrenCpuSeconds() - childrenBefore;
                double copyMachine = (machineTicks() - machineBefore) / 100.0;
                sync();
                System.out.printf(Locale.ROOT, "baseline, %d x cp -r + sync: %.2f s, %.1f MB/s (CPU of the copy "
                                + "processes %.2f s; the whole machine %.2f s busy)%n", STREAMS, copySeconds,
                        bytes / 1e6 / copySeconds, copyCpu, copyMachine);

                double transportSeconds = TransportCeiling.measure(HOST_PREFIX + ".3", STREAMS, bytes / STREAMS,
                        CHUNK_BYTES);
                System.out.printf(Locale.ROOT, "transport alone, %d gRPC streams of %d KiB chunks from memory, no "
                                + "disk (one JVM): %.2f s, %.1f MB/s%n", STREAMS, CHUNK_BYTES >> 10, transportSeconds,
                        bytes / 1e6 / transportSeconds);

                Path feLog = layout.frontend(Map.of()).logFile();
                long logOffset = Files.size(feLog);
                List<ProcessHandle> backends = List.of(
                        NodeLauncher.running(layout.backend(0, Map.of())).orElseThrow(),
                        NodeLauncher.running(layout.backend(1, Map.of())).orElseThrow());
                double[] cpuBefore = backends.stream().mapToDouble(DrainBenchmark::cpuSeconds).toArray();
                List<double[]> gcBefore = backends.stream().map(DrainBenchmark::gc).toList();
                long stealBefore = machineTicks();
                Drain drain = drain(client, backendA, bytes);
                double[] cpu = new double[2];
                for (int i = 0; i < 2; i++) {
                    cpu[i] = cpuSeconds(backends.get(i)) - cpuBefore[i];
                }
                double machineBusy = (machineTicks() - stealBefore) / 100.0;
                StringBuilder gcText = new StringBuilder();
                for (int i = 0; i < 2; i++) {
                    double[] now = gc(backends.get(i));
                    double[] was = gcBefore.get(i);
                    gcText.append(String.format(Locale.ROOT, "%s %.0f young / %.0f concurrent-cycle collections, "
                            + "%.2f s of GC time; ", i == 0 ? "BE A" : "BE B", now[0] - was[0], now[1] - was[1],
                            now[2] - was[2]));
                }
                checkCount(client, rows);
                double drainMbps = bytes / 1e6 / drain.emptySeconds();
                double copyMbps = bytes / 1e6 / copySeconds;
                System.out.printf(Locale.ROOT, "drain: TabletNum 0 after %.2f s (%.1f MB/s), gone from SHOW BACKENDS "
                        + "after %.2f s; count(*) unchanged%n", drain.emptySeconds(), drainMbps, drain.goneSeconds());
                String profile = String.format(Locale.ROOT, "CPU during the drain (until gone): BE A %.2f s, "
                        + "BE B %.2f s, the whole machine %.2f s busy of %.2f s x %d cores%n", cpu[0], cpu[1],
                        machineBusy, drain.goneSeconds(), Runtime.getRuntime().availableProcessors())
                        + "GC during the drain (jstat): " + gcText + "\n"
                        + profile(feLog, logOffset, backendA);
                System.out.print(profile);
                double transportMbps = bytes / 1e6 / transportSeconds;
                String summary = String.format(Locale.ROOT, "| %.1f MB in %d replicas | %.2f s, %.1f MB/s | "
                                + "%.2f s, %.1f MB/s | %.2f s, %.1f MB/s | %.2f | %.2f | %.2f s |%n", bytes / 1e6,
                        replicas.size(), copySeconds, copyMbps, transportSeconds, transportMbps, drain.emptySeconds(),
                        drainMbps, drainMbps / copyMbps, drainMbps / transportMbps, drain.goneSeconds());
                System.out.println("| replica bytes | baseline (" + STREAMS + " x cp -r + sync) | transport alone "
                        + "| drain to TabletNum 0 | drain / copy | drain / transport "
                        + "| DECOMMISSION to gone from SHOW BACKENDS |");
                System.out.println("|---|---|---|---|---|---|---|");
                System.out.print(summary);
                Path out = Path.of(System.getProperty("tessera.home", ".")).resolve("target")
                        .resolve("drain-benchmark.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, "bin/tessera bench drain " + gigabytes + " " + conf + " at "
                        + LocalDateTime.now() + "\n"
                        + summary + profile, StandardCharsets.UTF_8);
                Path logs = out.resolveSibling("drain-logs");
                Files.createDirectories(logs);
                for (var spec : List.of(layout.frontend(Map.of()), layout.backend(0, Map.of()),
                        layout.backend(1, Map.of()))) {
                    Files.copy(spec.logFile(), logs.resolve(spec.name() + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                System.out.println("written to " + out + "; logs in " + logs);
                Path chart = Path.of(System.getProperty("tessera.home", "."), "docs", "charts", "drain.svg");
                new SvgBarChart("DECOMMISSION drain against a plain copy of the same replica files", "MB/s",
                        List.of("MB/s"), List.of(
                                new SvgBarChart.Group(STREAMS + " x cp -r + sync", List.of(copyMbps)),
                                new SvgBarChart.Group("gRPC transport alone", List.of(transportMbps)),
                                new SvgBarChart.Group("drain to TabletNum 0", List.of(drainMbps))),
                        List.of(new SvgBarChart.Target("0.8 x copy (target)", 0.8 * copyMbps))).write(chart);
                System.out.println("chart: " + chart);
                System.out.printf(Locale.ROOT, "RESULT drain ratio=%.2f drain_mbps=%.1f copy_mbps=%.1f "
                        + "transport_mbps=%.1f gone_s=%.2f%n", drainMbps / copyMbps, drainMbps, copyMbps,
                        transportMbps, drain.goneSeconds());
            }
        }
    }

    /** Stream Loads batches of generated CSV until the replica files under {@code data} reach the target. */
    private static long load(Path dir, ClusterLayout layout, Path data, long targetBytes) throws Exception {
        String url = "http://" + layout.frontendHost() + ":8030/api/bench/t/_stream_load";
        Path csv = dir.resolve("batch.csv");
        SplittableRandom random = new SplittableRandom(11);
        long rows = 0;
        double diskPerCsvByte = 0.8;
        long loadStartNs = System.nanoTime();
        long csvTotal = 0;
        for (int batch = 0; bytesUnder(data) < targetBytes; batch++) {
            long missing = targetBytes - bytesUnder(data);
            long csvBytes = Math.max(1 << 20, Math.min((long) MAX_BATCH_MB << 20,
                    (long) (missing / diskPerCsvByte * 1.02)));
            long before = bytesUnder(data);
            long written = writeCsv(csv, rows, csvBytes, random);
            long batchRows = written;
            StreamLoadBenchmark.LoadRun run = StreamLoadBenchmark.streamLoad(url, csv, "drain_" + batch);
            rows += batchRows;
            csvTotal += Files.size(csv);
            long grown = bytesUnder(data) - before;
            diskPerCsvByte = Math.max(0.05, (double) grown / Files.size(csv));
            System.out.printf(Locale.ROOT, "load %d: %d rows, %.1f MB of CSV in %.1f s -> +%.1f MB of replica "
                            + "files (total %.1f MB)%n", batch, batchRows, Files.size(csv) / 1e6, run.wallNanos() / 1e9,
                    grown / 1e6, bytesUnder(data) / 1e6);
        }
        Files.deleteIfExists(csv);
        System.out.printf(Locale.ROOT, "loaded %.1f MB of CSV in %.1f s%n", csvTotal / 1e6,
                (System.nanoTime() - loadStartNs) / 1e9);
        return rows;
    }

    /** Writes rows {@code k,v,s} (k from {@code firstKey}, v and s random) up to about {@code bytes}; returns the rows. */
    private static long writeCsv(Path file, long firstKey, long bytes, SplittableRandom random) throws IOException {
        long rows = 0;
        long written = 0;
        byte[] line = new byte[64 + STRING_CHARS];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                int at = 0;
                byte[] key = Long.toString(firstKey + rows).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(key, 0, line, at, key.length);
                at += key.length;
                line[at++] = ',';
                byte[] value = Long.toString(random.nextLong()).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(value, 0, line, at, value.length);
                at += value.length;
                line[at++] = ',';
                for (int i = 0; i < STRING_CHARS; i += 10) {
                    long bits = random.nextLong();
                    for (int j = i; j < Math.min(STRING_CHARS, i + 10); j++) {
                        line[at++] = ALPHABET[(int) (bits & 63)];
                        bits >>>= 6;
                    }
                }
                line[at++] = '\n';
                out.write(line, 0, at);
                written += at;
                rows++;
            }
        }
        return rows;
    }

    /** The timed copy: {@value #STREAMS} concurrent {@code cp -r} of about equal bytes, each then synced. */
    private static double copy(List<Path> replicas, Path target) throws Exception {
        List<List<Path>> groups = new ArrayList<>();
        long[] groupBytes = new long[STREAMS];
        for (int i = 0; i < STREAMS; i++) {
            groups.add(new ArrayList<>());
        }
        List<Path> bySize = new ArrayList<>(replicas);
        Map<Path, Long> sizes = new HashMap<>();
        for (Path replica : replicas) {
            sizes.put(replica, bytesUnder(replica));
        }
        bySize.sort(Comparator.comparing((Path replica) -> sizes.get(replica)).reversed());
        for (Path replica : bySize) {
            int smallest = 0;
            for (int i = 1; i < STREAMS; i++) {
                if (groupBytes[i] < groupBytes[smallest]) {
                    smallest = i;
                }
            }
            groups.get(smallest).add(replica);
            groupBytes[smallest] += sizes.get(replica);
        }
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            Path folder = target.resolve("stream" + i);
            Files.createDirectories(folder);
            folders.add(folder);
        }
        sync();
        long startNs = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            if (groups.get(i).isEmpty()) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of("sh", "-c",
                    "cp -r -- \"$@\" \"$0\" && find \"$0\" -exec sync -- {} +", folders.get(i).toString()));
            groups.get(i).forEach(replica -> command.add(replica.toString()));
            processes.add(new ProcessBuilder(command).inheritIO().start());
        }
        for (Process process : processes) {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("a copy stream failed");
            }
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        if (bytesUnder(target) != replicas.stream().mapToLong(sizes::get).sum()) {
            throw new IllegalStateException("the copy holds " + bytesUnder(target) + " bytes");
        }
        BenchFiles.deleteTree(target);
        return seconds;
    }

    /** Seconds from DECOMMISSION until A's TabletNum is 0 and until A is gone from SHOW BACKENDS. */
    private record Drain(double emptySeconds, double goneSeconds) {
    }

    private static Drain drain(FrontendClient client, String backend, long bytes) throws Exception {
        long timeoutNs = TimeUnit.SECONDS.toNanos(Math.max(600, bytes / 1_000_000));
        long startNs = System.nanoTime();
        client.execute("ALTER SYSTEM DECOMMISSION BACKEND \"" + backend + "\"");
        double empty = -1;
        long nextProgressNs = startNs;
        while (true) {
            Optional<Map<String, String>> row = row(client, backend);
            double seconds = (System.nanoTime() - startNs) / 1e9;
            if (row.isEmpty()) {
                client.rows("SHOW DECOMMISSION ALL").stream().filter(job -> backend.equals(job.get("BackendId")))
                        .forEach(job -> System.out.println("  SHOW DECOMMISSION ALL: " + progress(job)));
                return new Drain(empty < 0 ? seconds : empty, seconds);
            }
            if (empty < 0 && System.nanoTime() >= nextProgressNs) {
                nextProgressNs += TimeUnit.SECONDS.toNanos(1);
                for (Map<String, String> job : client.rows("SHOW DECOMMISSION")) {
                    if (backend.equals(job.get("BackendId"))) {
                        System.out.printf(Locale.ROOT, "  %5.1f s SHOW DECOMMISSION: %s%n", seconds, progress(job));
                    }
                }
            }
            if (empty < 0 && "0".equals(row.get().get("TabletNum"))) {
                empty = seconds;
            }
            if (System.nanoTime() - startNs > timeoutNs) {
                throw new IllegalStateException("backend " + backend + " not drained after " + seconds + " s: "
                        + row.get());
            }
            Thread.sleep(100);
        }
    }

    /** The progress columns of a SHOW DECOMMISSION row, on one line. */
    private static String progress(Map<String, String> job) {
        StringBuilder line = new StringBuilder();
        for (String column : List.of("JobId", "State", "ReplicasTotal", "ReplicasMoved", "ReplicasLeft", "BytesTotal",
                "BytesMoved", "BytesLeft", "RateBytesPerSec", "EtaSeconds", "Blocked", "Warning")) {
            line.append(column).append('=').append(job.get(column)).append(' ');
        }
        return line.toString().trim();
    }

    /** What the FE log says about the drain since {@code offset}: clones, their times, and the gaps. */
    private static String profile(Path feLog, long offset, String backend) throws IOException {
        List<String> lines;
        try (var channel = Files.newByteChannel(feLog)) {
            channel.position(offset);
            lines = List.of(new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(),
                    StandardCharsets.UTF_8).split("\n"));
        }
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Long> cloneMs = new ArrayList<>();
        List<Long> removals = new ArrayList<>();
        Map<String, Long> startedAt = new HashMap<>();
        List<Long> queuedMs = new ArrayList<>();
        for (String line : lines) {
            Matcher time = LOG_TIME.matcher(line);
            if (!time.find()) {
                continue;
            }
            long atMs = LocalDateTime.parse(time.group(1), LOG_FORMAT).atZone(java.time.ZoneId.systemDefault())
                    .toInstant().toEpochMilli();
            Matcher cloning = CLONING.matcher(line);
            Matcher installed = INSTALLED.matcher(line);
            Matcher removed = REMOVED.matcher(line);
            if (cloning.find() && cloning.group(2).equals(backend)) {
                starts.add(atMs);
                startedAt.put(cloning.group(1), atMs);
            } else if (installed.find()) {
                ends.add(atMs);
                cloneMs.add(Long.parseLong(installed.group(2)));
            } else if (removed.find() && removed.group(2).equals(backend)) {
                removals.add(atMs);
            }
        }
        if (starts.isEmpty() || ends.isEmpty()) {
            return "profile: no clone lines in the FE log\n";
        }
        // How long a finished clone's slot stays idle: from an install to the next clone start.
        for (long end : ends) {
            starts.stream().filter(start -> start >= end).findFirst().ifPresent(next -> queuedMs.add(next - end));
        }
        long first = starts.get(0);
        long lastInstall = ends.stream().mapToLong(Long::longValue).max().orElse(first);
        long lastRemoval = removals.stream().mapToLong(Long::longValue).max().orElse(lastInstall);
        List<Long> sorted = cloneMs.stream().sorted().toList();
        long sum = cloneMs.stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "profile (FE log): %d clones started, %d installed, %d source replicas "
                        + "removed; clone time min %d / median %d / max %d ms, sum %.1f s; first start to last install "
                        + "%.2f s (mean clones in flight %.2f); install to the next clone start: mean %.0f ms over %d; "
                        + "last install to last removal %.2f s%n", starts.size(), ends.size(), removals.size(),
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sum / 1e3,
                (lastInstall - first) / 1e3, sum / (double) Math.max(1, lastInstall - first),
                queuedMs.stream().mapToLong(Long::longValue).average().orElse(0), queuedMs.size(),
                (lastRemoval - lastInstall) / 1e3);
    }

    private static Optional<String> backendId(FrontendClient client, String host) throws Exception {
        return client.showBackends().stream().filter(row -> host.equals(row.get("Host")))
                .map(row -> row.get("BackendId")).findFirst();
    }

    private static Optional<Map<String, String>> row(FrontendClient client, String backendId) {
        try {
            return client.showBackends().stream().filter(row -> backendId.equals(row.get("BackendId"))).findFirst();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkCount(FrontendClient client, long rows) throws Exception {
        String count = client.rows("SELECT count(*) AS n FROM t").get(0).get("n");
        if (!Long.toString(rows).equals(count)) {
            throw new IllegalStateException("the table holds " + count + " rows, expected " + rows);
        }
    }

    private static List<Path> replicaFolders(Path data) throws IOException {
        try (Stream<Path> children = Files.list(data)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static long bytesUnder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    /** User and system CPU seconds the process has used, from /proc (clock ticks of 10 ms). */
    private static double cpuSeconds(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** {young collections, concurrent cycles, total GC seconds} of a JVM, from {@code jstat -gcutil}; NaN if unknown. */
    private static double[] gc(ProcessHandle process) {
        double[] unknown = {Double.NaN, Double.NaN, Double.NaN};
        try {
            Process jstat = new ProcessBuilder("jstat", "-gcutil", Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            if (jstat.waitFor() != 0 || lines.size() < 2) {
                return unknown;
            }
            List<String> names = List.of(lines.get(0).trim().split("\\s+"));
            String[] values = lines.get(1).trim().split("\\s+");
            return new double[] {Double.parseDouble(values[names.indexOf("YGC")]),
                Double.parseDouble(values[names.indexOf("CGC")]), Double.parseDouble(values[names.indexOf("GCT")])};
        } catch (IOException | RuntimeException e) {
            return unknown;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown;
        }
    }

    /** CPU seconds of this JVM's finished children (the copy processes), from /proc/self/stat. */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Busy clock ticks of all cores together (user, nice, system, irq, softirq), from /proc/stat. */
    private static long machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                    + Long.parseLong(fields[6]) + Long.parseLong(fields[7]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sync() throws Exception {
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
    }
}
