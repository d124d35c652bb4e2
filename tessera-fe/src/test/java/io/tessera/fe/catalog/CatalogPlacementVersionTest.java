package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.journal.AbortTransactionRecord;
import io.tessera.proto.journal.AddPartitionRecord;
import io.tessera.proto.journal.AddReplicaRecord;
import io.tessera.proto.journal.CatchUpReplicaRecord;
import io.tessera.proto.journal.DropReplicaRecord;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropDatabaseRecord;
import io.tessera.proto.journal.DropPartitionRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.JournalRecord.PayloadCase;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays each catalog record through {@link Catalog#replay(JournalRecord)} and asserts whether the
 * placement version moved: every record that may add, drop or move a replica moves it; the others
 * leave it.
 */
class CatalogPlacementVersionTest {
    /** The record types this class decides; the catalog must replay no other. */
    private static final Set<PayloadCase> DECIDED = EnumSet.of(PayloadCase.CREATE_DATABASE,
            PayloadCase.DROP_DATABASE, PayloadCase.CREATE_TABLE, PayloadCase.DROP_TABLE, PayloadCase.ADD_PARTITION,
            PayloadCase.DROP_PARTITION, PayloadCase.COMMIT_TRANSACTION, PayloadCase.FINISH_TRANSACTION,
            PayloadCase.ABORT_TRANSACTION, PayloadCase.ADD_REPLICA, PayloadCase.DROP_REPLICA, PayloadCase.CATCH_UP_REPLICA);

    private final Catalog catalog = new Catalog();

    /** Partition {@code partitionId} with one tablet {@code partitionId * 10} on backends 10000 and 10001. */
    private static PartitionDefinition partition(long partitionId) {
        long tabletId = partitionId * 10;
        return PartitionDefinition.newBuilder().setPartitionId(partitionId).setName("p" + partitionId)
                .setVisibleVersion(1).addTablets(TabletDefinition.newBuilder().setTabletId(tabletId)
                        .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(tabletId * 10).setBackendId(10000)
                                .setVersion(1))
                        .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(tabletId * 10 + 1)
                                .setBackendId(10001).setVersion(1)))
                .build();
    }

    private static TableDefinition table(long tableId, long partitionId) {
        return TableDefinition.newBuilder().setTableId(tableId).setName("t" + tableId)
                .addPartitions(partition(partitionId)).build();
    }

    private static CommitTransactionRecord commit(long transactionId) {
        return CommitTransactionRecord.newBuilder().setTransactionId(transactionId).setLabel("l" + transactionId)
                .setDatabaseId(1).setTableId(11)
                .addPartitions(PartitionVersion.newBuilder().setPartitionId(2).setVersion(2)).build();
    }

    private long version() {
        return catalog.snapshot().placementVersion();
    }

    @BeforeEach
    void databaseWithATable() {
        catalog.replay(JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(1).setName("db")).build());
        catalog.replay(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder().setDatabaseId(1)
                .setTable(table(11, 2))).build());
    }

    @Test
    void everyRecordTheCatalogReplaysIsDecidedHere() {
        assertThat(catalog.journalRecords()).containsExactlyInAnyOrderElementsOf(DECIDED);
    }

    @Test
    void createDatabasePlacesNoReplica() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(3).setName("db3")).build());

        assertThat(version()).isEqualTo(before);
    }

    @Test
    void dropDatabaseDropsItsReplicas() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setDropDatabase(DropDatabaseRecord.newBuilder().setDatabaseId(1))
                .build());

        assertThat(version()).isGreaterThan(before);
    }

    @Test
    void createTablePlacesReplicas() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder().setDatabaseId(1)
                .setTable(table(12, 5))).build());

        assertThat(version()).isGreaterThan(before);
    }

    @Test
    void dropTableDropsReplicas() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setDropTable(DropTableRecord.newBuilder().setDatabaseId(1)
                .setTableId(11)).build());

        assertThat(version()).isGreaterThan(before);
    }

    @Test
    void addPartitionPlacesReplicas() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setAddPartition(AddPartitionRecord.newBuilder().setDatabaseId(1)
                .setTableId(11).setPartition(partition(3))).build());

        assertThat(version()).isGreaterThan(before);
    }

    @Test
    void dropPartitionDropsReplicas() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setDropPartition(DropPartitionRecord.newBuilder().setDatabaseId(1)
                .setTableId(11).setPartitionId(2)).build());

        assertThat(version()).isGreaterThan(before);
    }

    @Test
    void addReplicaPlacesAReplica() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setAddReplica(AddReplicaRecord.newBuilder().setDatabaseId(1)
                .setTableId(11).setPartitionId(2).setTabletId(20).setReplica(ReplicaDefinition.newBuilder()
                        .setReplicaId(300).setBackendId(10002).setVersion(1).setLastFailedVersion(-1))).build());

        assertThat(version()).isGreaterThan(before);
        assertThat(catalog.snapshot().replicaCount(10002)).isEqualTo(1);
    }

    @Test
    void dropReplicaRemovesAReplica() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setDropReplica(DropReplicaRecord.newBuilder().setDatabaseId(1)
                .setTableId(11).setPartitionId(2).setTabletId(20).setReplicaId(200)).build());

        assertThat(version()).isGreaterThan(before);
        assertThat(catalog.snapshot().replicaCount(10000)).isZero();
    }

    @Test
    void catchUpReplicaChangesAReplicasVersionsNotWhereItIs() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setCatchUpReplica(CatchUpReplicaRecord.newBuilder().setDatabaseId(1)
                .setTableId(11).setPartitionId(2).setTabletId(20).setReplicaId(200).setVersion(3)).build());

        assertThat(version()).isEqualTo(before);
    }

    @Test
    void commitTransactionMovesNoReplica() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setCommitTransaction(commit(50)).build());

        assertThat(version()).isEqualTo(before);
    }

    @Test
    void finishTransactionChangesReplicaVersionsNotWhereTheyAre() {
        catalog.replay(JournalRecord.newBuilder().setCommitTransaction(commit(50)).build());
        TableDefinition loaded = catalog.snapshot().table("db", "t11").orElseThrow();
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setFinishTransaction(FinishTransactionRecord.newBuilder()
                .setTransactionId(50).setFinishTimeMs(7).addFailedReplicaIds(201)).build());

        assertThat(catalog.snapshot().table("db", "t11").orElseThrow()).as("replica versions moved")
                .isNotEqualTo(loaded);
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void abortTransactionChangesNothing() {
        long before = version();

        catalog.replay(JournalRecord.newBuilder().setAbortTransaction(AbortTransactionRecord.newBuilder()
                .setTransactionId(51).setReason("cancelled")).build());

        assertThat(version()).isEqualTo(before);
    }

    /** Loading a metadata snapshot places every replica at once; the version is not part of the image. */
    @Test
    void loadingASnapshotPlacesItsReplicasAndEqualsTheCatalogItWasTakenFrom() {
        catalog.replay(JournalRecord.newBuilder().setAddPartition(AddPartitionRecord.newBuilder().setDatabaseId(1)
                .setTableId(11).setPartition(partition(3))).build());
        Catalog restored = new Catalog();
        long before = restored.snapshot().placementVersion();

        catalog.capture().forEachRecord(restored::loadSnapshotRecord);
        restored.finishSnapshotLoad();

        assertThat(restored.snapshot().placementVersion()).isGreaterThan(before)
                .isNotEqualTo(catalog.snapshot().placementVersion());
        assertThat(restored.snapshot()).isEqualTo(catalog.snapshot()).hasSameHashCodeAs(catalog.snapshot());
    }

    @Test
    void aDiscardedBatchLeavesTheVersionReadersSaw() {
        long before = version();
        catalog.beginBatch();
        catalog.replay(JournalRecord.newBuilder().setDropTable(DropTableRecord.newBuilder().setDatabaseId(1)
                .setTableId(11)).build());

        catalog.discardBatch();

        assertThat(version()).isEqualTo(before);
    }
}
