package io.tessera.fe.txn;

import io.tessera.common.Clock;
import io.tessera.fe.rpc.CallLimits;
import io.tessera.fe.rpc.GrpcBackendCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.session.SystemVariables;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A load commits only when a majority of each tablet's replicas has its rows AND every earlier
 * version: replicas that missed a version (their backend was down for an earlier load, and no
 * repair has run) cannot publish the new one, so they must not make up the majority. Found by
 * BackendCrashDuringLoadTest: after two different backends had each been down during loads,
 * acknowledged loads were committed on stale replicas only and no replica could ever be read.
 */
class CommitMajorityTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final IdGenerator ids = new IdGenerator();
    private final BackendRegistry registry = new BackendRegistry();
    private final Catalog catalog = new Catalog();
    private final ReplayDispatcher replay = new ReplayDispatcher(java.util.List.of(ids, registry, catalog, new SystemVariables(ZoneOffset.UTC)));
    private final MetadataWriter writer = new MetadataWriter(ids, new LocalJournal(replay));
    private final GrpcBackendCalls channels = GrpcBackendCalls.open(registry::snapshot, id -> {
        throw new IllegalStateException("no backend is reachable in this test");
    }, CallLimits.DEFAULT, Clock.system());

    @AfterEach
    void stop() {
        channels.close();
        writer.close();
    }

    @Test
    void replicasMissingEarlierVersionsDoNotCountTowardsTheMajority() {
        // Replica 31 holds versions 1-3; replicas 32 and 33 missed version 3 (their backends were down).
        TableDefinition table = table(replica(31, 1, 3, -1), replica(32, 2, 2, 3), replica(33, 3, 2, 3));
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);

        assertThatThrownBy(() -> transactions.commit(new LoadCommit(10, table, 40, "l", Set.of(30L),
                Set.of(31L, 32L, 33L), Map.of(), 5)))
                .isInstanceOf(TesseraException.class)
                .hasMessageContaining("tablet 30 was written on 1 of 3 replicas, a majority is needed")
                .hasMessageContaining("backend 2: replica 32 misses earlier versions");
        assertThat(catalog.snapshot().committed()).isEmpty();
        assertThat(catalog.snapshot().labelUsed(10, "l")).isFalse();
    }

    @Test
    void replicasReportedBadOrMissingDoNotCountTowardsTheMajority() {
        TableDefinition table = table(replica(31, 1, 3, -1), replica(32, 2, 3, -1), replica(33, 3, 3, -1));
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock,
                (replicaId, backendId) -> replicaId != 31);

        assertThatThrownBy(() -> transactions.commit(new LoadCommit(10, table, 40, "l", Set.of(30L),
                Set.of(31L, 32L, 33L), Map.of(), 5)))
                .isInstanceOf(TesseraException.class)
                .hasMessageContaining("tablet 30 was written on 1 of 3 replicas, a majority is needed")
                .hasMessageContaining("backend 3: replica 33 is reported bad or missing");
        assertThat(catalog.snapshot().committed()).isEmpty();
    }

    @Test
    void theQuorumIsAMajorityOfTheReplicationNumberNotOfTheReplicas() {
        // Four replicas (one too many) of replication_num 3: two complete written replicas are a majority.
        TableDefinition table = table(replica(31, 1, 3, -1), replica(32, 2, 3, -1), replica(33, 3, 2, 3),
                replica(34, 4, 2, 3));
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);

        transactions.commit(new LoadCommit(10, table, 40, "l", Set.of(30L), Set.of(31L, 32L, 33L, 34L), Map.of(), 5));
        assertThat(catalog.snapshot().labelUsed(10, "l")).isTrue();
    }

    @Test
    void writtenVersionCompleteReplicasMakeTheMajority() {
        TableDefinition table = table(replica(31, 1, 3, -1), replica(32, 2, 3, -1), replica(33, 3, 2, 3));
        LoadTransactions transactions = new LoadTransactions(catalog, writer, channels, clock, UnreadableReplicas.NONE);

        // The majority check passes: the load commits (publishing then fails here, as no backend
        // is reachable, which only marks the replicas as missing the version).
        transactions.commit(new LoadCommit(10, table, 40, "l", Set.of(30L), Set.of(31L, 32L, 33L), Map.of(), 5));
        assertThat(catalog.snapshot().labelUsed(10, "l")).isTrue();
    }

    private TableDefinition table(ReplicaDefinition... replicas) {
        TableDefinition table = TableDefinition.newBuilder().setTableId(11).setName("t")
                .addReplicaAllocation(TagReplicaCount.newBuilder().setLocation("default").setCount(3))
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(20).setName("t").setVisibleVersion(3)
                        .addTablets(TabletDefinition.newBuilder().setTabletId(30).addAllReplicas(java.util.List.of(
                                replicas))))
                .build();
        replay.replay(JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(10).setName("db")).build());
        replay.replay(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder().setDatabaseId(10)
                .setTable(table)).build());
        return table;
    }

    private static ReplicaDefinition replica(long id, long backendId, long version, long lastFailedVersion) {
        return ReplicaDefinition.newBuilder().setReplicaId(id).setBackendId(backendId).setVersion(version)
                .setLastFailedVersion(lastFailedVersion).build();
    }
}
