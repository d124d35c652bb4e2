package io.tessera.bench;

import io.tessera.cli.FrontendClient;
import io.tessera.cli.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The scale benchmark's decommission step: how long the FE takes to plan the drain of about
 * {@code replicas} replicas. It picks the fullest backends (SHOW BACKENDS' TabletNum) until they hold
 * that many, times EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND of them (the dry run: admission and the
 * drain plan of the cluster the statement would leave, nothing journaled), then runs ALTER SYSTEM
 * DECOMMISSION BACKEND and waits for the FE's scheduler loop to log its drain plan
 * ({@code drain plan: N replica(s) ... planned in M ms}): statement sent to plan logged is the
 * figure, since that is when every replica has a destination and the loop starts cloning. With
 * {@code drainSeconds} the drain then runs that long and the replicas moved are counted.
 *
 * <p>Threading: the benchmark's main thread.
 */
final class ScaleDecommission {
    /**
     * @param replicas       replicas on the decommissioned backends
     * @param backends       how many backends
     * @param explainSeconds EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND's time
     * @param planSeconds    DECOMMISSION statement sent to the drain plan logged
     * @param planLine       the FE's log line
     */
    record Planned(long replicas, int backends, double explainSeconds, double planSeconds, String planLine) {
    }

    private ScaleDecommission() {
    }

    static Planned run(NodeSpec fe, long replicas, int drainSeconds) throws Exception {
        try (FrontendClient client = new FrontendClient(ScaleBenchmark.FE_HOST, ScaleBenchmark.QUERY_PORT)) {
            List<Map<String, String>> fullest = new ArrayList<>(client.showBackends());
            fullest.sort(Comparator.comparingLong((Map<String, String> row) -> tablets(row)).reversed());
            List<Map<String, String>> chosen = new ArrayList<>();
            long held = 0;
            for (Map<String, String> row : fullest) {
                if (held >= replicas || chosen.size() >= fullest.size() - ScaleBenchmark.REPLICATION) {
                    break;
                }
                chosen.add(row);
                held += tablets(row);
            }
            String list = chosen.stream().map(row -> "\"" + row.get("Host") + ":" + row.get("HeartbeatPort") + "\"")
                    .collect(Collectors.joining(", "));

            long explainNs = System.nanoTime();
            int explained = 0;
            try (Connection slow = ScaleBenchmark.connect(); Statement statement = slow.createStatement();
                 ResultSet rows = statement.executeQuery("EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND " + list)) {
                while (rows.next()) {
                    explained++;
                }
            }
            double explainSeconds = ScaleBenchmark.seconds(System.nanoTime() - explainNs);
            ScaleBenchmark.say("EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND of %d backends holding %d replicas: %.2f s "
                    + "(%d rows)", chosen.size(), held, explainSeconds, explained);

            int logLinesBefore = Files.readAllLines(fe.logFile()).size();
            long startNs = System.nanoTime();
            try (Connection slow = ScaleBenchmark.connect(); Statement statement = slow.createStatement()) {
                statement.execute("ALTER SYSTEM DECOMMISSION BACKEND " + list);
            }
            double statementSeconds = ScaleBenchmark.seconds(System.nanoTime() - startNs);
            String planLine = null;
            long deadlineNs = startNs + ScaleBenchmark.WAIT_LIMIT.toNanos();
            while (planLine == null && System.nanoTime() < deadlineNs) {
                planLine = newLines(fe.logFile(), logLinesBefore).stream()
                        .filter(line -> line.contains("drain plan:")).findFirst().orElse(null);
                TimeUnit.MILLISECONDS.sleep(ScaleBenchmark.POLL_MS);
            }
            if (planLine == null) {
                throw new IllegalStateException("no drain plan in the FE's log within " + ScaleBenchmark.WAIT_LIMIT);
            }
            double planSeconds = ScaleBenchmark.seconds(System.nanoTime() - startNs);
            ScaleBenchmark.say("ALTER SYSTEM DECOMMISSION BACKEND of the same: statement %.2f s, drain plan in the "
                    + "FE log %.2f s after it was sent:%n  %s", statementSeconds, planSeconds, planLine);
            if (drainSeconds > 0) {
                TimeUnit.SECONDS.sleep(drainSeconds);
                long left = client.showBackends().stream()
                        .filter(row -> chosen.stream().anyMatch(c -> c.get("BackendId").equals(row.get("BackendId"))))
                        .mapToLong(ScaleDecommission::tablets).sum();
                ScaleBenchmark.say("after %d s: %d of %d replicas left on the decommissioned backends (%.1f moved "
                        + "per second)", drainSeconds, left, held, (held - left) / (double) drainSeconds);
            }
            return new Planned(held, chosen.size(), explainSeconds, planSeconds, planLine);
        }
    }

    private static long tablets(Map<String, String> row) {
        return Long.parseLong(row.get("TabletNum"));
    }

    private static List<String> newLines(Path log, int after) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.min(after, lines.size()), lines.size());
    }
}
