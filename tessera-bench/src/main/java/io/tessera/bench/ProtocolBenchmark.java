package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MySQL protocol against MariaDB's: Debian's {@code mariadb-slap} sends {@code SELECT 1} at 1,
 * 16 and 64 connections to a Tessera FE at its default settings (127.1.70.1, no backends: the
 * statement needs none) and to a MariaDB server the benchmark starts on 127.1.70.200 (the
 * baseline, same run, same client). Each concurrency is measured on a freshly started server: cold
 * is its first 2,000 statements, warm a run of {@code warmQueries} once warm-up runs of as many
 * show the server's steady state (see {@link #coldAndWarm}).
 * Prints seconds and queries per second of each, the ratios Tessera ÷ MariaDB (throughput), writes
 * a chart and ends with {@code RESULT protocol cold_c1=... warm_c1=... ...}. Every process it
 * started is stopped and its folders removed, also on Ctrl-C ({@link BenchCleanup}).
 *
 * <p>Run: {@code bin/tessera bench protocol [warmQueries] [--chart file.svg]}.
 *
 * <p>Threading: the main thread.
 */
public final class ProtocolBenchmark {
    private static final String HOST_PREFIX = "127.1.70";
    private static final String MARIADB_HOST = "127.1.70.200";
    private static final int MARIADB_PORT = 3306;
    private static final int[] CONCURRENCY = {1, 16, 64};
    private static final int COLD_QUERIES = 2_000;
    private static final int DEFAULT_WARM_QUERIES = 20_000;
    /** Two warm-up runs in a row within 5% of each other's throughput, at most 15 runs. */
    private static final SteadyState WARM_UP = new SteadyState(5, 1, 2, 15);
    private static final Pattern AVERAGE = Pattern.compile("Average number of seconds to run all queries: ([0-9.]+)");

    /** One measurement: how long mariadb-slap took for so many queries. */
    record Run(int queries, double seconds) {
        double queriesPerSecond() {
            return queries / seconds;
        }
    }

    private ProtocolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmQueries = DEFAULT_WARM_QUERIES;
        Path chart = Path.of(System.getProperty("tessera.home", "."), "docs", "charts", "protocol.svg");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--chart") && i + 1 < args.length) {
                chart = Path.of(args[++i]);
            } else {
                warmQueries = Integer.parseInt(args[i]);
            }
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        try (BenchCleanup cleanup = new BenchCleanup("protocol")) {
            Path dir = cleanup.addFolder(Files.createTempDirectory("tessera-bench-protocol-"));
            System.out.println("starting MariaDB on " + MARIADB_HOST + ":" + MARIADB_PORT + " ...");
            MariaDbServer mariadb = cleanup.add(MariaDbServer.start(dir, MARIADB_HOST, MARIADB_PORT));
            for (int concurrency : CONCURRENCY) {
                System.out.printf(Locale.ROOT, "%d connection(s): Tessera ...%n", concurrency);
                BenchCluster frontend = cleanup.add(BenchCluster.start("protocol", HOST_PREFIX, Map.of(), 0));
                Run[] tessera = coldAndWarm(frontend.layout().frontendHost(), ClusterLayout.QUERY_PORT, concurrency,
                        warmQueries);
                cleanup.closeNow(frontend);
                System.out.printf(Locale.ROOT, "%d connection(s): MariaDB ...%n", concurrency);
                mariadb.restart();
                Run[] baseline = coldAndWarm(mariadb.host(), mariadb.port(), concurrency, warmQueries);
                String[] phases = {"cold", "warm"};
                for (int phase = 0; phase < 2; phase++) {
                    double ratio = tessera[phase].queriesPerSecond() / baseline[phase].queriesPerSecond();
                    ratios.put(phases[phase] + "_c" + concurrency, ratio);
                    lines.add(String.format(Locale.ROOT, "| %d | %s | %,d | %.3f | %,.0f | %.3f | %,.0f | %.2f |",
                            concurrency, phases[phase], tessera[phase].queries(), tessera[phase].seconds(),
                            tessera[phase].queriesPerSecond(), baseline[phase].seconds(),
                            baseline[phase].queriesPerSecond(), ratio));
                }
            }
        }
        System.out.println();
        System.out.println("| connections | phase | queries | Tessera s | Tessera q/s | MariaDB s | MariaDB q/s | Tessera ÷ MariaDB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        lines.forEach(System.out::println);
        writeChart(chart, ratios);
        System.out.println("chart: " + chart);
        StringBuilder result = new StringBuilder("RESULT protocol");
        ratios.forEach((key, ratio) -> result.append(' ').append(key).append('=')
                .append(String.format(Locale.ROOT, "%.2f", ratio)));
        System.out.println(result);
    }

    /**
     * The first 2,000 statements, then warm-up runs of {@code warmQueries} until the server is in
     * its steady state ({@link #WARM_UP}: two runs in a row within 5% of each other's throughput,
     * at most 15 runs), then the measured run. The same rule
     * for both servers: MariaDB is steady after one run; a JVM's compilers need more statements
     * the busier its cores are (at 16 connections Tessera was still getting faster after 150,000).
     */
    private static Run[] coldAndWarm(String host, int port, int concurrency, int warmQueries)
            throws IOException, InterruptedException {
        Run cold = slap(host, port, concurrency, COLD_QUERIES);
        int runs;
        try {
            runs = WARM_UP.warmUp(() -> slap(host, port, concurrency, warmQueries).queriesPerSecond());
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        System.out.printf(Locale.ROOT, "  %s:%d steady after %d warm-up run(s) of %,d%n", host, port, runs,
                warmQueries);
        Run warm = slap(host, port, concurrency, warmQueries);
        return new Run[] {cold, warm};
    }

    static Run slap(String host, int port, int concurrency, int queries) throws IOException, InterruptedException {
        List<String> command = List.of("mariadb-slap", "-h" + host, "-P" + port, "-uroot",
                "--create-schema=information_schema", "--query=SELECT 1", "--concurrency=" + concurrency,
                "--number-of-queries=" + queries, "--iterations=1");
        Path log = Files.createTempFile("tessera-bench-slap-", ".log");
        String output;
        try {
            Process slap = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!slap.waitFor(600, TimeUnit.SECONDS)) {
                slap.destroyForcibly();
                throw new IllegalStateException("mariadb-slap against " + host + ":" + port + " ran past 600 s");
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
            if (slap.exitValue() != 0) {
                throw new IllegalStateException("mariadb-slap failed against " + host + ":" + port + ": " + output);
            }
        } finally {
            Files.deleteIfExists(log);
        }
        Matcher average = AVERAGE.matcher(output);
        if (!average.find() || output.contains("Error")) {
            throw new IllegalStateException("mariadb-slap against " + host + ":" + port + " said: " + output);
        }
        return new Run(queries, Double.parseDouble(average.group(1)));
    }


    private static void writeChart(Path file, Map<String, Double> ratios) throws IOException {
        List<SvgBarChart.Group> groups = new ArrayList<>();
        for (int concurrency : CONCURRENCY) {
            groups.add(new SvgBarChart.Group(concurrency + " connection" + (concurrency == 1 ? "" : "s"),
                    List.of(ratios.get("cold_c" + concurrency), ratios.get("warm_c" + concurrency))));
        }
        new SvgBarChart("SELECT 1 with mariadb-slap: Tessera ÷ MariaDB throughput", "Tessera ÷ MariaDB",
                List.of("cold (first 2,000)", "warm"), groups,
                List.of(new SvgBarChart.Target("cold target 0.8", 0.8), new SvgBarChart.Target("warm target 1.0", 1.0)))
                .write(file);
    }

}
