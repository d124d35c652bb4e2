package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compaction on three real BE processes: a table loaded by many small INSERTs gets its rowsets
 * merged in the background, SHOW TABLETS' VersionCount (from the backends' tablet reports) falls
 * below the number of loads, sizes and row counts appear, and a reader running all the while
 * always sees exactly the rows of some prefix of the loads.
 */
class CompactionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int LOADS = 30;
    private static final int ROWS_PER_LOAD = 20;
    /** be.conf's default cumulative_compaction_trigger_rowsets. */
    private static final int TRIGGER_ROWSETS = 5;

    private static ClusterFixture fixture;
    private static Path dir;
    private static LocalCluster cluster;
    private static ClusterLayout layout;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.COMPACTION_PREFIX, 3);
        dir = fixture.dir();
        cluster = fixture.cluster();
        layout = fixture.layout();
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** count(*) and sum(v) after the first {@code loads} loads, as the client prints them. */
    private static String answerAfter(int loads) {
        long sum = 0;
        for (int load = 0; load < loads; load++) {
            for (int i = 0; i < ROWS_PER_LOAD; i++) {
                sum += load * 1000L + i;
            }
        }
        return loads * ROWS_PER_LOAD + "/" + sum;
    }

    /** Runs the wait; when it fails, prints what the nodes logged about reports and compaction first. */
    private static void awaitWithLogs(Runnable wait) throws IOException {
        try {
            wait.run();
        } catch (RuntimeException | AssertionError e) {
            for (String node : List.of("fe", "be0", "be1", "be2")) {
                Path log = dir.resolve(node).resolve("log").resolve(node + ".log");
                if (Files.exists(log)) {
                    System.out.println("---- " + log);
                    Files.readAllLines(log).stream().filter(line -> line.contains("WARN") || line.contains("ERROR")
                            || line.contains("report") || line.contains("merged")).forEach(System.out::println);
                }
            }
            throw e;
        }
    }

    @Test
    void rowsetsAreMergedWhileReadersStayExactAndTabletsShowReportedCounts() throws Exception {
        try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT);
             FrontendClient reader = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
            client.execute("CREATE DATABASE demo");
            client.execute("USE demo");
            reader.execute("USE demo");
            client.execute("CREATE TABLE events (k BIGINT, v BIGINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                    + "PROPERTIES ('replication_num' = '3')");
            List<String> answers = new ArrayList<>();
            for (int loads = 0; loads <= LOADS; loads++) {
                answers.add(answerAfter(loads));
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger queries = new AtomicInteger();
            AtomicInteger loaded = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            Thread readerThread = new Thread(() -> {
                int seen = 0;
                while (!done.get() && wrong.isEmpty()) {
                    int before = loaded.get();
                    try {
                        Map<String, String> row = reader.rows("SELECT count(*) AS n, sum(v) AS s FROM events").get(0);
                        String answer = row.get("n") + "/" + (row.get("s") == null ? "0" : row.get("s"));
                        int loads = answers.indexOf(answer);
                        if (loads < Math.max(before, seen) || loads > loaded.get() + 1) {
                            wrong.add("after " + before + " loads read " + answer);
                        }
                        seen = Math.max(seen, loads);
                        queries.incrementAndGet();
                    } catch (Exception e) {
                        wrong.add(e.toString());
                    }
                }
            }, "compaction-test-reader");
            readerThread.start();
            try {
                for (int load = 0; load < LOADS; load++) {
                    StringBuilder insert = new StringBuilder("INSERT INTO events VALUES ");
                    for (int i = 0; i < ROWS_PER_LOAD; i++) {
                        long k = load * 1000L + i;
                        insert.append(i == 0 ? "" : ", ").append('(').append(k).append(", ").append(k).append(')');
                    }
                    client.execute(insert.toString());
                    loaded.incrementAndGet();
                }
                awaitWithLogs(() -> await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    List<Map<String, String>> tablets = client.rows("SHOW TABLETS FROM events");
                    assertThat(tablets).hasSize(2 * 3).allSatisfy(row -> {
                        assertThat(Integer.parseInt(row.get("VersionCount"))).isBetween(1, TRIGGER_ROWSETS);
                        assertThat(Long.parseLong(row.get("LocalDataSize"))).isPositive();
                        assertThat(Long.parseLong(row.get("RowCount"))).isPositive();
                    });
                    assertThat(tablets.stream().mapToLong(row -> Long.parseLong(row.get("RowCount"))).sum())
                            .isEqualTo(3L * LOADS * ROWS_PER_LOAD);
                }));
            } finally {
                done.set(true);
                readerThread.join();
            }
            assertThat(wrong).isEmpty();
            assertThat(queries.get()).isGreaterThan(LOADS);
            Map<String, String> partition = client.rows("SHOW PARTITIONS FROM events").get(0);
            assertThat(partition.get("RowCount")).isEqualTo(Integer.toString(LOADS * ROWS_PER_LOAD));
            assertThat(partition.get("DataSize")).isNotEqualTo("0.000 ").matches("[0-9.]+ (B|KB|MB)");
            Map<String, String> row = client.rows("SELECT count(*) AS n, sum(v) AS s FROM events").get(0);
            assertThat(row.get("n") + "/" + row.get("s")).isEqualTo(answerAfter(LOADS));
            System.out.println("compaction test: " + queries.get() + " reads during " + LOADS + " loads and compaction; "
                    + "VersionCount now " + client.rows("SHOW TABLETS FROM events").stream()
                    .map(r -> r.get("VersionCount")).toList());
        }
    }
}
