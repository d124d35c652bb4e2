package io.tessera.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scale benchmark's catalog growth: CREATE TABLEs of {@value #TABLETS_PER_TABLE} tablets
 * (range partitions x {@value #MAX_BUCKETS} hash buckets, replication_num 3) until the FE holds the
 * tablets asked for, each statement timed. What issue 16 asks of them is that the time per
 * statement does not grow with the catalog, so the growth is summed up by the median of the first
 * and of the last {@value #WINDOW} statements.
 *
 * <p>Threading: the benchmark's main thread.
 */
final class ScaleGrowth {
    static final int TABLETS_PER_TABLE = 10_000;
    static final int WINDOW = 5;
    private static final int MAX_BUCKETS = 100;

    /**
     * @param tablets       tablets created
     * @param seconds       each CREATE TABLE's time, in order
     * @param tabletsBefore the catalog's tablets before each statement
     */
    record Growth(long tablets, List<Double> seconds, List<Long> tabletsBefore) {
        /** Median seconds of the first {@value #WINDOW} statements. */
        double startSeconds() {
            return median(seconds.subList(0, Math.min(WINDOW, seconds.size())));
        }

        /** Median seconds of the last {@value #WINDOW} statements. */
        double endSeconds() {
            return median(seconds.subList(Math.max(0, seconds.size() - WINDOW), seconds.size()));
        }

        private static double median(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
        }
    }

    private ScaleGrowth() {
    }

    /**
     * Creates database {@code scale} and tables in it until {@code tablets} exist, over one
     * connection that waits up to {@link ScaleBenchmark#STATEMENT_TIMEOUT_MS} for a statement (not
     * the launcher's 30 s), so a slow CREATE TABLE is a figure rather than the end of the run.
     */
    static Growth grow(long tablets) throws SQLException {
        try (Connection connection = ScaleBenchmark.connect()) {
            return grow(connection, tablets);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Growth grow(Connection client, long tablets) throws SQLException {
        execute(client, "CREATE DATABASE scale");
        long created = 0;
        int table = 0;
        List<Double> seconds = new ArrayList<>();
        List<Long> before = new ArrayList<>();
        long startNs = System.nanoTime();
        while (created < tablets) {
            long wanted = Math.min(TABLETS_PER_TABLE, tablets - created);
            int buckets = (int) Math.min(MAX_BUCKETS, wanted);
            int partitions = (int) Math.max(1, wanted / buckets);
            long tableNs = System.nanoTime();
            execute(client, createTable(table, partitions, buckets));
            double took = ScaleBenchmark.seconds(System.nanoTime() - tableNs);
            seconds.add(took);
            before.add(created);
            created += (long) partitions * buckets;
            table++;
            if (table <= 3 || table % 10 == 0 || created >= tablets) {
                ScaleBenchmark.say("CREATE TABLE t%d (%d partitions x %d buckets) %.2f s with %d tablets in the "
                        + "catalog before it; %d tablets so far, %.1f s in all", table - 1, partitions, buckets, took,
                        created - (long) partitions * buckets, created,
                        ScaleBenchmark.seconds(System.nanoTime() - startNs));
            }
        }
        Growth growth = new Growth(created, List.copyOf(seconds), List.copyOf(before));
        ScaleBenchmark.say("CREATE TABLE of %d tablets: median %.2f s over the first %d, %.2f s over the last %d "
                + "(all: %s)", TABLETS_PER_TABLE, growth.startSeconds(), Math.min(WINDOW, seconds.size()),
                growth.endSeconds(), Math.min(WINDOW, seconds.size()), Arrays.toString(
                        seconds.stream().mapToDouble(s -> Math.round(s * 10) / 10.0).toArray()));
        return growth;
    }

    private static String createTable(int table, int partitions, int buckets) {
        StringBuilder sql = new StringBuilder("CREATE TABLE scale.t").append(table)
                .append(" (k INT NOT NULL, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) (");
        for (int p = 0; p < partitions; p++) {
            sql.append(p == 0 ? "" : ", ").append("PARTITION p").append(p).append(" VALUES LESS THAN (\"")
                    .append((p + 1) * 1000).append("\")");
        }
        return sql.append(") DISTRIBUTED BY HASH(k) BUCKETS ").append(buckets)
                .append(" PROPERTIES (\"replication_num\" = \"").append(ScaleBenchmark.REPLICATION).append("\")")
                .toString();
    }
}
