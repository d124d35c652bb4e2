package io.tessera.bench;

import java.time.ZoneOffset;
import io.tessera.fe.session.SystemVariables;
import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.journal.RatisJournal;
import io.tessera.fe.journal.SnapshotConfig;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The longest metadata-write stall while the FE takes a snapshot of a large catalog. In one JVM:
 * a Ratis journal in a temporary folder on 127.0.53.1, the FE's state objects and the one
 * {@link MetadataWriter}; a catalog of {@code tablets} tablets x 3 replicas is loaded through the
 * journal. Then REGISTER BACKEND writes are issued back to back through the writer, each timed
 * from submit to applied: first with no snapshot running (the baseline), then while snapshots are
 * taken (the snapshot clock is a manual one, moved past {@code checkpoint_interval_second} to
 * start each), until the snapshot file is durable. Prints p50, p99 and max of both.
 *
 * <p>Run: {@code bin/tessera bench snapshot-stall [tablets] [snapshots]} (default 100,000 tablets, 3 snapshots).
 */
public final class SnapshotStallBenchmark {
    private static final int TABLETS_PER_TABLE = 1_000;
    private static final int BASELINE_WRITES = 3_000;
    private static final int WARM_UP_WRITES = 2_000;
    private static final long INTERVAL_MS = TimeUnit.HOURS.toMillis(1);

    private final MetadataWriter writer;
    private final BackendRegistry backends;
    private int nextBackend;

    private SnapshotStallBenchmark(MetadataWriter writer, BackendRegistry backends) {
        this.writer = writer;
        this.backends = backends;
    }

