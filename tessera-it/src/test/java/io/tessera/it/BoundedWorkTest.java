package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bounded work, tried as a hostile user would: CREATE TABLE with thousands of buckets on a small
 * cluster (an FE and three BEs) must neither grow any node's thread count with the number of
 * tablets (every call used to get a gRPC thread of its own on the BE) nor hang; a bucket count over
 * {@code max_bucket_num_per_partition} is refused at once. Thread counts are read from
 * {@code /proc/<pid>/status} of each node's process while the statements run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedWorkTest {
    private static final int BUCKETS = 2_000;
    private static final int REPLICATION = 2;
    private static final int BUCKET_CAP = 2_500;
    /** Far below the 4,000 replicas created: a node growing a thread per call or tablet breaks it. */
    private static final int MAX_FE_THREADS = 250;
    private static final int MAX_BE_THREADS = 150;
    /** A hang guard for the statement, not a performance bound. */
    private static final Duration STATEMENT_ANSWERS_WITHIN = Duration.ofSeconds(150);
    private static final Pattern REPLICA_FOLDER = Pattern.compile("\\d+_\\d+");

    private static ClusterFixture fixture;
    private static FrontendClient client;
    private static Map<String, Long> pids;
    private static final Map<String, Integer> peakThreads = new ConcurrentHashMap<>();

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.BOUNDED_WORK_PREFIX, 3, ClusterFixture.FE_JVM,
                ClusterFixture.BE_JVM, Map.of("max_bucket_num_per_partition", Integer.toString(BUCKET_CAP)));
        client = fixture.client();
        client.execute("CREATE DATABASE bounded");
        client.execute("USE bounded");
        pids = pids(fixture.layout());
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void aTableOfThousandsOfBucketsIsCreatedWithoutAnyNodeGrowingAThreadPerTablet() throws Exception {
        Map<String, Integer> before = threadCounts();
        String create = "CREATE TABLE wide (k BIGINT NOT NULL, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
                + "BUCKETS " + BUCKETS + " PROPERTIES ('replication_num' = '" + REPLICATION + "')";

        CompletableFuture<Throwable> outcome = runOnItsOwnConnection(create);
        awaitWatchingThreads(outcome);

        assertThat(outcome.join()).as("CREATE TABLE of %d buckets", BUCKETS).isNull();
        System.out.printf("threads before: %s, peak while creating %d replicas: %s%n", before,
                BUCKETS * REPLICATION, peakThreads);
        assertBounded();
        assertThat(client.rows("SHOW TABLETS FROM wide")).hasSize(BUCKETS * REPLICATION);
        assertThat(replicasOnDisk()).isEqualTo(BUCKETS * REPLICATION);
    }

    @Test
    @Order(2)
    void droppingItSendsTheDropsThroughTheSameBoundsAndEveryReplicaLeavesTheBackends() throws Exception {
        peakThreads.clear();
        client.execute("DROP TABLE wide");

        await().atMost(STATEMENT_ANSWERS_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            sampleThreads();
            return replicasOnDisk() == 0;
        });
        System.out.printf("peak threads while dropping: %s%n", peakThreads);
        assertBounded();
    }

    @Test
    @Order(3)
    void aBucketCountOverTheCapIsRefusedWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> client.execute("CREATE TABLE typo (k BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 100000 PROPERTIES ('replication_num' = '1')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Number of buckets 100000 exceeds the limit of " + BUCKET_CAP
                        + " buckets per partition (FE config max_bucket_num_per_partition)");
        assertThat(client.rows("SHOW TABLES")).isEmpty();
    }

    /** Runs a statement on a connection of its own, on a thread of its own; completes with its failure or null. */
    private static CompletableFuture<Throwable> runOnItsOwnConnection(String sql) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try (FrontendClient own = new FrontendClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT)) {
                own.execute("USE bounded");
                own.execute(sql);
                return null;
            } catch (SQLException e) {
                return e;
            }
        }, thread);
        outcome.whenComplete((result, failure) -> thread.shutdown());
        return outcome;
    }

    /** Samples every node's thread count until the statement answers, within the hang guard. */
    private static void awaitWatchingThreads(CompletableFuture<Throwable> outcome) {
        await().atMost(STATEMENT_ANSWERS_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            sampleThreads();
            return outcome.isDone();
        });
    }

    private static void assertBounded() {
        peakThreads.forEach((node, peak) -> assertThat(peak).as("peak thread count of %s", node)
                .isLessThanOrEqualTo(node.equals("fe") ? MAX_FE_THREADS : MAX_BE_THREADS));
    }

    private static void sampleThreads() {
        threadCounts().forEach((node, count) -> peakThreads.merge(node, count, Math::max));
    }

    private static Map<String, Integer> threadCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        pids.forEach((node, pid) -> counts.put(node, threads(pid)));
        return counts;
    }

    /** The {@code Threads:} line of the process's status. */
    private static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).strip());
                }
            }
            throw new IllegalStateException("no Threads line for process " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replicas the BEs hold: one {@code <tablet>_<replica>} folder each in every storage root's data folder. */
    private static long replicasOnDisk() throws IOException {
        long replicas = 0;
        for (int index : fixture.layout().backendIndexes()) {
            Path data = fixture.layout().backend(index, Map.of()).home().resolve("storage").resolve("data");
            try (Stream<Path> folders = Files.list(data)) {
                replicas += folders.filter(folder -> REPLICA_FOLDER.matcher(folder.getFileName().toString()).matches())
                        .count();
            }
        }
        return replicas;
    }

    private static Map<String, Long> pids(ClusterLayout layout) throws IOException {
        Map<String, Long> result = new LinkedHashMap<>();
        result.put("fe", pid(layout.frontend(Map.of())));
        List<Integer> backends = layout.backendIndexes();
        for (int index : backends) {
            result.put("be" + index, pid(layout.backend(index, Map.of())));
        }
        return result;
    }

    private static long pid(NodeSpec spec) throws IOException {
        return Long.parseLong(Files.readString(spec.pidFile()).strip());
    }
}
