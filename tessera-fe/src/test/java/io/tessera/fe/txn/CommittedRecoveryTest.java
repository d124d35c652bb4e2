package io.tessera.fe.txn;

import io.tessera.common.Clock;
import io.tessera.fe.rpc.CallLimits;
import io.tessera.fe.rpc.GrpcBackendCalls;
import java.time.ZoneOffset;
import io.tessera.fe.session.SystemVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.TabletVersion;
import io.tessera.common.TesseraException;
import io.tessera.proto.journal.BackendTag;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A load that committed before the FE stopped, with no finish in the journal: after the restart
 * the FE publishes it again once its backend is reachable, and journals the finish.
 */
class CommittedRecoveryTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final IdGenerator ids = new IdGenerator();
    private final BackendRegistry registry = new BackendRegistry();
    private final Catalog catalog = new Catalog();
    private final ReplayDispatcher replay = new ReplayDispatcher(java.util.List.of(ids, registry, catalog, new SystemVariables(ZoneOffset.UTC)));
    private final MetadataWriter writer = new MetadataWriter(ids, new LocalJournal(replay));
    private final List<PublishVersionRequest> published = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> backendVersions = new ConcurrentHashMap<>();
    private Server backend;
    private GrpcBackendCalls channels;

    @BeforeEach
    void start() throws Exception {
        backend = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.50.9", 0))
                .addService(new BackendServiceGrpc.BackendServiceImplBase() {
                    @Override
                    public void publishVersion(PublishVersionRequest request,
                                               StreamObserver<PublishVersionResponse> responses) {
                        published.add(request);
                        // Like a real backend: versions are published in order, a gap fails the tablet.
                        PublishVersionResponse.Builder response = PublishVersionResponse.newBuilder();
                        for (TabletVersion tablet : request.getTabletsList()) {
                            long current = backendVersions.getOrDefault(tablet.getTabletId(), 1L);
                            if (tablet.getVersion() == current + 1) {
                                backendVersions.put(tablet.getTabletId(), tablet.getVersion());
                            } else if (tablet.getVersion() > current) {
                                response.addFailedTabletIds(tablet.getTabletId());
                            }
                        }
                        responses.onNext(response.build());
                        responses.onCompleted();
                    }
                }).build().start();
        int port = backend.getPort();
        channels = GrpcBackendCalls.open(registry::snapshot, id -> new BackendRuntime(port, 8040, -1, -1, 1, 1, true, "",
                "v", 0, "mix", 1, 0, 1, 0, 0, 1, 0, 0, 0, false), CallLimits.DEFAULT, Clock.system());
        replay.replay(JournalRecord.newBuilder().setRegisterBackend(RegisterBackendRecord.newBuilder()
                .setBackendId(1).setHost("127.0.50.9").setHeartbeatPort(9050)
                .addTags(BackendTag.newBuilder().setType("location").setValue("default"))).build());
        replay.replay(JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(10).setName("db")).build());
        replay.replay(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder().setDatabaseId(10)
                .setTable(TableDefinition.newBuilder().setTableId(11).setName("t").addPartitions(PartitionDefinition
                        .newBuilder().setPartitionId(20).setName("t").setVisibleVersion(1).addTablets(TabletDefinition
                                .newBuilder().setTabletId(30).addReplicas(ReplicaDefinition.newBuilder().setReplicaId(31)
                                        .setBackendId(1).setVersion(1).setLastFailedVersion(-1)))))).build());
        replay.replay(JournalRecord.newBuilder().setCommitTransaction(CommitTransactionRecord.newBuilder()
                .setTransactionId(40).setLabel("l").setDatabaseId(10).setTableId(11)
                .addPartitions(PartitionVersion.newBuilder().setPartitionId(20).setVersion(2))).build());
    }

    @AfterEach
    void stop() throws Exception {
        channels.close();
        writer.close();
        backend.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void waitsForTheBackendThenPublishesAndFinishes() {
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);
        transactions.recoverCommitted(id -> false, clock.wallMillis() + 60_000);
        assertThat(published).isEmpty();
        assertThat(catalog.snapshot().committed()).containsKey(40L);

        transactions.recoverCommitted(id -> true, clock.wallMillis() + 60_000);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).getTransactionId()).isEqualTo(40);
        assertThat(published.get(0).getTablets(0).getVersion()).isEqualTo(2);
        assertThat(catalog.snapshot().committed()).isEmpty();
        PartitionDefinition partition = catalog.snapshot().table("db", "t").orElseThrow().getPartitions(0);
        assertThat(partition.getVisibleVersion()).isEqualTo(2);
        assertThat(partition.getTablets(0).getReplicas(0).getVersion()).isEqualTo(2);
    }

    /**
     * A new load of the table must not commit while an earlier version is still unpublished: its
     * version would come after the gap, every backend would refuse to publish it, and the
     * acknowledged load could never be read. Found by reasoning over FrontendCrashTest's runs.
     */
    @Test
    void aLoadOfTheTableIsRefusedUntilTheEarlierCommittedVersionIsPublished() {
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);
        TableDefinition table = catalog.snapshot().table("db", "t").orElseThrow();
        LoadCommit load = new LoadCommit(10, table, 41, "next", Set.of(30L), Set.of(31L), Map.of(), 1);

        assertThatThrownBy(() -> transactions.commit(load)).isInstanceOf(TesseraException.class)
                .hasMessageContaining("committed before the FE restarted");
        assertThat(catalog.snapshot().committed()).containsOnlyKeys(40L);
        assertThat(catalog.snapshot().labelUsed(10, "next")).isFalse();

        transactions.recoverCommitted(id -> true, clock.wallMillis() + 60_000);
        transactions.commit(new LoadCommit(10, table, 42, "next", Set.of(30L), Set.of(31L), Map.of(), 1));
        PartitionDefinition partition = catalog.snapshot().table("db", "t").orElseThrow().getPartitions(0);
        assertThat(partition.getVisibleVersion()).isEqualTo(3);
        assertThat(partition.getTablets(0).getReplicas(0).getVersion()).isEqualTo(3);
        assertThat(partition.getTablets(0).getReplicas(0).getLastFailedVersion()).isEqualTo(-1);
    }

    @Test
    void afterTheGraceTimeUnreachableReplicasAreRecordedAsMissingTheVersion() {
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);
        transactions.recoverCommitted(id -> false, clock.wallMillis() - 1);
        assertThat(catalog.snapshot().committed()).isEmpty();
        assertThat(catalog.snapshot().table("db", "t").orElseThrow().getPartitions(0).getVisibleVersion()).isEqualTo(2);
    }

    @Test
    void aTableWaitingForItsBackendDoesNotHoldUpAnotherTable() {
        replay.replay(JournalRecord.newBuilder().setRegisterBackend(RegisterBackendRecord.newBuilder()
                .setBackendId(2).setHost("127.0.50.9").setHeartbeatPort(9051)
                .addTags(BackendTag.newBuilder().setType("location").setValue("default"))).build());
        replay.replay(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder().setDatabaseId(10)
                .setTable(TableDefinition.newBuilder().setTableId(12).setName("u").addPartitions(PartitionDefinition
                        .newBuilder().setPartitionId(21).setName("u").setVisibleVersion(1).addTablets(TabletDefinition
                                .newBuilder().setTabletId(32).addReplicas(ReplicaDefinition.newBuilder().setReplicaId(33)
                                        .setBackendId(2).setVersion(1).setLastFailedVersion(-1)))))).build());
        replay.replay(JournalRecord.newBuilder().setCommitTransaction(CommitTransactionRecord.newBuilder()
                .setTransactionId(45).setLabel("m").setDatabaseId(10).setTableId(12)
                .addPartitions(PartitionVersion.newBuilder().setPartitionId(21).setVersion(2))).build());
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);

        // Backend 1 (table t, the older transaction 40) is unreachable; backend 2 (table u) is not.
        transactions.recoverCommitted(id -> id == 2, clock.wallMillis() + 60_000);

        assertThat(catalog.snapshot().committed()).containsOnlyKeys(40L);
        assertThat(catalog.snapshot().table("db", "u").orElseThrow().getPartitions(0).getVisibleVersion()).isEqualTo(2);
    }
}
