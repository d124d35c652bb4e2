package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.Installation;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.MysqlProbe;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issue asks: "At an interval of 1 s, a healthy BE is never marked dead during a heavy load on
 * 2 cores". A real FE and two real BEs run on 127.0.44.x at the default heartbeat settings since
 * issue 16 ({@code heartbeat_interval_second = 1}, {@code heartbeat_timeout_second = 2}: a hung
 * backend is dead within 3 s, so the deadline must not catch a healthy one that is short of CPU;
 * both are also passed explicitly, so the test keeps its meaning if the defaults change). For 15 s
 * every core is kept busy by spinning threads in this JVM and spinning shell processes, while
 * SHOW BACKENDS is read every 100 ms. No sample may show {@code Alive=false}, LiveSince may not
 * move (a dead-and-back flap between two samples would move it), and LastHeartbeat must keep
 * advancing: the FE went on heartbeating under the load rather than just not looking.
 *
 * <p>Threading: JUnit's thread starts the cluster and the load and reads SHOW BACKENDS; the
 * spinning threads only spin until told to stop.
 */
class HeartbeatUnderLoadTest {
    private static final String HOST_PREFIX = "127.0.44";
    private static final int BACKENDS = 2;
    private static final String FE_JVM =
            "-Xmx256m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final String BE_JVM =
            "-Xmx192m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final Map<String, String> ONE_SECOND_HEARTBEATS = Map.of("heartbeat_interval_second", "1",
            "heartbeat_timeout_second", "2");
    private static final Duration LOAD_DURATION = Duration.ofSeconds(15);
    private static final long POLL_INTERVAL_MS = 100;
    private static final int SPINNING_THREADS = 4;
    private static final int SPINNING_PROCESSES = 2;
    /** 15 rounds are due in 15 s; a third of them is plenty to show the FE kept heartbeating. */
    private static final int MIN_HEARTBEATS_SEEN = 5;

    private static Path dir;
    private static ClusterLayout layout;
    private static LocalCluster cluster;

    /** One backend's row of one SHOW BACKENDS read. */
    private record Sample(long atMs, String host, boolean alive, String failureCounter, String lastHeartbeat,
                          String liveSince, String errorMessage) {
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tessera-it-load-");
        layout = ClusterLayout.of(dir, HOST_PREFIX, FE_JVM, BE_JVM);
        cluster = new LocalCluster(layout, Installation.fromSystemProperty(), System.out);
        assertThat(cluster.up(BACKENDS, ONE_SECOND_HEARTBEATS)).as("bin/tessera up's exit code").isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (cluster != null) {
                cluster.down();
            }
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    @Test
    void healthyBackendsStayAliveWhileBothCoresAreBusy() throws Exception {
        try (FrontendClient client = new FrontendClient(layout.frontendHost(), ClusterLayout.QUERY_PORT)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(POLL_INTERVAL_MS))
                    .until(() -> {
                        List<Map<String, String>> rows = client.showBackends();
                        return rows.size() == BACKENDS && rows.stream().allMatch(r -> "true".equals(r.get("Alive")));
                    });

            List<Sample> samples;
            try (CpuLoad load = CpuLoad.start(SPINNING_THREADS, SPINNING_PROCESSES)) {
                samples = sampleFor(client, LOAD_DURATION);
                System.out.println(load.describe(LOAD_DURATION));
            }

            String summary = summary(samples);
            System.out.print(summary);
            String context = summary + "\nend of the FE log:\n"
                    + MysqlProbe.tail(layout.frontend(Map.of()).logFile(), 30);
            assertThat(samples).as("SHOW BACKENDS samples during the load").isNotEmpty();
            assertThat(samples.stream().filter(sample -> !sample.alive()).count())
                    .as("samples that showed a healthy backend dead\n" + context).isZero();
            for (int index = 0; index < BACKENDS; index++) {
                String host = layout.backendHost(index);
                List<Sample> ofHost = samples.stream().filter(sample -> sample.host().equals(host)).toList();
                assertThat(ofHost.stream().map(Sample::liveSince).distinct())
                        .as("LiveSince of %s (a change means it was dead in between)\n%s", host, context)
                        .hasSize(1);
                assertThat(ofHost.stream().map(Sample::lastHeartbeat).distinct().count())
                        .as("distinct LastHeartbeat values of %s during %d s of load\n%s", host,
                                LOAD_DURATION.toSeconds(), context)
                        .isGreaterThanOrEqualTo(MIN_HEARTBEATS_SEEN);
            }
        }
    }

    /** Reads SHOW BACKENDS every {@link #POLL_INTERVAL_MS} until {@code duration} has passed. */
    private static List<Sample> sampleFor(FrontendClient client, Duration duration)
            throws SQLException, InterruptedException {
        List<Sample> samples = new ArrayList<>();
        long startNs = System.nanoTime();
        long deadlineNs = startNs + duration.toNanos();
        while (System.nanoTime() < deadlineNs) {
            long atMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            for (Map<String, String> row : client.showBackends()) {
                samples.add(new Sample(atMs, row.get("Host"), "true".equals(row.get("Alive")),
                        row.get("HeartbeatFailureCounter"), row.get("LastHeartbeat"), row.get("LiveSince"),
                        row.get("ErrMsg")));
            }
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MS); // the sampling interval, not a wait for anything
        }
        return samples;
    }

    /** Per backend: samples, dead samples, highest failure counter, LastHeartbeat values seen. */
    private static String summary(List<Sample> samples) {
        Map<String, List<Sample>> byHost = samples.stream()
                .collect(Collectors.groupingBy(Sample::host, TreeMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        byHost.forEach((host, ofHost) -> {
            List<String> heartbeats = ofHost.stream().map(Sample::lastHeartbeat).distinct().toList();
            text.append(String.format("%s: %d samples, %d with Alive=false, max HeartbeatFailureCounter %s, "
                            + "LiveSince %s, %d LastHeartbeat values %s%n", host, ofHost.size(),
                    ofHost.stream().filter(sample -> !sample.alive()).count(),
                    ofHost.stream().map(Sample::failureCounter).max(Comparator.comparingInt(Integer::parseInt))
                            .orElse("-"),
                    ofHost.stream().map(Sample::liveSince).distinct().toList(), heartbeats.size(), heartbeats));
            ofHost.stream().filter(sample -> !sample.alive()).limit(5)
                    .forEach(sample -> text.append("  dead at +").append(sample.atMs()).append(" ms: ")
                            .append(sample).append('\n'));
        });
        return text.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Busy CPUs: threads in this JVM and {@code sh} processes that spin until closed. Closing stops
     * the threads (waiting for them) and kills the processes (waiting for their exit).
     */
    private static final class CpuLoad implements AutoCloseable {
        private static final long STOP_WAIT_MS = 10_000;

        private final List<Thread> threads;
        private final List<Process> processes;
        private final long startNs = System.nanoTime();
        private volatile boolean stopped;

        private CpuLoad(List<Thread> threads, List<Process> processes) {
            this.threads = threads;
            this.processes = processes;
        }

        static CpuLoad start(int threadCount, int processCount) throws IOException {
            List<Thread> threads = new ArrayList<>();
            List<Process> processes = new ArrayList<>();
            CpuLoad load = new CpuLoad(threads, processes);
            try {
                for (int i = 0; i < processCount; i++) {
                    processes.add(new ProcessBuilder("sh", "-c", "while :; do :; done")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                for (int i = 0; i < threadCount; i++) {
                    Thread thread = new Thread(load::spin, "cpu-load-" + i);
                    thread.setDaemon(true);
                    threads.add(thread);
                    thread.start();
                }
            } catch (IOException | RuntimeException e) {
                load.close();
                throw e;
            }
            return load;
        }

        private void spin() {
            while (!stopped) {
                // a volatile read per turn: busy, and never optimised away
            }
        }

        /** CPU time the load used so far, against the wall time and cores it had. */
        String describe(Duration duration) {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            long threadCpuNs = threads.stream().mapToLong(thread -> Math.max(0, bean.getThreadCpuTime(thread.getId())))
                    .sum();
            long processCpuNs = processes.stream()
                    .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
            double wallSeconds = (System.nanoTime() - startNs) / 1e9;
            return String.format(Locale.ROOT,
                    "load: %d threads used %.1f CPU s, %d sh processes %.1f CPU s, in %.1f s on %d cores "
                            + "(%.1f s of load planned)", threads.size(), threadCpuNs / 1e9, processes.size(),
                    processCpuNs / 1e9, wallSeconds, Runtime.getRuntime().availableProcessors(),
                    duration.toMillis() / 1e3);
        }

        @Override
        public void close() {
            stopped = true;
            for (Process process : processes) {
                process.destroyForcibly();
            }
            try {
                for (Thread thread : threads) {
                    thread.join(STOP_WAIT_MS);
                }
                for (Process process : processes) {
                    process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
