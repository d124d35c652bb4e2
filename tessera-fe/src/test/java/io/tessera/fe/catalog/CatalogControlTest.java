package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ErrorCode;
import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.meta.IdAllocatorForTests;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generates catalog records with CatalogControl, replays them into a Catalog, and asserts on the state. */
class CatalogControlTest {
    private final Catalog catalog = new Catalog();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final CatalogControl control = new CatalogControl(catalog, clock);

    private <T> T apply(WriteResult<T> result) {
        for (JournalRecord record : result.records()) {
            catalog.replay(record);
        }
        return result.response();
    }

    private static TableDefinition table(long tableId, String name, long partitionId, String partitionName) {
        return TableDefinition.newBuilder().setTableId(tableId).setName(name).addPartitions(
                partition(partitionId, partitionName)).build();
    }

    private static PartitionDefinition partition(long partitionId, String name) {
        return PartitionDefinition.newBuilder().setPartitionId(partitionId).setName(name).setVisibleVersion(1)
                .addTablets(TabletDefinition.newBuilder().setTabletId(partitionId + 1).addReplicas(
                        ReplicaDefinition.newBuilder().setReplicaId(partitionId + 2).setBackendId(10000)
                                .setVersion(1).setLastFailedVersion(-1)))
                .build();
    }

    private long createDatabaseAndTable() {
        apply(control.generateCreateDatabase("db", false, new IdAllocatorForTests(10).allocator()));
        apply(control.generateCreateTable("db", table(11, "t", 20, "p1")));
        return catalog.snapshot().database("db").orElseThrow().id();
    }

    @Test
    void createDatabaseTakesAnIdAndTheTimeAndRefusesATakenNameUnlessIfNotExists() {
        createDatabaseAndTable();
        DatabaseEntry database = catalog.snapshot().database("db").orElseThrow();
        assertThat(database.id()).isEqualTo(10);
        assertThat(database.createTimeMs()).isEqualTo(1_700_000_000_000L);

        assertThatThrownBy(() -> control.generateCreateDatabase("db", false, new IdAllocatorForTests(50).allocator()))
                .hasMessage("Can't create database 'db'; database exists");
        assertThat(control.generateCreateDatabase("db", true, new IdAllocatorForTests(50).allocator()).records())
                .isEmpty();
    }

    @Test
    void dropDatabaseHandsBackWhatWasDroppedOrNothingWithIfExists() {
        createDatabaseAndTable();
        DatabaseEntry dropped = apply(control.generateDropDatabase("db", false));

        assertThat(dropped.tables()).containsKey("t");
        assertThat(catalog.snapshot().database("db")).isEmpty();
        assertThat(control.generateDropDatabase("db", true).response()).isNull();
        assertThatThrownBy(() -> control.generateDropDatabase("db", false))
                .hasMessage("Can't drop database 'db'; database doesn't exist");
    }

    @Test
    void createTableChecksTheNameAgainWhenTheReplicasExist() {
        createDatabaseAndTable();
        assertThat(catalog.snapshot().table("db", "t")).isPresent();

        assertThatThrownBy(() -> control.generateCreateTable("db", table(12, "t", 30, "p1")))
                .isInstanceOfSatisfying(TesseraException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TABLE_EXISTS))
                .hasMessage("Table 't' already exists");
        assertThatThrownBy(() -> control.generateCreateTable("nope", table(12, "u", 30, "p1")))
                .hasMessage("Unknown database 'nope'");
    }

    @Test
    void dropTableAndPartitionsGoThroughTheOneLookup() {
        createDatabaseAndTable();
        apply(control.generateAddPartition("db", "t", 11, partition(40, "p2")));
        assertThat(catalog.snapshot().table("db", "t").orElseThrow().getPartitionsCount()).isEqualTo(2);

        PartitionDefinition droppedPartition = apply(control.generateDropPartition("db", "t", "p2", false));
        assertThat(droppedPartition.getPartitionId()).isEqualTo(40);
        assertThat(control.generateDropPartition("db", "t", "p2", true).records()).isEmpty();
        assertThatThrownBy(() -> control.generateDropPartition("db", "t", "p2", false))
                .hasMessage("Error in list of partitions to p2");

        TableDefinition droppedTable = apply(control.generateDropTable("db", "t", false));
        assertThat(droppedTable.getTableId()).isEqualTo(11);
        assertThatThrownBy(() -> control.generateDropTable("db", "t", false))
                .isInstanceOfSatisfying(TesseraException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE))
                .hasMessage("Unknown table 't'");
        assertThat(control.generateDropTable("db", "t", true).response()).isNull();
    }

    @Test
    void addPartitionRefusesATableReplacedSinceTheDraft() {
        createDatabaseAndTable();
        apply(control.generateDropTable("db", "t", false));
        apply(control.generateCreateTable("db", table(12, "t", 30, "p1")));

        assertThatThrownBy(() -> control.generateAddPartition("db", "t", 11, partition(40, "p2")))
                .isInstanceOfSatisfying(TesseraException.class,
                        e -> assertThat(e.code().category()).isEqualTo(ErrorCode.Category.CONFLICT));
    }

    @Test
    void aCommitTakesTheVersionAfterEveryUnfinishedCommitAndAFinishMakesItVisible() {
        long databaseId = createDatabaseAndTable();
        CommitTransactionRecord first = apply(control.generateCommit(new CatalogControl.LoadToCommit(
                100, "l1", databaseId, 11, 5, Set.of(20L), List.of())));
        CommitTransactionRecord second = apply(control.generateCommit(new CatalogControl.LoadToCommit(
                101, "l2", databaseId, 11, 7, Set.of(20L), List.of(22L))));

        assertThat(first.getPartitions(0).getVersion()).isEqualTo(2);
        assertThat(second.getPartitions(0).getVersion()).as("after the unfinished first commit").isEqualTo(3);
        assertThat(second.getFailedReplicaIdsList()).containsExactly(22L);

        apply(control.generateFinish(100, List.of()));
        apply(control.generateFinish(101, List.of()));
        assertThat(catalog.snapshot().table("db", "t").orElseThrow().getPartitions(0).getVisibleVersion())
                .isEqualTo(3);
        assertThatThrownBy(() -> control.generateCommit(new CatalogControl.LoadToCommit(
                102, "l1", databaseId, 11, 1, Set.of(20L), List.of())))
                .hasMessage("Label [l1] has already been used.");
    }

    @Test
    void aCommitWhoseTableWasDroppedIsAConflict() {
        long databaseId = createDatabaseAndTable();
        apply(control.generateDropTable("db", "t", false));

        assertThatThrownBy(() -> control.generateCommit(new CatalogControl.LoadToCommit(
                100, "l1", databaseId, 11, 5, Set.of(20L), List.of())))
                .isInstanceOfSatisfying(TesseraException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("the table was dropped during the load");
    }
}
