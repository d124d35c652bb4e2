package io.tessera.be.clone;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tessera.be.load.PeerChannels;
import io.tessera.be.service.BackendServiceImpl;
import io.tessera.be.storage.BackendFailure;
import io.tessera.be.storage.compaction.CompactionConfig;
import io.tessera.be.storage.compaction.CompactionPolicy;
import io.tessera.be.storage.compaction.Compactor;
import io.tessera.be.storage.scan.TabletScanner;
import io.tessera.be.storage.tablet.RowsetCompression;
import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.ReplicaLayout;
import io.tessera.be.storage.tablet.ReplicaReadView;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.GrpcTransport;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.RowsetChunk;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.tablet.RowsetMeta;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clones between two tablet stores in temporary folders, the source served by a real in-process
 * gRPC server (BackendServiceImpl) that a test may tamper with; the destination pulls through
 * PeerChannels.
 */
class CloneTest {
    private static final TabletSchema SCHEMA = Batches.schema(column("id", DataType.BIGINT), varchar("name", 10));
    private static final long TABLET = 10;
    /** The source replica's id (StoreFixture's rule: tablet id + 1). */
    private static final long SOURCE_REPLICA = TABLET + 1;
    private static final long NEW_REPLICA = 77;
    private static final String SOURCE_HOST = "source";
    private static final int SOURCE_PORT = 9060;

    @TempDir
    Path dir;

    private StoreFixture source;
    private StoreFixture destination;
    private ExecutorService sourceThreads;
    private Server server;
    private PeerChannels peers;
    private TabletCloner cloner;
    /** Applied to every message the source sends; the identity unless a test tampers. */
    private volatile UnaryOperator<RowsetChunk> tamper = UnaryOperator.identity();

