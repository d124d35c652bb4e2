package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.proto.journal.AddPartitionRecord;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropPartitionRecord;
import io.tessera.proto.journal.DropTableRecord;
import io.tessera.proto.journal.FinishTransactionRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionVersion;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compact replica index: lookups, and that it is re-indexed only where placement changed. */
class ReplicaIndexTest {
    private final Catalog catalog = new Catalog();

    @BeforeEach
    void createDatabase() {
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(1).setName("db").build());
    }

    /**
     * Partition {@code partitionId} with tablets {@code partitionId * 10 + t}; each tablet's replicas
     * {@code tablet * 10 + r} on backends 10000 + (t + r) % 4, listed in descending replica order.
     */
    private static PartitionDefinition partition(long partitionId, int tablets, int replicas) {
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(partitionId)
                .setName("p" + partitionId).setVisibleVersion(1);
        for (int t = tablets - 1; t >= 0; t--) {
            long tabletId = partitionId * 10 + t;
            TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(tabletId);
            for (int r = replicas - 1; r >= 0; r--) {
                tablet.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(tabletId * 10 + r)
                        .setBackendId(10000 + (t + r) % 4).setVersion(1));
            }
            partition.addTablets(tablet);
        }
        return partition.build();
    }

    private void createTable(long tableId, PartitionDefinition partition) {
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(1).setTable(TableDefinition.newBuilder()
                .setTableId(tableId).setName("t" + tableId).addPartitions(partition)).build());
    }

    private static List<Long> replicasOn(ReplicaIndex index, long backendId) {
        List<Long> replicas = new ArrayList<>();
        index.forEachReplicaOn(backendId, (tableId, replicaId) -> replicas.add(replicaId));
        replicas.sort(null);
        return replicas;
    }

    @Test
    void answersWhereEveryReplicaIsPlaced() {
        createTable(11, partition(2, 3, 3));
        createTable(12, partition(5, 1, 2));

        ReplicaIndex index = ReplicaIndex.of(catalog.snapshot());

        // Tablet 21 (t = 1), replica 212 (r = 2): backend 10000 + 3 % 4.
        assertThat(index.places(10003, 11, 21, 212)).isTrue();
        assertThat(index.places(10003, 21, 212)).isTrue();
        assertThat(index.places(10003, 99, 21, 212)).as("found when the table hint is wrong").isTrue();
        assertThat(index.places(10002, 11, 21, 212)).as("other backend").isFalse();
        assertThat(index.places(10003, 11, 20, 212)).as("other tablet").isFalse();
        assertThat(index.places(10003, 11, 21, 213)).as("unknown replica").isFalse();
        assertThat(index.placesOn(10003, 11, 212)).isTrue();
        assertThat(index.placesOn(10003, 12, 212)).as("other table").isFalse();
        // Backend 10000 holds (t + r) % 4 == 0: 200 and 222 of table 11, 500 of table 12.
        assertThat(replicasOn(index, 10000)).containsExactly(200L, 222L, 500L);
        assertThat(index.replicaCountOn(10000)).isEqualTo(3);
        assertThat(replicasOn(index, 10009)).isEmpty();
        assertThat(ReplicaIndex.EMPTY.places(10000, 20, 200)).isFalse();
    }

    @Test
    void aSearchWithoutTheTableFindsReplicasWhoseTablesIdRangesOverlap() {
        // Table 11's replicas span 200..222 and 900 (a clone added later), table 12's 500..510: overlapping ranges.
        createTable(11, partition(2, 3, 3).toBuilder().setTablets(0, partition(2, 3, 3).getTablets(0).toBuilder()
                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(900).setBackendId(10007).setVersion(1)))
                .build());
        createTable(12, partition(5, 2, 2));

        ReplicaIndex index = ReplicaIndex.of(catalog.snapshot());

        assertThat(index.places(10007, 22, 900)).as("the clone of table 11, above table 12's range").isTrue();
        assertThat(index.places(10001, 51, 510)).as("table 12 inside table 11's range").isTrue();
        assertThat(index.places(10000, 0, 21, 201)).as("unknown table hint").isFalse();
        assertThat(index.places(10001, 0, 20, 201)).isTrue();
        assertThat(index.places(10001, 50, 199)).as("below every range").isFalse();
        assertThat(index.places(10001, 50, 901)).as("above every range").isFalse();
    }

    @Test
    void aSearchWithoutTheTableAnswersAsASearchOfEveryTableOverRandomCatalogs() {
        for (long seed = 1; seed <= 20; seed++) {
            java.util.Random random = new java.util.Random(seed);
            Catalog randomCatalog = new Catalog();
            randomCatalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(1).setName("db").build());
            List<long[]> placed = new ArrayList<>(); // {backend, tablet, replica}
            java.util.Set<Long> usedIds = new java.util.HashSet<>();
            long nextId = 100;
            int tables = 1 + random.nextInt(12);
            for (int t = 0; t < tables; t++) {
                PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(nextId++)
                        .setName("p").setVisibleVersion(1);
                int tablets = random.nextInt(4); // some tables place nothing
                for (int k = 0; k < tablets; k++) {
                    long tabletId = nextId++;
                    TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(tabletId);
                    for (int r = 0; r < 1 + random.nextInt(3); r++) {
                        // Mostly ids allocated with the table; sometimes a far one, as a later clone gets.
                        long replicaId = random.nextInt(4) == 0 ? 10_000 + random.nextInt(1_000_000) : nextId++;
                        if (!usedIds.add(replicaId)) {
                            continue;
                        }
                        long backendId = 10000 + random.nextInt(4);
                        tablet.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(replicaId)
                                .setBackendId(backendId).setVersion(1));
                        placed.add(new long[] {backendId, tabletId, replicaId});
                    }
                    partition.addTablets(tablet);
                }
                randomCatalog.replay(CreateTableRecord.newBuilder().setDatabaseId(1).setTable(TableDefinition
                        .newBuilder().setTableId(nextId++).setName("t" + t).addPartitions(partition)).build());
            }
            ReplicaIndex index = ReplicaIndex.of(randomCatalog.snapshot());
            for (long[] replica : placed) {
                assertThat(index.places(replica[0], replica[1], replica[2])).as("seed %d, replica %d", seed,
                        replica[2]).isTrue();
                assertThat(index.places(replica[0] + 4, replica[1], replica[2])).as("another backend").isFalse();
            }
            for (int probe = 0; probe < 200 && !placed.isEmpty(); probe++) {
                long[] near = placed.get(random.nextInt(placed.size())).clone();
                near[random.nextInt(3)] += random.nextInt(3) - 1; // one of backend, tablet, replica moved by -1..1
                boolean expected = placed.stream().anyMatch(p -> Arrays.equals(p, near));
                assertThat(index.places(near[0], near[1], near[2])).as("seed %d, %s", seed, Arrays.toString(near))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aLoadKeepsTheIndexAndACreateTableReindexesOnlyTheNewTable() {
        createTable(11, partition(2, 3, 3));
        ReplicaIndex first = ReplicaIndex.of(catalog.snapshot());
        catalog.replay(CommitTransactionRecord.newBuilder().setTransactionId(7).setDatabaseId(1).setTableId(11)
                .setLabel("l").addPartitions(PartitionVersion.newBuilder().setPartitionId(2).setVersion(2)).build());
        catalog.replay(FinishTransactionRecord.newBuilder().setTransactionId(7).setFinishTimeMs(5).build());

        assertThat(first.update(catalog.snapshot())).as("versions moved, no replica did").isSameAs(first);

        createTable(12, partition(5, 1, 2));
        ReplicaIndex second = first.update(catalog.snapshot());

        assertThat(second).isNotSameAs(first);
        assertThat(second.sharesTable(first, 11)).as("table 11 changed only versions: not re-indexed").isTrue();
        assertThat(second.places(10000, 12, 50, 500)).isTrue();
    }

    @Test
    void partitionsAndDropsReindexWhatChanged() {
        createTable(11, partition(2, 3, 3));
        createTable(12, partition(5, 1, 2));
        ReplicaIndex before = ReplicaIndex.of(catalog.snapshot());

        catalog.replay(AddPartitionRecord.newBuilder().setDatabaseId(1).setTableId(11).setPartition(partition(3, 1, 1))
                .build());
        ReplicaIndex added = before.update(catalog.snapshot());

        assertThat(added.places(10000, 11, 30, 300)).isTrue();
        assertThat(added.sharesTable(before, 12)).isTrue();
        assertThat(added.sharesTable(before, 11)).isFalse();

        catalog.replay(DropTableRecord.newBuilder().setDatabaseId(1).setTableId(12).build());
        ReplicaIndex dropped = added.update(catalog.snapshot());

        assertThat(dropped.places(10000, 50, 500)).isFalse();
        assertThat(replicasOn(dropped, 10000)).containsExactly(200L, 222L, 300L);
    }

    @Test
    void aPlacementChangeThatLeavesEveryBackendsReplicaCountIsNoticed() {
        createTable(11, partition(2, 3, 3));
        CatalogSnapshot before = catalog.snapshot();
        ReplicaIndex first = ReplicaIndex.of(before);
        catalog.beginBatch();
        catalog.replay(AddPartitionRecord.newBuilder().setDatabaseId(1).setTableId(11).setPartition(partition(3, 3, 3))
                .build());
        catalog.replay(DropPartitionRecord.newBuilder().setDatabaseId(1).setTableId(11).setPartitionId(2).build());
        catalog.publishBatch();
        assertThat(catalog.snapshot().replicasByBackend()).isEqualTo(before.replicasByBackend());

        ReplicaIndex second = first.update(catalog.snapshot());

        assertThat(second.places(10000, 11, 30, 300)).isTrue();
        assertThat(second.places(10000, 11, 20, 200)).isFalse();
    }

    @Test
    void theVersionNotTheCountsTellsThatPlacementChanged() {
        createTable(11, partition(2, 3, 3));
        CatalogSnapshot before = catalog.snapshot();
        ReplicaIndex first = ReplicaIndex.of(before);
        createTable(12, partition(5, 1, 2));
        CatalogSnapshot after = catalog.snapshot();
        // The new placement carrying the old counts, the very same map: only the version tells.
        CatalogSnapshot sameCounts = new CatalogSnapshot(after.databases(), before.replicasByBackend(),
                after.committed(), after.labels(), after.placementVersion());

        ReplicaIndex second = first.update(sameCounts);

        assertThat(second.places(10000, 12, 50, 500)).isTrue();
    }
}
