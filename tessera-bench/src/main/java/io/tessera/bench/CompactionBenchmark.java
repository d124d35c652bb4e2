package io.tessera.bench;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.NodeSpec;
import java.nio.file.Files;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What compaction buys a table loaded in many small loads, on a real 3-BE local cluster. The
 * cluster starts with {@code disable_auto_compaction = true}, so every load leaves one rowset per
 * tablet replica; the table is loaded in small INSERTs and full scans are timed (the baseline,
 * same run). Then the BEs are restarted with compaction on, the benchmark waits until SHOW TABLETS
 * reports every replica compacted, and times the same scans again (after one warm-up run each,
 * since the BE JVMs are fresh). It prints rowsets, bytes and scan rows/s before and after.
 *
 * <p>Run: {@code bin/tessera bench compaction [rows] [loads]} (default 1,000,000 rows in 200 loads).
 */
public final class CompactionBenchmark {
    private static final String HOST_PREFIX = "127.0.49";
    private static final String DISABLE = "disable_auto_compaction";
    private static final int BUCKETS = 6;
    private static final long COMPACTION_WAIT_MS = 600_000;

    private CompactionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (BenchCluster bench = BenchCluster.start("compaction", HOST_PREFIX, Map.of(DISABLE, "true"))) {
            ClusterLayout layout = bench.layout();
            LocalCluster cluster = bench.cluster();
            try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
                client.execute("CREATE DATABASE bench");
                client.execute("USE bench");
                client.execute("CREATE TABLE t (k BIGINT, g INT, s VARCHAR(20), v DOUBLE) DUPLICATE KEY(k) "
                        + "DISTRIBUTED BY HASH(k) BUCKETS " + BUCKETS + " PROPERTIES ('replication_num' = '3')");
                long loadStartNs = System.nanoTime();
                load(client, rows, loads);
                double loadSeconds = (System.nanoTime() - loadStartNs) / 1e9;
                System.out.printf(Locale.ROOT, "loaded %,d rows in %d INSERTs of %,d rows (%.1f s), %d tablets x 3 "
                        + "replicas%n", rows, loads, rows / loads, loadSeconds, BUCKETS);
                awaitTablets(client, stats -> stats.getMin() >= loads, "every replica to report " + loads + " rowsets");
                report(client, "compaction off");
                double[] before = scans(client, rows, false);

                long restartNs = System.nanoTime();
                for (int index = 0; index < 3; index++) {
                    NodeSpec backend = layout.backend(index, Map.of());
                    cluster.node(backend, "stop");
                    List<String> conf = Files.readAllLines(backend.confFile()).stream()
                            .filter(line -> !line.startsWith(DISABLE)).toList();
                    Files.write(backend.confFile(), conf);
                    if (cluster.node(backend, "start") != 0) {
                        throw new IllegalStateException("backend " + index + " did not start again");
                    }
                }
                awaitTablets(client, stats -> stats.getMax() <= 5, "every replica to report at most 5 rowsets");
                System.out.printf(Locale.ROOT, "restart with compaction on -> every replica compacted and reported: "
                        + "%.1f s%n", (System.nanoTime() - restartNs) / 1e9);
                report(client, "compaction on");
                double[] after = scans(client, rows, true);
                System.out.printf(Locale.ROOT, "scan rows/s after compaction / before: count(*), sum(v) %.1fx; "
                        + "filtered %.1fx%n", after[0] / before[0], after[1] / before[1]);
            }
        }
    }

    private static void load(FrontendClient client, int rows, int loads) throws Exception {
        int perLoad = rows / loads;
        for (int load = 0; load < loads; load++) {
            int start = load * perLoad;
            int end = load == loads - 1 ? rows : start + perLoad;
            StringBuilder sql = new StringBuilder(perLoad * 40).append("INSERT INTO t VALUES ");
            for (int i = start; i < end; i++) {
                if (i > start) {
                    sql.append(',');
                }
                sql.append('(').append(i).append(',').append(i % 1000).append(",'name-").append(i % 5000)
                        .append("',").append(i % 100).append(".5)");
            }
            client.execute(sql.toString());
        }
    }

    private interface Condition {
        boolean holds(IntSummaryStatistics rowsetCounts);
    }

    /** Waits until the reported VersionCounts of every replica satisfy the condition. */
    private static void awaitTablets(FrontendClient client, Condition condition, String what) throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMPACTION_WAIT_MS);
        while (true) {
            IntSummaryStatistics counts = client.rows("SHOW TABLETS FROM t").stream()
                    .mapToInt(row -> Integer.parseInt(row.get("VersionCount"))).summaryStatistics();
            if (counts.getMin() >= 0 && condition.holds(counts)) {
                return;
            }
            if (System.nanoTime() > deadlineNs) {
                throw new IllegalStateException("gave up waiting for " + what + ": " + counts);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void report(FrontendClient client, String state) throws Exception {
        List<Map<String, String>> tablets = client.rows("SHOW TABLETS FROM t");
        IntSummaryStatistics counts = tablets.stream().mapToInt(row -> Integer.parseInt(row.get("VersionCount")))
                .summaryStatistics();
        long bytes = tablets.stream().mapToLong(row -> Long.parseLong(row.get("LocalDataSize"))).sum();
        Map<String, String> partition = client.rows("SHOW PARTITIONS FROM t").get(0);
        System.out.printf(Locale.ROOT, "%s: VersionCount per replica %d..%d, %,d bytes over %d replicas; "
                        + "SHOW PARTITIONS DataSize %s, RowCount %s%n", state, counts.getMin(), counts.getMax(), bytes,
                tablets.size(), partition.get("DataSize"), partition.get("RowCount"));
    }

    /** Times both scans; returns their rows/s. */
    private static double[] scans(FrontendClient client, int rows, boolean warmUp) throws Exception {
        return new double[] {
            scan(client, "SELECT count(*), sum(v) FROM t", rows, warmUp),
            scan(client, "SELECT count(*) FROM t WHERE g = 7", rows, warmUp)};
    }

    private static double scan(FrontendClient client, String sql, int rows, boolean warmUp) throws Exception {
        if (warmUp) {
            client.rows(sql);
        }
        long best = Long.MAX_VALUE;
        List<Map<String, String>> result = null;
        for (int run = 0; run < 5; run++) {
            long startNs = System.nanoTime();
            result = client.rows(sql);
            best = Math.min(best, System.nanoTime() - startNs);
        }
        double rowsPerSecond = rows / (best / 1e9);
        System.out.printf(Locale.ROOT, "  %s -> %s: best of 5 %.1f ms, %.2f M rows/s%n", sql, result.get(0).values(),
                best / 1e6, rowsPerSecond / 1e6);
        return rowsPerSecond;
    }
}
