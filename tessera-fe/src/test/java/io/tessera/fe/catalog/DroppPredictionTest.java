package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.DroppPrediction.Outcome;
import io.tessera.fe.catalog.DroppPrediction.Row;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.journal.DropBackendRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The DROPP prediction over hand-written catalogs: backends 1, 2, 3 alive, 4 dead; the cluster
 * after is built the way the executor builds it, by replaying DROP_BACKEND records onto a copy of
 * the registry.
 */
class DroppPredictionTest {
    private static final long VERSION = 3;
    private static final UnreadableReplicas NONE = (replicaId, backendId) -> false;

    private final BackendRegistry registry = new BackendRegistry();
    private final Map<Long, BackendRuntime> runtimes = new HashMap<>();
    private final Map<String, TableDefinition> tables = new LinkedHashMap<>();
    private long nextReplicaId = 1000;

    DroppPredictionTest() {
        register(1, true);
        register(2, true);
        register(3, true);
        register(4, false);
    }

    @Test
    void aSoleReplicaOnTheDroppedBackendIsLost() {
        table("single", 1, tablet(10, 1), tablet(11, 2));

        assertThat(predict(1)).containsExactly(new Row("db", "single", "p1", 10, 1, 0, Outcome.LOST));
    }

    @Test
    void aTabletWhoseOtherCompleteReplicaIsOnADeadBackendIsUnavailable() {
        table("pair", 2, tablet(10, 1, 4));

        assertThat(predict(1)).containsExactly(new Row("db", "pair", "p1", 10, 2, 1, Outcome.UNAVAILABLE));
    }

    @Test
    void aTabletWithSurvivorsOnAliveBackendsIsUnderReplicated() {
        table("triple", 3, tablet(10, 1, 2, 3));

        assertThat(predict(1)).containsExactly(new Row("db", "triple", "p1", 10, 3, 2, Outcome.UNDER_REPLICATED));
    }

    @Test
    void survivorsThatMissVersionsMakeTheTabletUnrecoverable() {
        TabletDefinition tablet = TabletDefinition.newBuilder().setTabletId(10)
                .addReplicas(replica(1, VERSION)).addReplicas(replica(2, VERSION - 1)).build();
        table("behind", 2, tablet);

        assertThat(predict(1)).containsExactly(new Row("db", "behind", "p1", 10, 2, 1, Outcome.UNRECOVERABLE));
    }

    @Test
    void unaffectedTabletsAndOnesLeftHealthyGiveNoRow() {
        table("elsewhere", 2, tablet(10, 2, 3));
        table("redundant", 2, tablet(11, 1, 2, 3));

        assertThat(predict(1)).isEmpty();
    }

    @Test
    void severalBackendsAreEvaluatedTogether() {
        table("triple", 3, tablet(10, 1, 2, 3), tablet(11, 1, 2, 4), tablet(12, 2, 3, 4));
        table("pair", 2, tablet(20, 1, 2), tablet(21, 3, 4));

        assertThat(predict(1, 2)).containsExactly(
                new Row("db", "pair", "p1", 20, 2, 0, Outcome.LOST),
                new Row("db", "triple", "p1", 10, 3, 1, Outcome.UNDER_REPLICATED),
                new Row("db", "triple", "p1", 11, 3, 1, Outcome.UNAVAILABLE),
                new Row("db", "triple", "p1", 12, 3, 2, Outcome.UNDER_REPLICATED));
    }

    @Test
    void theLostRowsAreWhatTheClassifierCallsLostOnceTheDropIsReplayed() {
        table("single", 1, tablet(10, 1), tablet(11, 2), tablet(12, 1));
        table("pair", 2, tablet(20, 1, 4), tablet(21, 1, 2));
        List<Long> predicted = predict(1).stream().filter(row -> row.outcome() == Outcome.LOST)
                .map(Row::tabletId).toList();

        registry.replay(drop(1));
        ClusterView dropped = ClusterView.of(registry.snapshot(), runtimes::get);
        List<Long> lost = new ArrayList<>();
        for (TableDefinition table : tables.values()) {
            for (TabletDefinition tablet : table.getPartitions(0).getTabletsList()) {
                if (TabletHealth.classify(tablet, VERSION, table.getReplicaAllocationList(), dropped, NONE).status()
                        == TabletHealth.Status.LOST) {
                    lost.add(tablet.getTabletId());
                }
            }
        }
        assertThat(predicted).containsExactly(10L, 12L).isEqualTo(lost);
    }

    @Test
    void thePredictionChangesNothing() {
        table("single", 1, tablet(10, 1));
        BackendRegistry.Snapshot before = registry.snapshot();

        predict(1);

        assertThat(registry.snapshot()).isSameAs(before);
    }

    private List<Row> predict(long... backendIds) {
        List<JournalRecord> records = new ArrayList<>();
        Set<Long> dropped = new LinkedHashSet<>();
        for (long id : backendIds) {
            records.add(drop(id));
            dropped.add(id);
        }
        ClusterView now = ClusterView.of(registry.snapshot(), runtimes::get);
        ClusterView after = now.afterReplaying(records);
        return DroppPrediction.predict(catalog(), now, after, dropped, NONE);
    }

    private static JournalRecord drop(long backendId) {
        return JournalRecord.newBuilder().setDropBackend(DropBackendRecord.newBuilder().setBackendId(backendId)).build();
    }

    private CatalogSnapshot catalog() {
        DatabaseEntry database = new DatabaseEntry(1, "db", 0, new LinkedHashMap<>(tables));
        return new CatalogSnapshot(Map.of("db", database), Map.of(), Map.of(), Map.of(), 0);
    }

    private void table(String name, int replicationNum, TabletDefinition... tablets) {
        tables.put(name, TableDefinition.newBuilder().setTableId(100 + tables.size()).setName(name)
                .addReplicaAllocation(TagReplicaCount.newBuilder().setLocation("default").setCount(replicationNum))
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(200 + tables.size()).setName("p1")
                        .setVisibleVersion(VERSION).addAllTablets(List.of(tablets)))
                .build());
    }

    private TabletDefinition tablet(long tabletId, long... backendIds) {
        TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(tabletId);
        for (long backendId : backendIds) {
            tablet.addReplicas(replica(backendId, VERSION));
        }
        return tablet.build();
    }

    private ReplicaDefinition replica(long backendId, long version) {
        return ReplicaDefinition.newBuilder().setReplicaId(nextReplicaId++).setBackendId(backendId)
                .setVersion(version).setLastFailedVersion(-1).build();
    }

    private void register(long id, boolean alive) {
        registry.replay(BackendRegistry.toImage(new Backend(id, "127.0.65." + id, 9050,
                Map.of("location", "default"), false, false, false)));
        runtimes.put(id, new BackendRuntime(9060, 8040, -1, -1, 1, 1, alive, "", "v", 0, "mix", 1, 0, 1, 0, 0,
                50L << 30, 100L << 30, 0.0, 0, false));
    }
}
