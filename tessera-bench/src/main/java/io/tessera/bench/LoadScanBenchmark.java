package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loading and scanning the same rows in Tessera and in two baselines, in one run: 1M rows (by
 * default) of {@code (k BIGINT, g INT, s VARCHAR(20), v DOUBLE)} with {@code g} in 0..9, loaded into
 * Tessera by Stream Load (3 replicas, FE and 3 BEs on 127.1.72.x at {@code bin/tessera up}'s
 * settings), into MariaDB by {@code LOAD DATA LOCAL INFILE} (InnoDB, a private server on
 * 127.1.72.200) and into DuckDB (in this process, its JDBC driver, {@code read_csv}); then three
 * queries on each, every one run in warm-up batches of {@code runs} until its times are steady (see
 * {@link #WARM_UP}), then {@code runs} times more (the median counts):
 * {@code count(*), sum(v)}, a GROUP BY over {@code g}, and a filtered count. The answers must agree.
 * Ratios are the other system's time over Tessera's (above 1: Tessera is faster). Writes a chart
 * and ends with {@code RESULT load-scan load_vs_mariadb=... q1_vs_mariadb=... q1_vs_duckdb=...}.
 * Every process it started is stopped and its folders removed, also on Ctrl-C ({@link BenchCleanup}).
 *
 * <p>Run: {@code bin/tessera bench load-scan [rows] [--runs N] [--chart file.svg] [--tessera-only]
 * [--jvm "options"]}: {@code --tessera-only} measures Tessera alone (no baselines, no chart), and
 * {@code --jvm} adds JVM options to every Tessera node (say {@code -XX:StartFlightRecording=...} to
 * profile them).
 *
 * <p>Threading: the main thread.
 */
public final class LoadScanBenchmark {
    /**
     * Warm-up batches until two batch medians in a row are within 10% (at least 3 batches, at most
     * 60): the same rule for Tessera, MariaDB and DuckDB.
     */
    private static final SteadyState WARM_UP = new SteadyState(10, 2, 3, 60);
    private static final String HOST_PREFIX = "127.1.72";
    private static final String MARIADB_HOST = "127.1.72.200";
    private static final int MARIADB_PORT = 3306;
    private static final String COLUMNS = "(k BIGINT, g INT, s VARCHAR(20), v DOUBLE)";
    private static final Map<String, String> QUERIES = queries();

    private LoadScanBenchmark() {
    }

    private static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("q1", "SELECT count(*), sum(v) FROM t");
        queries.put("q2", "SELECT g, count(*), sum(v) FROM t GROUP BY g ORDER BY g");
        queries.put("q3", "SELECT count(*) FROM t WHERE g = 3 AND v > 500");
        return queries;
    }

    /** What one system did: its load time, and per query its median time and its answer. */
    private record Measured(double loadSeconds, Map<String, Double> querySeconds, Map<String, List<List<String>>> answers,
                            double loadCpuSeconds, Map<String, Double> queryCpuSeconds) {
    }

    /** CPU seconds used so far by a system's processes; {@link #NONE} where they are not measured. */
    private interface CpuMeter {
        CpuMeter NONE = () -> Double.NaN;

        double cpuSeconds();
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        int runs = 5;
        Path chart = Path.of(System.getProperty("tessera.home", "."), "docs", "charts", "load-scan.svg");
        boolean tesseraOnly = false;
        String extraJvm = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--tessera-only" -> tesseraOnly = true;
                case "--jvm" -> extraJvm = args[++i];
                case "--chart" -> chart = Path.of(args[++i]);
                default -> rows = Long.parseLong(args[i]);
            }
        }
        Measured tessera;
        Measured mariadb;
        Measured duckdb;
        try (BenchCleanup cleanup = new BenchCleanup("load-scan")) {
            Path dir = cleanup.addFolder(Files.createTempDirectory("tessera-bench-load-scan-"));
            Path csv = dir.resolve("rows.csv");
            writeRows(csv, rows);
            System.out.printf(Locale.ROOT, "%,d rows, %,d MB of CSV%n", rows, Files.size(csv) >> 20);
            System.out.println("Tessera (Stream Load, 3 replicas) ...");
            tessera = tessera(cleanup, csv, runs, extraJvm);
            if (tesseraOnly) {
                printTesseraOnly(rows, tessera);
                return;
            }
            System.out.println("MariaDB (LOAD DATA LOCAL INFILE, InnoDB) ...");
            mariadb = mariadb(cleanup, dir, csv, runs);
            System.out.println("DuckDB (in process, read_csv) ...");
            duckdb = duckdb(csv, runs);
        }
        for (String query : QUERIES.keySet()) {
            if (!agree(tessera.answers().get(query), mariadb.answers().get(query))
                    || !agree(tessera.answers().get(query), duckdb.answers().get(query))) {
                throw new IllegalStateException("the answers to " + query + " differ: Tessera "
                        + tessera.answers().get(query) + ", MariaDB " + mariadb.answers().get(query) + ", DuckDB "
                        + duckdb.answers().get(query));
            }
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("load_vs_mariadb", mariadb.loadSeconds() / tessera.loadSeconds());
        ratios.put("load_vs_duckdb", duckdb.loadSeconds() / tessera.loadSeconds());
        System.out.println();
        System.out.println("| step | Tessera s | MariaDB s | DuckDB s | MariaDB ÷ Tessera | DuckDB ÷ Tessera |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| load %,d rows | %.2f | %.2f | %.2f | %.2f | %.2f |%n", rows,
                tessera.loadSeconds(), mariadb.loadSeconds(), duckdb.loadSeconds(), ratios.get("load_vs_mariadb"),
                ratios.get("load_vs_duckdb"));
        for (Map.Entry<String, String> query : QUERIES.entrySet()) {
            String key = query.getKey();
            double vsMariadb = mariadb.querySeconds().get(key) / tessera.querySeconds().get(key);
            double vsDuckdb = duckdb.querySeconds().get(key) / tessera.querySeconds().get(key);
            ratios.put(key + "_vs_mariadb", vsMariadb);
            ratios.put(key + "_vs_duckdb", vsDuckdb);
            System.out.printf(Locale.ROOT, "| %s `%s` | %.4f | %.4f | %.4f | %.2f | %.2f |%n", key, query.getValue(),
                    tessera.querySeconds().get(key), mariadb.querySeconds().get(key), duckdb.querySeconds().get(key),
                    vsMariadb, vsDuckdb);
        }
        printCpu(tessera);
        writeChart(chart, ratios);
        System.out.println("chart: " + chart);
        StringBuilder result = new StringBuilder("RESULT load-scan");
        ratios.forEach((key, ratio) -> result.append(' ').append(key).append('=')
                .append(String.format(Locale.ROOT, "%.2f", ratio)));
        System.out.println(result);
    }

    /** {@code --tessera-only}: Tessera's times alone, no baselines and no ratios (for profiling). */
    private static void printTesseraOnly(long rows, Measured tessera) {
        System.out.printf(Locale.ROOT, "Tessera: load %,d rows %.2f s%n", rows, tessera.loadSeconds());
        for (Map.Entry<String, String> query : QUERIES.entrySet()) {
            System.out.printf(Locale.ROOT, "Tessera: %s `%s` %.4f s %s%n", query.getKey(), query.getValue(),
                    tessera.querySeconds().get(query.getKey()), tessera.answers().get(query.getKey()));
        }
        printCpu(tessera);
    }

    /**
     * CPU time the FE and BE processes used (user + system, from /proc): a measure the other
     * workers on a shared machine disturb far less than wall-clock time.
     */
    private static void printCpu(Measured tessera) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Tessera CPU (FE + BEs): load %.2f s",
                tessera.loadCpuSeconds()));
        tessera.queryCpuSeconds().forEach((query, seconds) -> line.append(String.format(Locale.ROOT,
                ", %s %.1f ms per run", query, seconds * 1000)));
        System.out.println(line);
    }

    private static Measured tessera(BenchCleanup cleanup, Path csv, int runs, String extraJvm) throws Exception {
        BenchCluster cluster = cleanup.add(BenchCluster.start("load-scan", HOST_PREFIX, Map.of(), 3, extraJvm));
        try {
            String host = cluster.layout().frontendHost();
            try (FrontendClient client = new FrontendClient(host, ClusterLayout.QUERY_PORT)) {
                client.execute("CREATE DATABASE bench");
                client.execute("CREATE TABLE bench.t " + COLUMNS + " DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 6 "
                        + "PROPERTIES ('replication_num' = '3')");
            }
            CpuMeter cpu = () -> ProcessCpu.secondsOfProcessesNaming(cluster.dir());
            double cpuBefore = cpu.cpuSeconds();
            long startNs = System.nanoTime();
            StreamLoadBenchmark.streamLoad("http://" + host + ":8030/api/bench/t/_stream_load", csv, "load_scan");
            double loadSeconds = (System.nanoTime() - startNs) / 1e9;
            double loadCpuSeconds = cpu.cpuSeconds() - cpuBefore;
            try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + host + ":"
                    + ClusterLayout.QUERY_PORT + "/bench?user=root&password=&socketTimeout=600000")) {
                return queries(connection, loadSeconds, runs, loadCpuSeconds, cpu);
            }
        } finally {
            cleanup.closeNow(cluster);
        }
    }

    private static Measured mariadb(BenchCleanup cleanup, Path dir, Path csv, int runs) throws Exception {
        MariaDbServer server = cleanup.add(MariaDbServer.start(Files.createDirectories(dir.resolve("mariadb")),
                MARIADB_HOST, MARIADB_PORT));
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + MARIADB_HOST + ":" + MARIADB_PORT
                        + "/?user=root&password=&allowLoadLocalInfile=true&socketTimeout=600000")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE bench");
                statement.execute("USE bench");
                statement.execute("CREATE TABLE t " + COLUMNS + " ENGINE=InnoDB");
                long startNs = System.nanoTime();
                statement.execute("LOAD DATA LOCAL INFILE '" + csv + "' INTO TABLE t FIELDS TERMINATED BY ','");
                double loadSeconds = (System.nanoTime() - startNs) / 1e9;
                return queries(connection, loadSeconds, runs, Double.NaN, CpuMeter.NONE);
            }
        } finally {
            cleanup.closeNow(server);
        }
    }

    private static Measured duckdb(Path csv, int runs) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t " + COLUMNS);
            long startNs = System.nanoTime();
            statement.execute("INSERT INTO t SELECT * FROM read_csv('" + csv + "', header = false, columns = "
                    + "{'k': 'BIGINT', 'g': 'INTEGER', 's': 'VARCHAR', 'v': 'DOUBLE'})");
            double loadSeconds = (System.nanoTime() - startNs) / 1e9;
            return queries(connection, loadSeconds, runs, Double.NaN, CpuMeter.NONE);
        }
    }

    private static Measured queries(Connection connection, double loadSeconds, int runs, double loadCpuSeconds,
                                    CpuMeter cpu) throws SQLException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        Map<String, List<List<String>>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : QUERIES.entrySet()) {
            answers.put(query.getKey(), run(connection, query.getValue()));
            int batches = warmUp(connection, query.getValue(), runs);
            System.out.printf(Locale.ROOT, "  %s: steady after %d warm-up batch(es) of %d%n", query.getKey(), batches,
                    runs);
            double cpuBefore = cpu.cpuSeconds();
            double median = medianOf(connection, query.getValue(), runs);
            cpuSeconds.put(query.getKey(), (cpu.cpuSeconds() - cpuBefore) / runs);
            seconds.put(query.getKey(), median);
        }
        return new Measured(loadSeconds, seconds, answers, loadCpuSeconds, cpuSeconds);
    }

    /** Runs the query in batches of {@code runs} until {@link #WARM_UP} finds it steady; returns the batches. */
    private static int warmUp(Connection connection, String sql, int runs) throws SQLException {
        try {
            return WARM_UP.warmUp(() -> medianOf(connection, sql, runs));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The median time of {@code runs} runs of the query, in seconds. */
    private static double medianOf(Connection connection, String sql, int runs) throws SQLException {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long startNs = System.nanoTime();
            run(connection, sql);
            times[i] = (System.nanoTime() - startNs) / 1e9;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static List<List<String>> run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Same rows, numbers equal to 6 significant digits (sums of doubles differ in their last bits). */
    private static boolean agree(List<List<String>> left, List<List<String>> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int r = 0; r < left.size(); r++) {
            List<String> a = left.get(r);
            List<String> b = right.get(r);
            if (a.size() != b.size()) {
                return false;
            }
            for (int c = 0; c < a.size(); c++) {
                double x = Double.parseDouble(a.get(c));
                double y = Double.parseDouble(b.get(c));
                if (Math.abs(x - y) > 1e-6 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** k = 0..rows-1, g = k mod 10, s a short text, v = (k * 7919 mod 1000) + 0.25. */
    private static void writeRows(Path csv, long rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            for (long k = 0; k < rows; k++) {
                out.append(Long.toString(k)).append(',').append(Long.toString(k % 10)).append(",text-")
                        .append(Long.toString(k % 1000)).append(',').append(Long.toString(k * 7919 % 1000))
                        .append(".25\n");
            }
        }
    }

    private static void writeChart(Path file, Map<String, Double> ratios) throws IOException {
        List<SvgBarChart.Group> groups = new ArrayList<>();
        groups.add(new SvgBarChart.Group("load", List.of(ratios.get("load_vs_mariadb"), ratios.get("load_vs_duckdb"))));
        for (String query : QUERIES.keySet()) {
            groups.add(new SvgBarChart.Group(query, List.of(ratios.get(query + "_vs_mariadb"),
                    ratios.get(query + "_vs_duckdb"))));
        }
        new SvgBarChart("1M rows: the other system's time ÷ Tessera's (above 1: Tessera faster)", "speed-up",
                List.of("vs MariaDB (InnoDB)", "vs DuckDB (in process)"), groups,
                List.of(new SvgBarChart.Target("load target 1.0", 1.0), new SvgBarChart.Target("query target 5", 5.0)))
                .write(file);
    }

}
