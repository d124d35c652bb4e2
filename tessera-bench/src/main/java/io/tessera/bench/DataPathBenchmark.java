package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads and scans a table on a real 3-BE local cluster: INSERT rows/s at replication 3 against
 * replication 1 (the cost of writing three copies, same run), and scan rows/s of
 * {@code count(*), sum(v)} with the aggregation pushed to the backends against the same query
 * forced to aggregate on the FE (a filter the backends cannot evaluate), with the bytes the
 * backends returned for each, read from the FE's query log line. A 100,000-row load into a
 * throwaway table first warms both JVMs, so neither measured load pays for JIT compilation.
 *
 * <p>Run: {@code bin/tessera bench data-path [rows]} (default 1,000,000).
 */
public final class DataPathBenchmark {
    private static final String HOST_PREFIX = "127.0.46";
    private static final int ROWS_PER_INSERT = 20_000;

    private DataPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (BenchCluster bench = BenchCluster.start("data", HOST_PREFIX, Map.of())) {
            ClusterLayout layout = bench.layout();
            try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
                client.execute("CREATE DATABASE bench");
                client.execute("USE bench");
                load(client, "warm_up", 3, Math.min(rows, 100_000));
                double rep1 = load(client, "t1", 1, rows);
                double rep3 = load(client, "t3", 3, rows);
                System.out.printf(Locale.ROOT, "INSERT, %d rows in statements of %d rows:%n", rows, ROWS_PER_INSERT);
                System.out.printf(Locale.ROOT, "  replication 1: %.0f rows/s%n  replication 3: %.0f rows/s "
                        + "(%.2fx of replication 1)%n", rep1, rep3, rep3 / rep1);
                Path feLog = layout.frontend(Map.of()).logFile();
                scan(client, feLog, "pushed down", "SELECT count(*), sum(v) FROM t3", rows);
                scan(client, feLog, "on the FE", "SELECT count(*), sum(v) FROM t3 WHERE v + 0 >= 0", rows);
            }
        }
    }

    private static double load(FrontendClient client, String table, int replicas, int rows) throws Exception {
        client.execute("CREATE TABLE " + table + " (k BIGINT, g INT, s VARCHAR(20), v DOUBLE) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 6 PROPERTIES ('replication_num' = '" + replicas + "')");
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
        return rows / ((System.nanoTime() - startNs) / 1e9);
    }

    private static void scan(FrontendClient client, Path feLog, String name, String sql, int rows) throws Exception {
        client.rows(sql);
        long best = Long.MAX_VALUE;
        List<Map<String, String>> result = null;
        for (int run = 0; run < 5; run++) {
            long startNs = System.nanoTime();
            result = client.rows(sql);
            best = Math.min(best, System.nanoTime() - startNs);
        }
        String stats = lastQueryLine(feLog);
        System.out.printf(Locale.ROOT, "%s: %s -> %s%n  best of 5: %.1f ms, %.1f M rows/s; %s%n", name, sql,
                result.get(0).values(), best / 1e6, rows / (best / 1e9) / 1e6, stats);
    }

    private static String lastQueryLine(Path feLog) throws IOException {
        List<String> lines = Files.readAllLines(feLog);
        for (int i = lines.size() - 1; i >= 0; i--) {
            int at = lines.get(i).indexOf("query on table");
            if (at >= 0) {
                return lines.get(i).substring(at);
            }
        }
        return "(no query line in the FE log)";
    }
}
