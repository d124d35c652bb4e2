package io.tessera.fe.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.txn.RunningLoads.RunningLoad;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.TabletWrite;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import org.junit.jupiter.api.Test;

/** What a backend reports it wrote is checked against the table before anything commits. */
class TabletWritesTest {
    private static final TableDefinition TABLE = TableDefinition.newBuilder().setTableId(5).setName("t")
            .addPartitions(partition(100, 1, 2)).addPartitions(partition(200, 3, 4)).build();
    private static final RunningLoad LOAD = new RunningLoad(9, 1, "l", TABLE, 0, 600);

    private static PartitionDefinition partition(long id, long... tablets) {
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(id).setName("p" + id);
        for (long tablet : tablets) {
            TabletDefinition.Builder definition = TabletDefinition.newBuilder().setTabletId(tablet);
            for (int r = 0; r < 3; r++) {
                definition.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(tablet * 10 + r).setBackendId(r));
            }
            partition.addTablets(definition);
        }
        return partition.build();
    }

    private static TabletWrite write(long tablet, long... replicas) {
        TabletWrite.Builder write = TabletWrite.newBuilder().setTabletId(tablet).addErrors("backend down");
        for (long replica : replicas) {
            write.addWrittenReplicaIds(replica);
        }
        return write.build();
    }

    @Test
    void aWholePartitionBecomesACommit() {
        LoadCommit commit = TabletWrites.toCommit(LOAD, new TableTablets(TABLE), CommitLoadRequest.newBuilder()
                .addTablets(write(1, 10, 11)).addTablets(write(2, 20, 21, 22)).setLoadedRows(7).build());
        assertThat(commit.tabletIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(commit.writtenReplicaIds()).containsExactlyInAnyOrder(10L, 11L, 20L, 21L, 22L);
        assertThat(commit.replicaErrors()).containsOnlyKeys(12L);
        assertThat(commit.loadedRows()).isEqualTo(7);
        assertThat(commit.label()).isEqualTo("l");
    }

    @Test
    void refusesForeignTabletsForeignReplicasAndHalfPartitions() {
        TableTablets layout = new TableTablets(TABLE);
        assertThatThrownBy(() -> TabletWrites.toCommit(LOAD, layout, CommitLoadRequest.newBuilder()
                .addTablets(write(7, 70)).build())).hasMessage("tablet 7 is not a tablet of table 't'");
        assertThatThrownBy(() -> TabletWrites.toCommit(LOAD, layout, CommitLoadRequest.newBuilder()
                .addTablets(write(1, 20)).addTablets(write(2, 20)).build()))
                .hasMessage("replica 20 is not a replica of tablet 1");
        assertThatThrownBy(() -> TabletWrites.toCommit(LOAD, layout, CommitLoadRequest.newBuilder()
                .addTablets(write(3, 30)).build()))
                .hasMessage("tablet 4 of partition p200 was not written; every tablet of a loaded partition must be");
    }
}
