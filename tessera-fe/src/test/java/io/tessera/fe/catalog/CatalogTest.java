package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.proto.journal.AddPartitionRecord;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropDatabaseRecord;
import io.tessera.proto.journal.DropPartitionRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import org.junit.jupiter.api.Test;

/** Replays catalog records and asserts on the state they leave. */
class CatalogTest {
    private final Catalog catalog = new Catalog();

    private static TableDefinition table() {
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(20).setName("t")
                .setVisibleVersion(1);
        long replicaId = 100;
        for (int tablet = 0; tablet < 2; tablet++) {
            TabletDefinition.Builder definition = TabletDefinition.newBuilder().setTabletId(30 + tablet);
            for (long backend = 10000; backend < 10003; backend++) {
                definition.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(replicaId++).setBackendId(backend)
                        .setVersion(1).setLastFailedVersion(-1));
            }
            partition.addTablets(definition);
        }
        return TableDefinition.newBuilder().setTableId(11).setName("t").addPartitions(partition).build();
    }

    private void createDatabaseAndTable() {
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(table()).build());
    }

    @Test
    void createsDatabasesAndTablesAndCountsReplicasPerBackend() {
        createDatabaseAndTable();
        assertThat(catalog.snapshot().table("db", "t")).contains(table());
        assertThat(catalog.snapshot().replicaCount(10000)).isEqualTo(2);
        assertThat(catalog.snapshot().replicaCount(10005)).isZero();
        assertThatThrownBy(() -> catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(table())
                .build())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFinishedTransactionMakesItsVersionVisibleAndMarksFailedReplicas() {
        createDatabaseAndTable();
        catalog.replay(CommitTransactionRecord.newBuilder().setTransactionId(50).setLabel("l1").setDatabaseId(10)
                .setTableId(11).addPartitions(PartitionVersion.newBuilder().setPartitionId(20).setVersion(2))
                .addFailedReplicaIds(100).build());
        assertThat(catalog.snapshot().committed()).containsKey(50L);
        assertThat(catalog.snapshot().labelUsed(10, "l1")).isTrue();
        assertThat(catalog.snapshot().table("db", "t").orElseThrow().getPartitions(0).getVisibleVersion()).isEqualTo(1);

        catalog.replay(FinishTransactionRecord.newBuilder().setTransactionId(50).setFinishTimeMs(123)
                .addFailedReplicaIds(104).build());
        PartitionDefinition partition = catalog.snapshot().table("db", "t").orElseThrow().getPartitions(0);
        assertThat(partition.getVisibleVersion()).isEqualTo(2);
        assertThat(partition.getVisibleVersionTimeMs()).isEqualTo(123);
        assertThat(partition.getTablets(0).getReplicas(0)).satisfies(r -> {
            assertThat(r.getVersion()).isEqualTo(1);
            assertThat(r.getLastFailedVersion()).isEqualTo(2);
        });
        assertThat(partition.getTablets(0).getReplicas(1).getVersion()).isEqualTo(2);
        assertThat(partition.getTablets(1).getReplicas(1).getLastFailedVersion()).isEqualTo(2);
        assertThat(catalog.snapshot().committed()).isEmpty();
    }

    @Test
    void droppingTablesAndDatabasesForgetsTheirReplicas() {
        createDatabaseAndTable();
        catalog.replay(DropTableRecord.newBuilder().setDatabaseId(10).setTableId(11).build());
        assertThat(catalog.snapshot().table("db", "t")).isEmpty();
        assertThat(catalog.snapshot().replicaCount(10000)).isZero();
        catalog.replay(DropDatabaseRecord.newBuilder().setDatabaseId(10).build());
        assertThat(catalog.snapshot().databases()).isEmpty();
    }

    @Test
    void replicaCountsFollowEveryChangeOfPlacement() {
        createDatabaseAndTable();
        PartitionDefinition second = table().getPartitions(0).toBuilder().setPartitionId(21).setName("p2")
                .setTablets(0, TabletDefinition.newBuilder().setTabletId(40)
                        .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(200).setBackendId(10003)))
                .build();
        catalog.replay(AddPartitionRecord.newBuilder().setDatabaseId(10).setTableId(11).setPartition(second).build());
        assertThat(catalog.snapshot().replicasByBackend())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(10000L, 3L, 10001L, 3L, 10002L, 3L, 10003L, 1L));

        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(12).setName("db2").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(12).setTable(table()).build());
        assertThat(catalog.snapshot().replicaCount(10000)).isEqualTo(5);

        catalog.replay(DropPartitionRecord.newBuilder().setDatabaseId(10).setTableId(11).setPartitionId(21).build());
        assertThat(catalog.snapshot().replicasByBackend())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(10000L, 4L, 10001L, 4L, 10002L, 4L));

        catalog.replay(DropDatabaseRecord.newBuilder().setDatabaseId(12).build());
        assertThat(catalog.snapshot().replicasByBackend())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(10000L, 2L, 10001L, 2L, 10002L, 2L));
    }

    @Test
    void aLoadWhoseDatabaseWasDroppedBeforeItFinishedFinishesWithNothingToShow() {
        createDatabaseAndTable();
        catalog.replay(CommitTransactionRecord.newBuilder().setTransactionId(50).setLabel("l1").setDatabaseId(10)
                .setTableId(11).addPartitions(PartitionVersion.newBuilder().setPartitionId(20).setVersion(2)).build());
        catalog.replay(DropDatabaseRecord.newBuilder().setDatabaseId(10).build());

        catalog.replay(FinishTransactionRecord.newBuilder().setTransactionId(50).setFinishTimeMs(123).build());

        assertThat(catalog.snapshot().committed()).isEmpty();
        assertThat(catalog.snapshot().databases()).isEmpty();
    }

    @Test
    void aBatchIsSeenByReadersOnlyOnceItIsPublishedWhole() {
        catalog.beginBatch();
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(table()).build());
        assertThat(catalog.snapshot().databases()).isEmpty();

        catalog.publishBatch();
        assertThat(catalog.snapshot().table("db", "t")).isPresent();

        catalog.beginBatch();
        catalog.replay(DropTableRecord.newBuilder().setDatabaseId(10).setTableId(11).build());
        catalog.discardBatch();
        assertThat(catalog.snapshot().table("db", "t")).isPresent();
        assertThat(catalog.snapshot().replicaCount(10000)).isEqualTo(2);
    }
}