    @BeforeEach
    void start() throws Exception {
        source = new StoreFixture(dir.resolve("source"));
        destination = new StoreFixture(dir.resolve("destination"));
        destination.store.load();
        sourceThreads = Executors.newFixedThreadPool(2);
        String name = InProcessServerBuilder.generateName();
        ServerInterceptor interceptor = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    @SuppressWarnings("unchecked")
                    public void sendMessage(R message) {
                        super.sendMessage(message instanceof RowsetChunk chunk ? (R) tamper.apply(chunk) : message);
                    }
                }, headers);
            }
        };
        server = InProcessServerBuilder.forName(name).addService(ServerInterceptors.intercept(
                new BackendServiceImpl(source.store, new TabletScanner(source.allocator), sourceThreads, null,
                        new RowsetSource(source.store), sourceThreads), interceptor)).build().start();
        peers = new PeerChannels(new GrpcTransport() {
            @Override
            public ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int listeningPort(Server started, int requestedPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
                assertThat(host + ":" + port).isEqualTo(SOURCE_HOST + ":" + SOURCE_PORT);
                return InProcessChannelBuilder.forName(name);
            }
        });
        cloner = new TabletCloner(destination.store, peers, destination.clock, 60_000);
    }

    @AfterEach
    void stop() throws Exception {
        peers.close();
        server.shutdownNow().awaitTermination();
        sourceThreads.shutdownNow();
        source.close();
        destination.close();
    }

    @Test
    void clonesEveryPublishedRowsetUnderTheNewReplicaId() throws Exception {
        long version = loadVersions(4);

        CloneResult result = cloner.clone(request(version));

        assertThat(result.version()).isEqualTo(version);
        assertThat(result.rowCount()).isEqualTo(4 * 3);
        assertThat(destinationRows(version)).containsExactlyInAnyOrderElementsOf(sourceRows(version));
        assertThat(destination.store.replica(TABLET).orElseThrow().replicaId()).isEqualTo(NEW_REPLICA);
        assertThat(destination.store.replica(TABLET).orElseThrow().meta().getRowsetsList())
                .isEqualTo(source.store.replica(TABLET).orElseThrow().meta().getRowsetsList());
        assertThat(stagingEntries()).isEmpty();
        // Installed durably: a restarted destination loads it, verifying every checksum.
        destination.restart();
        assertThat(destination.store.replica(TABLET).orElseThrow().damage()).isEmpty();
        assertThat(destinationRows(version)).hasSize(12);
    }

    @Test
    void aFlippedByteFailsTheCloneAndInstallsNothing() throws Exception {
        long version = loadVersions(3);
        AtomicBoolean flipped = new AtomicBoolean();
        tamper = chunk -> {
            if (chunk.getData().size() > 10 && flipped.compareAndSet(false, true)) {
                byte[] bytes = chunk.getData().toByteArray();
                bytes[bytes.length / 2] ^= 0x40;
                return chunk.toBuilder().setData(ByteString.copyFrom(bytes)).build();
            }
            return chunk;
        };

        assertThatThrownBy(() -> cloner.clone(request(version)))
                .isInstanceOfSatisfying(BackendFailure.class,
                        e -> assertThat(e.statusCode()).isEqualTo(StatusCode.CORRUPTED))
                .hasMessageContaining("arrived damaged");

        assertThat(flipped).isTrue();
        assertThat(destination.store.replica(TABLET)).isEmpty();
        assertThat(stagingEntries()).isEmpty();
        assertThat(Files.list(destination.roots.get(0).dataDir()).toList()).isEmpty();
    }

    @Test
    void versionsPublishedDuringTheCopyAreCaughtUp() throws Exception {
        long version = loadVersions(2);
        AtomicBoolean published = new AtomicBoolean();
        tamper = chunk -> {
            if (chunk.hasHeader() && published.compareAndSet(false, true)) {
                try {
                    // The source publishes a version while the first fetch is under way.
                    source.load(TABLET, SCHEMA, List.of(row(100L, "late")));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            return chunk;
        };

        CloneResult result = cloner.clone(request(version));

        assertThat(result.version()).isEqualTo(version + 1);
        assertThat(destinationRows(version + 1)).containsExactlyInAnyOrderElementsOf(sourceRows(version + 1));
        assertThat(destinationRows(version + 1)).contains(List.of(100L, "late"));
    }

    @Test
    void aCompactionAcrossTheVersionReachedFetchesTheWholeReplicaAgain() throws Exception {
        long version = loadVersions(3);
        Compactor compactor = new Compactor(new CompactionPolicy(new CompactionConfig(true, 1_000, 2, 1_000,
                1L << 30, 1, Duration.ZERO)), source.allocator, RowsetCompression.ZSTD,
                () -> new UUID(9, 9), source.clock);
        AtomicBoolean compacted = new AtomicBoolean();
        tamper = chunk -> {
            if (chunk.hasHeader() && compacted.compareAndSet(false, true)) {
                try {
                    // While the first fetch is under way, the source publishes a version and merges
                    // every rowset, across the version the first fetch reaches; the files being sent
                    // stay readable until sent.
                    source.load(TABLET, SCHEMA, List.of(row(100L, "late")));
                    assertThat(compactor.compact(source.store.replica(TABLET).orElseThrow())).isPresent();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            return chunk;
        };

        CloneResult result = cloner.clone(request(version));

        assertThat(result.version()).isEqualTo(version + 1);
        List<RowsetMeta> rowsets = destination.store.replica(TABLET).orElseThrow().meta().getRowsetsList();
        assertThat(rowsets).isEqualTo(source.store.replica(TABLET).orElseThrow().meta().getRowsetsList());
        assertThat(rowsets).hasSize(1);
        assertThat(destinationRows(version + 1)).containsExactlyInAnyOrderElementsOf(sourceRows(version + 1))
                .hasSize(10);
        try (Stream<Path> files = Files.list(destination.store.replica(TABLET).orElseThrow().layout().dir())) {
            assertThat(files.filter(file -> file.toString().endsWith(ReplicaLayout.ROWSET_SUFFIX)).toList()).hasSize(1);
        }
    }

    @Test
    void aSourceBelowTheVersionAskedForFailsTheClone() throws Exception {
        long version = loadVersions(2);

        assertThatThrownBy(() -> cloner.clone(request(version + 5)))
                .isInstanceOfSatisfying(BackendFailure.class,
                        e -> assertThat(e.statusCode()).isEqualTo(StatusCode.CONFLICT));
        assertThat(destination.store.replica(TABLET)).isEmpty();
        assertThat(stagingEntries()).isEmpty();
    }

    @Test
    void aPendingRowsetIsNeverSent() throws Exception {
        long version = loadVersions(2);
        source.write(5000, TABLET, Batches.batch(SCHEMA, List.of(row(999L, "pending"))));
        StringBuilder sentFiles = new StringBuilder();
        tamper = chunk -> {
            sentFiles.append(chunk.getFileName()).append(' ');
            chunk.getHeader().getRowsetsList().forEach(rowset -> sentFiles.append(rowset.getFileName()).append(' '));
            return chunk;
        };

        CloneResult result = cloner.clone(request(version));

        assertThat(result.version()).isEqualTo(version);
        assertThat(sentFiles.toString()).doesNotContain(ReplicaLayout.PENDING_DIR).doesNotContain("5000");
        assertThat(destinationRows(version)).doesNotContain(List.of(999L, "pending")).hasSize(6);
        assertThat(destination.store.replica(TABLET).orElseThrow().status().pendingTransactionIds()).isEmpty();
        try (Stream<Path> pending = Files.list(destination.store.replica(TABLET).orElseThrow().layout().pendingDir())) {
            assertThat(pending.toList()).isEmpty();
        }
    }

    @Test
    void anInterruptedCloneLeavesStagingThatTheNextStartRemoves() throws Exception {
        Path staged = CloneStaging.create(destination.roots.get(0), TABLET, NEW_REPLICA);
        Files.write(staged.resolve("2_00000000-0000-0000-0000-000000000001.arrow"), new byte[] {1, 2, 3});
        Files.write(staged.resolve(ReplicaLayout.META_FILE), new byte[] {4});

        destination.restart();

        assertThat(stagingEntries()).isEmpty();
        assertThat(destination.store.replica(TABLET)).isEmpty();
    }

    @Test
    void aCloneCutOffMidCopyLeavesOnlyStagingThatARestartRemoves() throws Exception {
        long version = loadVersions(3);
        String firstFile = source.store.replica(TABLET).orElseThrow().meta().getRowsets(0).getFileName();
        CountDownLatch cutOff = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        tamper = chunk -> {
            if (!chunk.getFileName().isEmpty() && !chunk.getFileName().equals(firstFile) && cutOff.getCount() > 0) {
                cutOff.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return chunk;
        };
        CompletableFuture<CloneResult> clone = CompletableFuture.supplyAsync(() -> {
            try {
                return cloner.clone(request(version));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(cutOff.await(10, TimeUnit.SECONDS)).isTrue();
        Path staged = CloneStaging.folder(destination.roots.get(0), TABLET, NEW_REPLICA);
        // The source holds back the second file's first chunk; the destination has then written the
        // first file whole and opened the second, and waits. Only then does nothing more appear in
        // the staging folder (a restart's sweep running while the clone thread still created the
        // second file failed with DirectoryNotEmptyException).
        String secondFile = source.store.replica(TABLET).orElseThrow().meta().getRowsets(1).getFileName();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(staged.resolve(secondFile)));
        assertThat(staged.resolve(firstFile)).exists();

        // The destination "crashes" here: a new store over the same disks starts.
        destination.restart();

        assertThat(stagingEntries()).isEmpty();
        assertThat(destination.store.replica(TABLET)).isEmpty();
        release.countDown();
        assertThatThrownBy(() -> clone.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(stagingEntries()).isEmpty();
        try (Stream<Path> data = Files.list(destination.roots.get(0).dataDir())) {
            assertThat(data.toList()).isEmpty();
        }
    }

    @Test
    void aSourceFileDamagedOnDiskIsNotSent() throws Exception {
        long version = loadVersions(2);
        Path file = source.store.replica(TABLET).orElseThrow().layout()
                .rowsetFile(source.store.replica(TABLET).orElseThrow().meta().getRowsets(1).getFileName());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        assertThatThrownBy(() -> cloner.clone(request(version)))
                .isInstanceOfSatisfying(BackendFailure.class,
                        e -> assertThat(e.statusCode()).isEqualTo(StatusCode.CORRUPTED))
                .hasMessageContaining("is damaged");
        assertThat(destination.store.replica(TABLET)).isEmpty();
        assertThat(stagingEntries()).isEmpty();
    }

    @Test
    void aTabletHeldAsAnotherReplicaIsNotClonedOver() throws Exception {
        long version = loadVersions(1);
        destination.create(TABLET, SCHEMA);

        assertThatThrownBy(() -> cloner.clone(request(version)))
                .isInstanceOfSatisfying(BackendFailure.class,
                        e -> assertThat(e.statusCode()).isEqualTo(StatusCode.ALREADY_EXISTS));
    }

    @Test
    void aRepeatedCloneOfAnInstalledReplicaAnswersItsVersion() throws Exception {
        long version = loadVersions(2);
        cloner.clone(request(version));

        assertThat(cloner.clone(request(version)).version()).isEqualTo(version);
    }

    @Test
    void aReplicaBehindIsCaughtUpInPlaceAndLaterPublishesOfItsVersionsDoNothing() throws Exception {
        long first = loadVersions(2);
        cloner.clone(request(first));
        long version = first;
        for (int v = 0; v < 2; v++) {
            version = source.load(TABLET, SCHEMA, List.of(row(100L + v, "late" + v)));
        }
        long lastTransaction = source.store.replica(TABLET).orElseThrow().meta()
                .getRowsets(source.store.replica(TABLET).orElseThrow().meta().getRowsetsCount() - 1).getTransactionId();

        CloneResult result = cloner.clone(request(version));

        assertThat(result.version()).isEqualTo(version);
        assertThat(destination.store.replica(TABLET).orElseThrow().replicaId()).isEqualTo(NEW_REPLICA);
        assertThat(destinationRows(version)).containsExactlyInAnyOrderElementsOf(sourceRows(version));
        assertThat(stagingEntries()).isEmpty();
        destination.store.publish(lastTransaction, TABLET, NEW_REPLICA, version);
        destination.restart();
        assertThat(destination.store.replica(TABLET).orElseThrow().damage()).isEmpty();
        assertThat(destinationRows(version)).hasSize(2 * 3 + 2);
    }

    @Test
    void aCatchUpAcrossASourceCompactionReplacesTheMergedVersions() throws Exception {
        long first = loadVersions(3);
        cloner.clone(request(first));
        long version = source.load(TABLET, SCHEMA, List.of(row(100L, "late")));
        Compactor compactor = new Compactor(new CompactionPolicy(new CompactionConfig(true, 1_000, 2, 1_000,
                1L << 30, 1, Duration.ZERO)), source.allocator, RowsetCompression.ZSTD,
                () -> new UUID(9, 9), source.clock);
        assertThat(compactor.compact(source.store.replica(TABLET).orElseThrow())).isPresent();
        assertThat(source.store.replica(TABLET).orElseThrow().meta().getRowsetsList()).as("merged across "
                + first).hasSize(1);

        CloneResult result = cloner.clone(request(version));

        assertThat(result.version()).isEqualTo(version);
        assertThat(destination.store.replica(TABLET).orElseThrow().replicaId()).isEqualTo(NEW_REPLICA);
        assertThat(destination.store.replica(TABLET).orElseThrow().meta().getRowsetsList())
                .isEqualTo(source.store.replica(TABLET).orElseThrow().meta().getRowsetsList());
        assertThat(destinationRows(version)).containsExactlyInAnyOrderElementsOf(sourceRows(version)).hasSize(10);
        destination.restart();
        assertThat(destinationRows(version)).hasSize(10);
    }

    @Test
    void workersRefuseASecondCloneOfATabletAndClonesBeyondTheirBound() throws Exception {
        long version = loadVersions(1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        tamper = chunk -> {
            if (chunk.hasHeader() && entered.getCount() > 0) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return chunk;
        };
        try (CloneWorkers workers = new CloneWorkers(cloner, 1, 1)) {
            CompletableFuture<CloneResult> first = workers.submit(request(version));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<CloneResult> again = workers.submit(request(version));
            CompletableFuture<CloneResult> queued = workers.submit(request(version).toBuilder().setTabletId(20).build());
            CompletableFuture<CloneResult> refused = workers.submit(request(version).toBuilder().setTabletId(30).build());

            assertThat(failureCode(again)).isEqualTo(StatusCode.CONFLICT);
            assertThat(failureCode(refused)).isEqualTo(StatusCode.RESOURCE_EXHAUSTED);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).version()).isEqualTo(version);
            // Tablet 20 is not on the source: the queued clone ran, and failed as the source said.
            assertThat(failureCode(queued)).isEqualTo(StatusCode.NOT_FOUND);
        }
        assertThat(stagingEntries()).isEmpty();
    }

    private static StatusCode failureCode(CompletableFuture<CloneResult> clone) {
        try {
            clone.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the clone succeeded");
        } catch (ExecutionException e) {
            return ((BackendFailure) e.getCause()).statusCode();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates the source tablet and loads {@code versions} versions of 3 rows each; returns the last version. */
    private long loadVersions(int versions) throws IOException {
        source.create(TABLET, SCHEMA);
        long version = 1;
        for (int v = 0; v < versions; v++) {
            int base = v * 3;
            version = source.load(TABLET, SCHEMA, IntStream.range(base, base + 3)
                    .mapToObj(i -> row((long) i, "n" + i)).toList());
        }
        return version;
    }

    private static CloneTabletRequest request(long version) {
        return CloneTabletRequest.newBuilder().setTabletId(TABLET).setReplicaId(NEW_REPLICA).setTableId(100)
                .setPartitionId(200).setSchema(SCHEMA).setSourceHost(SOURCE_HOST).setSourceBePort(SOURCE_PORT)
                .setSourceReplicaId(SOURCE_REPLICA).setVersion(version).setTimeoutMs(30_000).build();
    }

    private List<List<Object>> destinationRows(long version) {
        try (ReplicaReadView view = destination.store.read(TABLET, NEW_REPLICA, version)) {
            return destination.scan(view, StoreFixture.project(SCHEMA)).rows();
        }
    }

    private List<List<Object>> sourceRows(long version) {
        return source.scan(TABLET, version, StoreFixture.project(SCHEMA)).rows();
    }

    private List<Path> stagingEntries() throws IOException {
        Path staging = destination.roots.get(0).cloneStagingDir();
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(staging)) {
            return entries.toList();
        }
    }
}