    public static void main(String[] args) throws Exception {
        int tablets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int snapshots = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("tessera-bench-snapshot-");
        InetAddress address = InetAddress.getByName("127.0.53.1");
        ManualClock clock = new ManualClock(0);
        IdGenerator ids = new IdGenerator();
        BackendRegistry backends = new BackendRegistry();
        Catalog catalog = new Catalog();
        ReplayDispatcher dispatcher = new ReplayDispatcher(java.util.List.of(ids, backends, catalog, new SystemVariables(ZoneOffset.UTC)));
        SnapshotConfig config = new SnapshotConfig(Long.MAX_VALUE, INTERVAL_MS, SnapshotConfig.DEFAULT_SEGMENT_SIZE_BYTES);
        try (RatisJournal journal = RatisJournal.open(dispatcher, dir.resolve("ratis"), address, freePort(address),
                Duration.ofSeconds(60), config, clock);
             MetadataWriter writer = new MetadataWriter(ids, journal)) {
            long loadStartNs = System.nanoTime();
            loadCatalog(journal, tablets);
            System.out.printf(Locale.ROOT, "catalog: %,d tablets x 3 replicas in %d tables, loaded through the "
                            + "journal in %.1f s%n", tablets, tablets / TABLETS_PER_TABLE,
                    (System.nanoTime() - loadStartNs) / 1e9);
            SnapshotStallBenchmark bench = new SnapshotStallBenchmark(writer, backends);
            bench.timeWrites(WARM_UP_WRITES);
            long[] baseline = bench.timeWrites(BASELINE_WRITES);
            Path images = imagesDir(dir.resolve("ratis"));
            long[] during = new long[0];
            for (int s = 0; s < snapshots; s++) {
                long before = newestIndex(images);
                clock.advance(INTERVAL_MS, TimeUnit.MILLISECONDS);
                long startNs = System.nanoTime();
                long[] latencies = bench.timeWritesUntil(() -> newestIndex(images) > before);
                System.out.printf(Locale.ROOT, "snapshot %d: %d writes while it was taken (%.0f ms), file %,d bytes%n",
                        s + 1, latencies.length, (System.nanoTime() - startNs) / 1e6, newestSize(images));
                during = concat(during, latencies);
            }
            print("no snapshot running (baseline)", baseline);
            print("while a snapshot is taken", during);
            System.out.printf(Locale.ROOT, "max stall ratio (during / baseline): %.2f%n",
                    (double) max(during) / max(baseline));
            System.out.println("log segments left: " + logSegments(dir.resolve("ratis")));
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void loadCatalog(RatisJournal journal, int tablets) {
        long nextId = 10_000;
        for (long backend = nextId; backend < nextId + 3; backend++) {
            journal.append(batch(JournalRecord.newBuilder().setRegisterBackend(RegisterBackendRecord.newBuilder()
                    .setBackendId(backend).setHost("127.0.53." + (backend - 9_999)).setHeartbeatPort(9050))
                    .build())).join();
        }
        nextId += 3;
        long databaseId = nextId++;
        journal.append(batch(JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(databaseId).setName("bench")).build())).join();
        for (int t = 0; t * TABLETS_PER_TABLE < tablets; t++) {
            long tableId = nextId++;
            PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(nextId++)
                    .setName("t" + t).setVisibleVersion(1);
            for (int i = 0; i < TABLETS_PER_TABLE; i++) {
                TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(nextId++);
                for (long backend = 10_000; backend < 10_003; backend++) {
                    tablet.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(nextId++).setBackendId(backend)
                            .setVersion(1).setLastFailedVersion(-1));
                }
                partition.addTablets(tablet);
            }
            TableDefinition table = TableDefinition.newBuilder().setTableId(tableId).setName("t" + t)
                    .addPartitions(partition).build();
            journal.append(batch(JournalRecord.newBuilder().setIdWatermark(IdWatermarkRecord.newBuilder()
                            .setNextId(nextId)).build(),
                    JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder()
                            .setDatabaseId(databaseId).setTable(table)).build())).join();
        }
    }

    /** One REGISTER BACKEND through the writer, timed from submit to applied, in nanoseconds. */
    private long timeOneWrite() {
        int n = nextBackend++;
        String host = "127.1." + (n / 250) + "." + (n % 250 + 1);
        long startNs = System.nanoTime();
        writer.submit(allocator -> new WriteResult<>(List.of(JournalRecord.newBuilder().setRegisterBackend(
                RegisterBackendRecord.newBuilder().setBackendId(allocator.allocate()).setHost(host)
                        .setHeartbeatPort(9050)).build()), null)).join();
        return System.nanoTime() - startNs;
    }

    private long[] timeWrites(int count) {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            latencies[i] = timeOneWrite();
        }
        return latencies;
    }

    private long[] timeWritesUntil(IoCondition done) throws IOException {
        long[] latencies = new long[1024];
        int n = 0;
        while (!done.holds()) {
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = timeOneWrite();
        }
        if (backends.snapshot().backends().size() < nextBackend) {
            throw new IllegalStateException("writes were lost");
        }
        return Arrays.copyOf(latencies, n);
    }

    @FunctionalInterface
    private interface IoCondition {
        boolean holds() throws IOException;
    }

    private static void print(String label, long[] latenciesNs) {
        long[] sorted = latenciesNs.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-32s writes %,6d   p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", label,
                sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Path imagesDir(Path ratis) throws IOException {
        try (Stream<Path> groups = Files.list(ratis)) {
            return groups.filter(Files::isDirectory).findFirst().orElseThrow().resolve("sm");
        }
    }

    private static List<Path> images(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("image\\.\\d+_\\d+")).toList();
        }
    }

    private static long newestIndex(Path dir) throws IOException {
        return images(dir).stream().mapToLong(f -> Long.parseLong(f.getFileName().toString().replaceAll(".*_", "")))
                .max().orElse(-1);
    }

    private static long newestSize(Path dir) throws IOException {
        return Files.size(dir.resolve(images(dir).stream().max(Comparator.comparingLong(f ->
                Long.parseLong(f.getFileName().toString().replaceAll(".*_", "")))).orElseThrow().getFileName()));
    }

    private static String logSegments(Path ratis) throws IOException {
        try (Stream<Path> groups = Files.list(ratis)) {
            Path current = groups.filter(Files::isDirectory).findFirst().orElseThrow().resolve("current");
            try (Stream<Path> files = Files.list(current)) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("log_")).sorted().toList()
                        .toString();
            }
        }
    }

    private static JournalBatch batch(JournalRecord... records) {
        return JournalBatch.newBuilder().addAllRecords(List.of(records)).build();
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
