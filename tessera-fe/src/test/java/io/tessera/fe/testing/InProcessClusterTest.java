package io.tessera.fe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fixture itself: start time, a statement through the session and the wire, gRPC in memory on
 * every hop, clean close.
 */
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

    /**
     * A Stream Load sent straight to BE 0's web server (real HTTP) crosses every gRPC hop: BE→FE
     * to begin and commit, BE→BE to write the replicas on BE 1, FE→BE to publish and to scan,
     * FE→BE heartbeats throughout; none of them opens a socket or starts a Netty event loop.
     */
    @Test
    void streamLoadCrossesEveryGrpcHopInMemory() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (InProcessCluster cluster = InProcessCluster.start(2)) {
            cluster.execute("CREATE DATABASE hops");
            cluster.execute("CREATE TABLE hops.t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                    + "PROPERTIES (\"replication_num\" = \"2\")");
            ClusterBackend coordinator = cluster.backend(0);
            HttpRequest load = HttpRequest.newBuilder(URI.create("http://" + coordinator.host() + ":"
                            + coordinator.node().webserverPort() + "/api/hops/t/_stream_load"))
                    .header("Authorization", "Basic "
                            + Base64.getEncoder().encodeToString("root:".getBytes(StandardCharsets.UTF_8)))
                    .header("label", "in-memory-hops")
                    .header("column_separator", ",")
                    .timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString("1,10\n2,20\n3,30\n"))
                    .build();
            HttpResponse<String> reply = HttpClient.newHttpClient().send(load, HttpResponse.BodyHandlers.ofString());

            assertThat(reply.body()).contains("\"Status\": \"Success\"").contains("\"NumberLoadedRows\": 3");
            assertThat(cluster.rows("SELECT count(*), sum(v) FROM hops.t")).containsExactly(List.of("3", "60"));
            for (ClusterBackend backend : cluster.backends()) {
                for (int port : List.of(backend.node().heartbeatPort(), backend.node().bePort())) {
                    assertThatThrownBy(() -> connect(backend.host(), port))
                            .as("a TCP listener on %s:%d", backend.host(), port)
                            .isInstanceOf(ConnectException.class);
                }
            }
            assertThatThrownBy(() -> connect(cluster.frontendHost(), InProcessCluster.FRONTEND_RPC_PORT))
                    .isInstanceOf(ConnectException.class);
            assertThat(started(before)).noneMatch(name -> name.startsWith("grpc-nio") || name.startsWith("grpc-default"));
        }
    }

    private static void connect(String host, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
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
