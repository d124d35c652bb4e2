package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stream Load throughput on a real 3-BE local cluster, driven by the real {@code curl} as an operator
 * runs it ({@code curl --location-trusted -u root: -H label:.. -H column_separator:, -T file
 * http://fe:8030/api/db/table/_stream_load}): rows/s and MB/s of a CSV of N rows into a replication-3
 * table and into a replication-1 table, against the baseline of the same rows loaded with
 * {@code INSERT INTO ... VALUES} statements of 20,000 rows into a replication-3 table, in the same
 * run. Every load is checked with {@code count(*)} and {@code sum(k)}. A 100,000-row Stream Load and
 * a 100,000-row INSERT into throwaway tables first warm both JVMs.
 *
 * <p>Run: {@code bin/tessera bench stream-load [rows]} (default 1,000,000). Single-threaded: one
 * load at a time.
 */
public final class StreamLoadBenchmark {
    private static final String HOST_PREFIX = "127.0.51";
    private static final int ROWS_PER_INSERT = 20_000;
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\": (-?\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"Status\": \"([^\"]*)\"");

    private StreamLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (BenchCluster bench = BenchCluster.start("stream-load", HOST_PREFIX, Map.of())) {
            ClusterLayout layout = bench.layout();
            Path dir = bench.dir();
            Path csv = writeCsv(dir.resolve("rows.csv"), rows);
            Path warmCsv = writeCsv(dir.resolve("warm.csv"), Math.min(rows, 100_000));
            double megabytes = Files.size(csv) / 1e6;
            String url = "http://" + layout.frontendHost() + ":8030/api/bench/%s/_stream_load";
            try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
                client.execute("CREATE DATABASE bench");
                client.execute("USE bench");
                createTable(client, "warm_load", 3);
                streamLoad(String.format(url, "warm_load"), warmCsv, "warm");
                createTable(client, "warm_insert", 3);
                insert(client, "warm_insert", Math.min(rows, 100_000));
                System.out.printf(Locale.ROOT, "%d rows, CSV of %.1f MB (k BIGINT, g INT, s VARCHAR(20), v DOUBLE; "
                        + "HASH(k) BUCKETS 6)%n", rows, megabytes);
                createTable(client, "s3", 3);
                report("Stream Load, replication 3", streamLoad(String.format(url, "s3"), csv, "s3"), rows, megabytes);
                check(client, "s3", rows);
                createTable(client, "s1", 1);
                report("Stream Load, replication 1", streamLoad(String.format(url, "s1"), csv, "s1"), rows, megabytes);
                check(client, "s1", rows);
                createTable(client, "i3", 3);
                long insertNanos = insert(client, "i3", rows);
                check(client, "i3", rows);
                System.out.printf(Locale.ROOT, "  %-28s %9.0f ms  %9.0f rows/s  (baseline)%n",
                        "INSERT VALUES, replication 3", insertNanos / 1e6, rows / (insertNanos / 1e9));
            }
        }
    }

    /** A finished Stream Load: the client's wall time and the reply. */
    record LoadRun(long wallNanos, String reply) {
        long field(String name) {
            Matcher matcher = NUMBER_FIELD.matcher(reply);
            while (matcher.find()) {
                if (matcher.group(1).equals(name)) {
                    return Long.parseLong(matcher.group(2));
                }
            }
            throw new IllegalStateException("no " + name + " in " + reply);
        }
    }

    /** Loads {@code file} with the real curl, as an operator would; fails unless the reply says Success. */
    static LoadRun streamLoad(String url, Path file, String label) throws IOException, InterruptedException {
        List<String> command = List.of("curl", "-sS", "-m", "600", "--location-trusted", "-u", "root:",
                "-H", "label:" + label, "-H", "column_separator:,", "-T", file.toString(), url);
        long startNs = System.nanoTime();
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String reply = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!curl.waitFor(600, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new IllegalStateException("curl did not finish");
        }
        long wall = System.nanoTime() - startNs;
        Matcher status = STATUS.matcher(reply);
        if (!status.find() || !status.group(1).equals("Success")) {
            throw new IllegalStateException("the load failed: " + reply);
        }
        return new LoadRun(wall, reply);
    }

    private static void report(String name, LoadRun run, int rows, double megabytes) {
        double seconds = run.wallNanos() / 1e9;
        System.out.printf(Locale.ROOT, "  %-28s %9.0f ms  %9.0f rows/s  %6.1f MB/s  (LoadTimeMs %d: read %d, "
                        + "write %d, commit and publish %d)%n", name, run.wallNanos() / 1e6, rows / seconds,
                megabytes / seconds, run.field("LoadTimeMs"), run.field("ReadDataTimeMs"),
                run.field("WriteDataTimeMs"), run.field("CommitAndPublishTimeMs"));
    }

    private static void createTable(FrontendClient client, String table, int replicas) throws Exception {
        client.execute("CREATE TABLE " + table + " (k BIGINT, g INT, s VARCHAR(20), v DOUBLE) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 6 PROPERTIES ('replication_num' = '" + replicas + "')");
    }

    private static void check(FrontendClient client, String table, int rows) throws Exception {
        Map<String, String> row = client.rows("SELECT count(*) AS n, sum(k) AS s FROM " + table).get(0);
        String expected = Long.toString((long) rows * (rows - 1) / 2);
        if (!row.get("n").equals(Integer.toString(rows)) || !row.get("s").equals(expected)) {
            throw new IllegalStateException(table + " holds " + row + ", expected " + rows + " rows summing to "
                    + expected);
        }
    }

    private static long insert(FrontendClient client, String table, int rows) throws Exception {
        long startNs = System.nanoTime();
        for (int start = 0; start < rows; start += ROWS_PER_INSERT) {
            StringBuilder sql = new StringBuilder(ROWS_PER_INSERT * 40).append("INSERT INTO ").append(table)
                    .append(" VALUES ");
            for (int i = start; i < Math.min(rows, start + ROWS_PER_INSERT); i++) {
                if (i > start) {
                    sql.append(',');
                }
                sql.append('(').append(i).append(',').append(i % 1000).append(",'name-").append(i % 5000)
                        .append("',").append(i % 100).append(".5)");
            }
            client.execute(sql.toString());
        }
        return System.nanoTime() - startNs;
    }

    private static Path writeCsv(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                out.write(i + "," + (i % 1000) + ",name-" + (i % 5000) + "," + (i % 100) + ".5\n");
            }
        }
        return file;
    }
}
