package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Backends killed with kill -9 one at a time at random moments, and restarted, while a client
 * loads a replication-3 table with INSERTs and Stream Loads (real curl). Every load has its own
 * {@code load_id} and a known row count and sum, so afterwards a GROUP BY load_id shows each load
 * whole or absent: every acknowledged load is there exactly once, no refused load is, and a load
 * whose answer was lost (curl cut off with its backend) is there wholly or not at all.
 *
 * <p>The seed is printed; run with {@code -Dtessera.chaos.seed=N} to replay the same loads and kill
 * points (the processes' own timing still varies).
 */
class BackendCrashDuringLoadTest {
    private static final int BACKENDS = 3;
    private static final int KILLS = 4;
    private static final int MAX_LOADS = 350;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TABLE = "crash.loads";

    /** One load: how many rows and their sum of v, and what the client was told. */
    record Load(int id, String kind, int rows, long sum, PossibleStates.Outcome outcome, String detail) {
    }

    @Test
    void noAcknowledgedRowIsLostOrDuplicatedWhenBackendsAreKilledDuringLoads() throws Exception {
        long seed = Long.getLong("tessera.chaos.seed", System.nanoTime());
        System.out.println("BackendCrashDuringLoadTest seed " + seed + " (-Dtessera.chaos.seed=" + seed
                + " replays it) at " + Instant.now());
        String replay = "seed " + seed;
        // A short grace, so pending rowsets no load will publish are aborted within the test.
        try (ClusterFixture fixture = ClusterFixture.start(TestAddresses.BACKEND_CRASH_PREFIX, BACKENDS,
                ClusterFixture.FE_JVM, ClusterFixture.BE_JVM, Map.of("unknown_replica_grace_second", "2"));
             ChaosThread killerThread = new ChaosThread()) {
            LocalCluster cluster = fixture.cluster();
            FrontendClient client = fixture.client();
            client.execute("CREATE DATABASE crash");
            client.execute("CREATE TABLE " + TABLE + " (load_id INT NOT NULL, seq INT NOT NULL, v BIGINT) "
                    + "DUPLICATE KEY(load_id) DISTRIBUTED BY HASH(seq) BUCKETS 4 "
                    + "PROPERTIES (\"replication_num\" = \"3\")");

            AtomicInteger loadsDone = new AtomicInteger();
            AtomicBoolean loaderDone = new AtomicBoolean();
            Random killerRandom = new Random(seed * 31 + 7);
            CompletableFuture<Void> killer = killerThread.start(
                    () -> killBackends(fixture, killerRandom, loadsDone, loaderDone));

            Random random = new Random(seed);
            List<Load> loads = new ArrayList<>();
            String streamLoadUrl = "http://" + fixture.layout().frontendHost() + ":8030/api/crash/loads/_stream_load";
            while (!killer.isDone() && loads.size() < MAX_LOADS) {
                int id = loads.size();
                int rows = 3 + random.nextInt(40);
                Load load = random.nextBoolean() ? insert(client, id, rows)
                        : streamLoad(fixture.dir(), streamLoadUrl, id, rows);
                loads.add(load);
                loadsDone.incrementAndGet();
            }
            loaderDone.set(true);
            killer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long acknowledged = loads.stream().filter(l -> l.outcome() == PossibleStates.Outcome.ACKNOWLEDGED).count();
            long unknown = loads.stream().filter(l -> l.outcome() == PossibleStates.Outcome.UNKNOWN).count();
            System.out.println("BackendCrashDuringLoadTest: " + loads.size() + " loads, " + acknowledged
                    + " acknowledged, " + unknown + " unknown, at " + Instant.now() + "; the unknown and first refused:");
            loads.stream().filter(l -> l.outcome() == PossibleStates.Outcome.UNKNOWN)
                    .forEach(l -> System.out.println("  " + l));
            loads.stream().filter(l -> l.outcome() == PossibleStates.Outcome.REJECTED).limit(3)
                    .forEach(l -> System.out.println("  " + l));

            awaitAllAlive(client);
            Map<Integer, List<Long>> shown;
            try {
                shown = await().atMost(WAIT).ignoreExceptions().until(() -> loadsShown(client), rows -> true);
            } catch (ConditionTimeoutException unreadable) {
                // What the FE holds of every replica, so a failure says why the table stayed unreadable.
                System.out.println("BackendCrashDuringLoadTest: the table stayed unreadable (" + replay + "); SHOW TABLETS:");
                client.rows("SHOW TABLETS FROM " + TABLE).forEach(row -> System.out.println("  " + row));
                throw unreadable;
            }
            List<String> problems = new ArrayList<>();
            for (Load load : loads) {
                List<Long> found = shown.remove(load.id());
                List<Long> whole = List.of((long) load.rows(), load.sum());
                switch (load.outcome()) {
                    case ACKNOWLEDGED -> {
                        if (!whole.equals(found)) {
                            problems.add("acknowledged " + load + " shows as " + found);
                        }
                    }
                    case REJECTED -> {
                        if (found != null) {
                            problems.add("refused " + load + " shows as " + found);
                        }
                    }
                    case UNKNOWN -> {
                        if (found != null && !whole.equals(found)) {
                            problems.add("unknown-outcome " + load + " is partly there: " + found);
                        }
                    }
                }
            }
            shown.forEach((id, found) -> problems.add("load_id " + id + " was never sent but shows as " + found));
            assertThat(problems).as(replay).isEmpty();
            // Not most loads: without replica repair, once two backends have each missed versions no
            // tablet has a version-complete majority, and later loads are refused (correctly).
            assertThat(acknowledged).as(replay).isGreaterThanOrEqualTo(10);
            // Loads cut off by a kill left pending rowsets on backends that missed their abort; the
            // FE aborts them from the backends' reports, so none stays behind.
            // (Files vanish while the directories are walked: a walk that trips over one is tried again.)
            await().atMost(WAIT).ignoreExceptions()
                    .untilAsserted(() -> assertThat(pendingRowsets(fixture)).as(replay).isEmpty());
        }
    }

    /** The pending (written, unpublished) rowset files on every backend's storage. */
    private static List<Path> pendingRowsets(ClusterFixture fixture) throws IOException {
        List<Path> pending = new ArrayList<>();
        for (int index = 0; index < BACKENDS; index++) {
            Path data = fixture.dir().resolve("be" + index).resolve("storage").resolve("data");
            if (!Files.isDirectory(data)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.filter(file -> file.getParent().getFileName().toString().equals("pending")
                        && file.getFileName().toString().endsWith(".arrow")).forEach(pending::add);
            }
        }
        return pending;
    }

    private static void killBackends(ClusterFixture fixture, Random random, AtomicInteger loadsDone,
                                     AtomicBoolean loaderDone) {
        LocalCluster cluster = fixture.cluster();
        try (FrontendClient observer = new FrontendClient(fixture.layout().frontendHost(), ClusterLayout.QUERY_PORT)) {
            for (int kill = 1; kill <= KILLS && !loaderDone.get(); kill++) {
                int at = loadsDone.get() + 5 + random.nextInt(20);
                await().atMost(WAIT).until(() -> loadsDone.get() >= at || loaderDone.get());
                ChaosThread.pause(random.nextInt(300)); // chaos input: land the kill inside a load
                int index = random.nextInt(BACKENDS);
                NodeSpec backend = fixture.layout().backend(index, Map.of());
                System.out.println("BackendCrashDuringLoadTest: kill " + kill + ": be" + index + " after load "
                        + loadsDone.get() + " at " + Instant.now());
                assertThat(cluster.node(backend, "kill")).isZero();
                int resumeAt = loadsDone.get() + 3 + random.nextInt(6);
                await().atMost(WAIT).until(() -> loadsDone.get() >= resumeAt || loaderDone.get());
                assertThat(cluster.node(backend, "start")).isZero();
                awaitAllAlive(observer);
            }
            // Five more loads after the last restart, so the restarted backend takes some.
            int last = loadsDone.get() + 5;
            await().atMost(WAIT).until(() -> loadsDone.get() >= last || loaderDone.get());
        } catch (Exception e) {
            throw new IllegalStateException("killing backends failed", e);
        }
    }

    private static void awaitAllAlive(FrontendClient client) {
        await().atMost(WAIT).until(() -> client.showBackends().stream()
                .filter(row -> "true".equals(row.get("Alive"))).count() == BACKENDS);
    }

    private static Map<Integer, List<Long>> loadsShown(FrontendClient client) throws SQLException {
        return NumberedLoads.shown(client.rows(NumberedLoads.shownQuery(TABLE)));
    }

    private static Load insert(FrontendClient client, int id, int rows) {
        long sum = NumberedLoads.sum(id, rows);
        try {
            client.execute(NumberedLoads.insert(TABLE, "load_" + id, id, rows));
            return new Load(id, "INSERT", rows, sum, PossibleStates.Outcome.ACKNOWLEDGED, "");
        } catch (SQLException e) {
            PossibleStates.Outcome outcome = ReconnectingClient.connectionLost(e) ? PossibleStates.Outcome.UNKNOWN
                    : PossibleStates.Outcome.REJECTED;
            return new Load(id, "INSERT", rows, sum, outcome, e.getMessage());
        }
    }

    private static Load streamLoad(Path dir, String url, int id, int rows) {
        long sum = NumberedLoads.sum(id, rows);
        Path file = dir.resolve("load_" + id + ".csv");
        try {
            Files.writeString(file, NumberedLoads.csv(id, rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LinkedHashMap<String, Object> reply;
        try {
            // A short timeout: a load whose backend is killed mid-way is then aborted by the FE within the
            // test, instead of holding its pending rowsets for Doris's default 600 s.
            reply = Curl.streamLoad(url, file.toString(), "label:load_" + id, "column_separator:,", "timeout:10");
        } catch (AssertionError noReply) {
            return new Load(id, "STREAM LOAD", rows, sum, PossibleStates.Outcome.UNKNOWN, noReply.getMessage());
        }
        Object status = reply.get("Status");
        PossibleStates.Outcome outcome = "Success".equals(status) || "Publish Timeout".equals(status)
                ? PossibleStates.Outcome.ACKNOWLEDGED : PossibleStates.Outcome.REJECTED;
        return new Load(id, "STREAM LOAD", rows, sum, outcome, status + ": " + reply.get("Message"));
    }
}
