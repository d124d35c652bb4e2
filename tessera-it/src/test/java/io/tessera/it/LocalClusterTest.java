package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.Installation;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.NodeLauncher;
import io.tessera.cli.NodeSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real local cluster, started the way {@code bin/tessera up} starts one (FE and three BE
 * processes on their own loopback addresses), through kill -9, restarts, a foreign cluster's BE,
 * DROPP and re-add.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ClusterFixture fixture;
    private static LocalCluster cluster;
    private static FrontendClient client;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.LOCAL_CLUSTER_PREFIX, 3,
                "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                "-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        cluster = fixture.cluster();
        client = fixture.client();
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void upStartsThreeAliveBackendsWithRealFigures() throws Exception {
        List<Map<String, String>> rows = client.showBackends();
        assertThat(rows).extracting(row -> row.get("Host") + ":" + row.get("HeartbeatPort")).containsExactly(
                host(0) + ":9050", host(1) + ":9050", host(2) + ":9050");
        for (Map<String, String> row : rows) {
            assertThat(row).containsEntry("Alive", "true").containsEntry("ErrMsg", "")
                    .containsEntry("BePort", "9060").containsEntry("HttpPort", "8040")
                    .containsEntry("BrpcPort", "-1").containsEntry("HeartbeatFailureCounter", "0")
                    .containsEntry("NodeRole", "mix");
            assertThat(row.get("Version")).isNotEmpty();
            assertThat(row.get("LastStartTime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(row.get("LastHeartbeat")).isNotNull();
            assertThat(row.get("LiveSince")).isNotNull();
            assertThat(row.get("TotalCapacity")).matches("\\d+\\.\\d{3} (GB|TB|MB)");
            assertThat(row.get("AvailCapacity")).matches("\\d+\\.\\d{3} (GB|TB|MB|KB|B)");
            assertThat(row.get("UsedPct")).matches("\\d+\\.\\d\\d %");
            assertThat(Integer.parseInt(row.get("CpuCores"))).isPositive();
            assertThat(row.get("Memory")).matches("\\d+\\.\\d\\d (GB|MB)");
        }
        String text = fixture.output();
        assertThat(text).contains("ALTER SYSTEM ADD BACKEND \"" + host(0) + ":9050\", \"" + host(1) + ":9050\", \""
                + host(2) + ":9050\";", "Backends alive: 3/3",
                "Connect with:  mysql -h " + host(0) + " -P 9030 -uroot");

        fixture.resetOutput();
        assertThat(cluster.up(3, Map.of())).isZero();
        assertThat(fixture.output()).contains("is already running");
        assertThat(client.showBackends()).hasSize(3);
    }

    @Test
    @Order(2)
    void aKilledBackendTurnsDeadAndComesBackWithANewStartTime() throws Exception {
        NodeSpec be1 = cluster.layout().backend(1, Map.of());
        String startedBefore = backend(host(1)).get("LastStartTime");
        assertThat(cluster.node(be1, "kill")).isZero();

        await().atMost(WAIT).until(() -> "false".equals(backend(host(1)).get("Alive")));
        Map<String, String> dead = backend(host(1));
        // Refused when the probe connects after the death; reset when a call was in flight at the kill.
        assertThat(dead.get("ErrMsg")).matches("java\\.(net\\.Connect|io\\.IO)Exception: Connection (refused|reset by peer)");
        assertThat(Integer.parseInt(dead.get("HeartbeatFailureCounter"))).isPositive();
        assertThat(backend(host(0)).get("Alive")).isEqualTo("true");
        assertThat(backend(host(2)).get("Alive")).isEqualTo("true");

        assertThat(cluster.node(be1, "start")).isZero();
        await().atMost(WAIT).until(() -> "true".equals(backend(host(1)).get("Alive")));
        Map<String, String> back = backend(host(1));
        assertThat(back.get("ErrMsg")).isEmpty();
        assertThat(back.get("HeartbeatFailureCounter")).isEqualTo("0");
        assertThat(back.get("LastStartTime")).isNotEqualTo(startedBefore);
    }

    @Test
    @Order(3)
    void aBackendBoundToAnotherClusterIsRefused() throws Exception {
        NodeSpec be3 = cluster.layout().backend(3, Map.of());
        Path storage = be3.home().resolve("storage");
        Files.createDirectories(storage);
        Files.writeString(storage.resolve("token"), "another-clusters-token\n");
        Files.writeString(storage.resolve("cluster_id"), "4242\n");
        assertThat(cluster.node(be3, "start")).isZero();
        try {
            client.execute("ALTER SYSTEM ADD BACKEND \"" + host(3) + ":9050\"");
            await().atMost(WAIT).until(() -> backend(host(3)).get("ErrMsg").contains("invalid cluster id"));
            Map<String, String> refused = backend(host(3));
            assertThat(refused.get("Alive")).isEqualTo("false");
            // Doris's text without the stored cluster id or token (the BE refuses our credentials).
            assertThat(refused.get("ErrMsg")).isEqualTo("(" + host(3) + ")[INTERNAL_ERROR]invalid cluster id. ignore.");
            client.execute("ALTER SYSTEM DROPP BACKEND \"" + host(3) + ":9050\"");
        } finally {
            cluster.node(be3, "stop");
        }
        assertThat(Files.readString(storage.resolve("cluster_id")).strip()).isEqualTo("4242");
    }

    @Test
    @Order(4)
    void droppStopsHeartbeatsAndReAddingGivesANewIdAndAFreshStart() throws Exception {
        Map<String, String> before = backend(host(2));
        long oldId = Long.parseLong(before.get("BackendId"));
        assertThat(LoopbackConnections.establishedTo(host(2), 9050)).isPositive();

        client.execute("ALTER SYSTEM DROPP BACKEND \"" + host(2) + ":9050\"");
        assertThat(client.showBackends()).extracting(row -> row.get("Host")).doesNotContain(host(2));
        // The FE closes its channel to a dropped backend: no connection to its heartbeat port stays open.
        await().atMost(WAIT).until(() -> LoopbackConnections.establishedTo(host(2), 9050) == 0);
        assertThat(NodeLauncher.running(cluster.layout().backend(2, Map.of()))).isPresent();

        client.execute("ALTER SYSTEM ADD BACKEND \"" + host(2) + ":9050\"");
        await().atMost(WAIT).until(() -> "true".equals(backend(host(2)).get("Alive")));
        Map<String, String> readded = backend(host(2));
        assertThat(Long.parseLong(readded.get("BackendId"))).isGreaterThan(oldId);
        assertThat(readded.get("ErrMsg")).isEmpty();
        Path trash = cluster.layout().backend(2, Map.of()).home().resolve("storage").resolve("trash");
        try (Stream<Path> entries = Files.list(trash)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.endsWith("-backend-" + oldId));
        }
        assertThat(Files.readString(cluster.layout().backend(2, Map.of()).home().resolve("storage")
                .resolve("backend_id")).strip()).isEqualTo(readded.get("BackendId"));
    }

    @Test
    @Order(5)
    void upRefusesAPortHeldByAProcessItDidNotStart() throws Exception {
        Path otherDir = Files.createTempDirectory("tessera-other-cluster-");
        ByteArrayOutputStream otherOutput = new ByteArrayOutputStream();
        LocalCluster other = new LocalCluster(ClusterLayout.of(otherDir, TestAddresses.LOCAL_CLUSTER_PREFIX, "", ""),
                Installation.fromSystemProperty(), new PrintStream(otherOutput, true, StandardCharsets.UTF_8));
        try {
            assertThat(other.up(1, Map.of())).isEqualTo(1);
            assertThat(otherOutput.toString(StandardCharsets.UTF_8))
                    .isEqualTo("port 9030 on " + host(0) + " is in use by another process\n");
            assertThat(NodeLauncher.running(other.layout().frontend(Map.of()))).isEmpty();
        } finally {
            Files.deleteIfExists(otherDir.resolve("cluster.properties"));
            Files.delete(otherDir);
        }
    }

    @Test
    @Order(6)
    void theAuditLogBesideFeLogHoldsTheNodeStatementsAndNoPassword() throws Exception {
        String[] passwords = {"it-audit-pw-Kq81", "it-audit-pw-Lr92", "it-audit-pw-Ms03"};
        client.execute("CREATE USER 'audit_it'@'%' IDENTIFIED BY '" + passwords[0] + "'");
        client.execute("SET PASSWORD FOR 'audit_it'@'%' = PASSWORD('" + passwords[1] + "')");
        client.execute("ALTER USER 'audit_it'@'%' IDENTIFIED BY '" + passwords[2] + "'");
        client.execute("DROP USER 'audit_it'@'%'");

        Path logDir = cluster.layout().frontend(Map.of()).logFile().getParent();
        Path auditLog = logDir.resolve("fe.audit.log");
        assertThat(logDir.resolve("fe.log")).exists();
        await().atMost(WAIT).until(() -> Files.exists(auditLog)
                && Files.readString(auditLog).contains("|Stmt=DROP USER 'audit_it'@'%'"));
        List<String> lines = Files.readAllLines(auditLog, StandardCharsets.UTF_8);
        String backends = "\"" + host(0) + ":9050\", \"" + host(1) + ":9050\", \"" + host(2) + ":9050\"";
        assertThat(lines).anyMatch(line -> line.endsWith("|Stmt=ALTER SYSTEM ADD BACKEND " + backends))
                .anyMatch(line -> line.contains("|State=OK|")
                        && line.endsWith("|Stmt=ALTER SYSTEM DROPP BACKEND \"" + host(2) + ":9050\""))
                .anyMatch(line -> line.contains("|State=OK|")
                        && line.endsWith("|Stmt=ALTER SYSTEM ADD BACKEND \"" + host(2) + ":9050\""))
                .anyMatch(line -> line.endsWith("|Stmt=CREATE USER 'audit_it'@'%' IDENTIFIED BY '*****'"))
                .anyMatch(line -> line.endsWith("|Stmt=SET PASSWORD FOR 'audit_it'@'%' = PASSWORD('*****')"))
                .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[query\\] "
                        + "\\|Client=[0-9.]+:\\d+\\|User=\\w+\\|Ctl=internal\\|Db=.*"));
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String password : passwords) {
                    assertThat(text).as(file + " holds no password").doesNotContain(password);
                }
            }
        }
    }

    private static String host(int index) {
        return cluster.layout().backendHost(index);
    }

    private static Map<String, String> backend(String host) throws Exception {
        return client.showBackends().stream().filter(row -> row.get("Host").equals(host)).findFirst()
                .orElseThrow(() -> new AssertionError("no backend on " + host));
    }
}
