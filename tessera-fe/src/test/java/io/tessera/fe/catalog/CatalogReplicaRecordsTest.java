package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.journal.AddReplicaRecord;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropReplicaRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tablet scheduler's records replayed into the catalog: a clone joins its tablet, a removal
 * leaves it, counts per backend follow, and a load that began before a replica was placed never
 * advances it (issue 11, "correct data during moves").
 */
class CatalogReplicaRecordsTest {
    private static final long DATABASE = 1;
    private static final long TABLE = 11;
    private static final long PARTITION = 2;
    private static final long TABLET = 20;

    private final Catalog catalog = new Catalog();
    private final CatalogControl control = new CatalogControl(catalog, new ManualClock(1_000));

    @BeforeEach
    void tableWithTwoReplicas() {
        catalog.replay(JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(DATABASE).setName("db")).build());
        catalog.replay(JournalRecord.newBuilder().setCreateTable(CreateTableRecord.newBuilder().setDatabaseId(DATABASE)
                .setTable(TableDefinition.newBuilder().setTableId(TABLE).setName("t")
                        .addPartitions(PartitionDefinition.newBuilder().setPartitionId(PARTITION).setName("t")
                                .setVisibleVersion(1).addTablets(TabletDefinition.newBuilder().setTabletId(TABLET)
                                        .addReplicas(replica(200, 10000, 1, 0))
                                        .addReplicas(replica(201, 10001, 1, 0)))))).build());
    }

    private static ReplicaDefinition replica(long replicaId, long backendId, long version, long minTransactionId) {
        return ReplicaDefinition.newBuilder().setReplicaId(replicaId).setBackendId(backendId).setVersion(version)
                .setLastFailedVersion(-1).setMinTransactionId(minTransactionId).build();
    }

    private TabletLocation place() {
        return TabletLocation.index(catalog.snapshot()).get(TABLET);
    }

    private void apply(WriteResult<?> result) {
        result.records().forEach(catalog::replay);
    }

    private Map<Long, ReplicaDefinition> replicas() {
        Map<Long, ReplicaDefinition> byId = new java.util.TreeMap<>();
        place().tablet().getReplicasList().forEach(replica -> byId.put(replica.getReplicaId(), replica));
        return byId;
    }

    private void commitAndFinish(long transactionId, long version) {
        catalog.replay(JournalRecord.newBuilder().setCommitTransaction(CommitTransactionRecord.newBuilder()
                .setTransactionId(transactionId).setLabel("l" + transactionId).setDatabaseId(DATABASE).setTableId(TABLE)
                .addPartitions(PartitionVersion.newBuilder().setPartitionId(PARTITION).setVersion(version))).build());
        catalog.replay(JournalRecord.newBuilder().setFinishTransaction(FinishTransactionRecord.newBuilder()
                .setTransactionId(transactionId).setFinishTimeMs(5)).build());
    }

    @Test
    void aCloneJoinsItsTabletAndItsBackendCountsIt() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 1, 50)));

        assertThat(replicas()).containsKeys(200L, 201L, 300L);
        assertThat(catalog.snapshot().replicaCount(10002)).isEqualTo(1);
    }

    @Test
    void aRemovedReplicaLeavesItsTabletAndItsBackendCount() {
        apply(control.generateDropReplica(place(), 200, "redundant"));

        assertThat(replicas()).containsOnlyKeys(201L);
        assertThat(catalog.snapshot().replicaCount(10000)).isZero();
    }

    @Test
    void aLoadThatBeganBeforeAReplicaWasPlacedDoesNotAdvanceIt() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 1, 60)));

        commitAndFinish(55, 2);

        assertThat(replicas().get(200L).getVersion()).isEqualTo(2);
        assertThat(replicas().get(300L).getVersion()).as("placed after load 55 began").isEqualTo(1);
        assertThat(replicas().get(300L).getLastFailedVersion()).isEqualTo(2);
        assertThat(TabletHealth.versionComplete(replicas().get(300L), 2, UnreadableReplicas.NONE)).isFalse();
    }

    @Test
    void aLoadThatBeganAfterAReplicaWasPlacedAdvancesIt() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 1, 60)));

        commitAndFinish(61, 2);

        assertThat(replicas().get(300L).getVersion()).isEqualTo(2);
        assertThat(replicas().get(300L).getLastFailedVersion()).isEqualTo(-1);
    }

    @Test
    void aCloneThatCaughtAVersionBeforeItsFinishKeepsIt() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 2, 60)));

        commitAndFinish(55, 2);

        assertThat(replicas().get(300L).getVersion()).isEqualTo(2);
        assertThat(replicas().get(300L).getLastFailedVersion()).as("it holds version 2 from its source")
                .isEqualTo(-1);
    }

    @Test
    void aReplicaCaughtUpInPlaceIsCompleteAgain() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 1, 60)));
        commitAndFinish(55, 2);
        commitAndFinish(56, 3);
        assertThat(replicas().get(300L).getLastFailedVersion()).isEqualTo(3);

        apply(control.generateCatchUp(place(), 300, 3));

        assertThat(replicas().get(300L).getVersion()).isEqualTo(3);
        assertThat(replicas().get(300L).getLastFailedVersion()).isEqualTo(-1);
        assertThat(TabletHealth.versionComplete(replicas().get(300L), 3, UnreadableReplicas.NONE)).isTrue();
        commitAndFinish(61, 4);
        assertThat(replicas().get(300L).getVersion()).as("a load after it was placed advances it").isEqualTo(4);
    }

    @Test
    void aCatchUpShortOfTheNewestMissedVersionKeepsItMissing() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 1, 60)));
        commitAndFinish(55, 2);
        commitAndFinish(56, 3);

        apply(control.generateCatchUp(place(), 300, 2));

        assertThat(replicas().get(300L).getVersion()).isEqualTo(2);
        assertThat(replicas().get(300L).getLastFailedVersion()).isEqualTo(3);
    }

    @Test
    void nothingIsRecordedForATabletThatIsGoneOrABackendThatHoldsOneAlready() {
        TabletLocation before = place();
        assertThat(control.generateAddReplica(before, replica(300, 10001, 1, 60)).records())
                .as("backend 10001 holds replica 201").isEmpty();

        catalog.replay(JournalRecord.newBuilder().setDropTable(DropTableRecord.newBuilder().setDatabaseId(DATABASE)
                .setTableId(TABLE)).build());

        WriteResult<Boolean> added = control.generateAddReplica(before, replica(300, 10002, 1, 60));
        assertThat(added.records()).isEmpty();
        assertThat(added.response()).isFalse();
        assertThat(control.generateDropReplica(before, 200, "redundant").records()).isEmpty();
    }

    @Test
    void aRecordThatContradictsTheCatalogIsAnInvariantBreak() {
        assertThatThrownBy(() -> catalog.replay(JournalRecord.newBuilder().setAddReplica(AddReplicaRecord.newBuilder()
                .setDatabaseId(DATABASE).setTableId(TABLE).setPartitionId(PARTITION).setTabletId(TABLET)
                .setReplica(replica(300, 10000, 1, 60))).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has replica 200");
        assertThatThrownBy(() -> catalog.replay(JournalRecord.newBuilder().setDropReplica(DropReplicaRecord
                .newBuilder().setDatabaseId(DATABASE).setTableId(TABLE).setPartitionId(PARTITION).setTabletId(TABLET)
                .setReplicaId(999)).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no replica 999");
    }

    @Test
    void aSnapshotKeepsEveryReplicaWithItsFirstTransaction() {
        apply(control.generateAddReplica(place(), replica(300, 10002, 1, 60)));
        Catalog restored = new Catalog();

        catalog.capture().forEachRecord(restored::loadSnapshotRecord);
        restored.finishSnapshotLoad();

        assertThat(restored.snapshot()).isEqualTo(catalog.snapshot());
        assertThat(TabletLocation.index(restored.snapshot()).get(TABLET).tablet().getReplicasList())
                .anySatisfy(replica -> assertThat(replica.getMinTransactionId()).isEqualTo(60));
    }
}
