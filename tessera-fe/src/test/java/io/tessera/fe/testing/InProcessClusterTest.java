package io.tessera.fe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fixture itself: start time, a statement through the session and the wire, clean close. */
class InProcessClusterTest {
    private static final int STARTS = 5;

    @Test
    void startsThreeBackendsQuicklyAndMeasuresIt() {
        List<Long> startMillis = new ArrayList<>();
        for (int start = 0; start < STARTS; start++) {
            try (InProcessCluster cluster = InProcessCluster.start(3)) {
                startMillis.add(cluster.startMillis());
                assertThat(cluster.rows("SELECT 1 + 1")).containsExactly(List.of("2"));
            }
        }
        List<Long> sorted = startMillis.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        System.out.println("InProcessCluster.start(3) took " + startMillis + " ms; median " + median
                + " ms over " + STARTS + " starts (the first pays for class loading)");
        assertThat(median).as("median start time of %s ms", startMillis).isLessThan(2_000);
    }

    @Test
    void answersOverTheSessionAndOverJdbc() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start(1)) {
            assertThat(cluster.rows("SHOW BACKENDS")).hasSize(1);
            try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl() + "?user=root&password=");
                    Statement statement = connection.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery("SHOW PROC '/backends'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("Host")).isEqualTo(cluster.backend(0).host());
                assertThat(rows.getString("Alive")).isEqualTo("true");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void closeStopsEveryThreadItStartedAndDeletesItsFolder() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Path folder;
        try (InProcessCluster cluster = InProcessCluster.start(2)) {
            folder = cluster.folder();
            cluster.execute("CREATE DATABASE leak_check");
            cluster.execute("CREATE TABLE leak_check.t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                    + "PROPERTIES (\"replication_num\" = \"2\")");
            cluster.execute("INSERT INTO leak_check.t VALUES (1, 10), (2, 20)");
            assertThat(cluster.rows("SELECT count(*) FROM leak_check.t")).containsExactly(List.of("2"));
            assertThat(Thread.getAllStackTraces().keySet()).hasSizeGreaterThan(before.size());
        }
        assertThat(folder).doesNotExist();
        // gRPC's shared event loops and executors go a second after their last user lets go.
        await("threads started by the cluster to stop").atMost(Duration.ofSeconds(15))
                .pollInSameThread()
                .untilAsserted(() -> assertThat(started(before)).isEmpty());
        assertThat(Files.exists(folder)).isFalse();
    }

    private static List<String> started(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
    }
}
