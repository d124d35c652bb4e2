package io.tessera.bench;

import io.tessera.cli.Installation;
import io.tessera.cli.MysqlProbe;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import io.tessera.cli.Processes;
import io.tessera.fe.sql.SqlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Is the first statement a client sends as fast as the thousandth? Starts a real FE process,
 * times its start (process launch to the first answered {@code SELECT 1}), then times the first
 * {@code ALTER SYSTEM ADD BACKEND} / {@code SHOW BACKENDS} / {@code DROPP} the FE serves against
 * the same statements repeated {@code iterations} times (the baseline, same run). The client's own
 * first-use costs are taken out first by running the sequence against a throwaway FE. For
 * contrast it also times, in this JVM, the parse of a cold parser against a warmed one: what the
 * FE's warm-up before opening its port saves the first client.
 *
 * <p>Run: {@code bin/tessera bench first-statement [iterations]}.
 */
public final class FirstStatementBenchmark {
    private static final String HOST = "127.0.30.1";
    private static final String WARM_UP_HOST = "127.0.30.2";
    private static final int PORT = 9030;

    private FirstStatementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        coldVersusWarmParse();

        String[] sql = {
            "ALTER SYSTEM ADD BACKEND \"127.0.0.1:9050\"",
            "SHOW BACKENDS",
            "ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\""};
        ProcessHandle throwaway = startFrontend(WARM_UP_HOST);
        try (Connection connection = DriverManager.getConnection(MysqlProbe.jdbcUrl(WARM_UP_HOST, PORT));
             Statement statement = connection.createStatement()) {
            for (int i = 0; i < 200; i++) {
                for (String each : sql) {
                    statement.execute(each);
                }
            }
        } finally {
            Processes.stop(throwaway, Duration.ofSeconds(10));
        }

        long launchNs = System.nanoTime();
        ProcessHandle process = startFrontend(HOST);
        try {
            System.out.printf(Locale.ROOT, "FE start (launch to first SELECT 1 answered): %.0f ms%n",
                    (System.nanoTime() - launchNs) / 1e6);
            try (Connection connection = DriverManager.getConnection(MysqlProbe.jdbcUrl(HOST, PORT));
                 Statement statement = connection.createStatement()) {
                long[] first = new long[sql.length];
                for (int s = 0; s < sql.length; s++) {
                    first[s] = time(statement, sql[s]);
                }
                long[][] steady = new long[sql.length][iterations];
                for (int i = 0; i < iterations; i++) {
                    for (int s = 0; s < sql.length; s++) {
                        steady[s][i] = time(statement, sql[s]);
                    }
                }
                System.out.println("statement | first (us) | median of next " + iterations
                        + " (us) | p99 (us) | first / median");
                for (int s = 0; s < sql.length; s++) {
                    long[] sorted = steady[s].clone();
                    Arrays.sort(sorted);
                    long median = sorted[sorted.length / 2];
                    long p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
                    System.out.printf(Locale.ROOT, "%s | %d | %d | %d | %.2f%n", sql[s].split(" \"")[0],
                            first[s] / 1000, median / 1000, p99 / 1000, (double) first[s] / median);
                }
            }
        } finally {
            Processes.stop(process, Duration.ofSeconds(10));
        }
    }

    private static ProcessHandle startFrontend(String host) throws Exception {
        Path home = Files.createTempDirectory("tessera-bench-fe-");
        NodeSpec spec = new NodeSpec("fe", "tessera-fe", "io.tessera.fe.server.FrontendMain", "fe.conf", home,
                Map.of("priority_networks", host + "/32", "query_port", Integer.toString(PORT)),
                List.of("-Xmx512m", "-XX:MaxDirectMemorySize=64m"));
        ProcessHandle process = new NodeLauncher(Installation.fromSystemProperty()).start(spec);
        process.onExit().thenRun(() -> BenchFiles.deleteTree(home));
        MysqlProbe.awaitReady(host, PORT, process, spec.logFile(), Duration.ofSeconds(60));
        return process;
    }


    private static long time(Statement statement, String sql) throws Exception {
        long startNs = System.nanoTime();
        statement.execute(sql);
        return System.nanoTime() - startNs;
    }

    /** The same statement parsed by a cold parser, then by the same parser after warm-up. */
    private static void coldVersusWarmParse() {
        String sql = "ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\", \"10002\"";
        SqlParser parser = new SqlParser();
        long coldNs = System.nanoTime();
        parser.parse(sql);
        coldNs = System.nanoTime() - coldNs;
        parser.warmUp();
        long[] warm = new long[1000];
        for (int i = 0; i < warm.length; i++) {
            long startNs = System.nanoTime();
            parser.parse(sql);
            warm[i] = System.nanoTime() - startNs;
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "parse, cold parser: %d us; after warm-up, median of 1000: %d us (%.0fx)%n",
                coldNs / 1000, warm[500] / 1000, (double) coldNs / warm[500]);
    }
}
