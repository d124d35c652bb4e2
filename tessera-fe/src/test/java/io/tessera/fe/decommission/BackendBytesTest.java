package io.tessera.fe.decommission;

import java.util.OptionalLong;
import io.tessera.fe.catalog.ReplicaSizes;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A leaving backend's data is the sum of the reported sizes of the replicas the catalog places on
 * it: unknown when any of them has no reported size, 0 when it holds none.
 */
class BackendBytesTest {
    /** Tablet 1: replicas 11 on 10001 and 12 on 10002; tablet 2: replica 21 on 10001. */
    private static CatalogSnapshot catalog() {
        PartitionDefinition partition = PartitionDefinition.newBuilder().setPartitionId(3).setName("p")
                .addTablets(TabletDefinition.newBuilder().setTabletId(1).addReplicas(replica(11, 10001))
                        .addReplicas(replica(12, 10002)))
                .addTablets(TabletDefinition.newBuilder().setTabletId(2).addReplicas(replica(21, 10001)))
                .build();
        TableDefinition table = TableDefinition.newBuilder().setTableId(4).setName("t").addPartitions(partition).build();
        return new CatalogSnapshot(Map.of("db", new DatabaseEntry(5, "db", 0, Map.of("t", table))),
                Map.of(10001L, 2L, 10002L, 1L), Map.of(), Map.of(), 1);
    }

    private static ReplicaDefinition.Builder replica(long id, long backendId) {
        return ReplicaDefinition.newBuilder().setReplicaId(id).setBackendId(backendId);
    }

    private static ReplicaSizes sizes(Map<Long, Long> byReplica) {
        return (replicaId, backendId) -> byReplica.containsKey(replicaId) ? OptionalLong.of(byReplica.get(replicaId))
                : OptionalLong.empty();
    }

    @Test
    void theSumOfTheReportedSizesOfTheReplicasTheCatalogPlacesThere() {
        ReplicaSizes sizes = sizes(Map.of(11L, 100L, 12L, 1_000L, 21L, 200L));

        assertThat(BackendBytes.known(catalog(), sizes, 10001)).isEqualTo(300L);
        assertThat(BackendBytes.known(catalog(), sizes, List.of(10001L, 10002L)))
                .isEqualTo(Map.of(10001L, 300L, 10002L, 1_000L));
    }

    @Test
    void aReplicaWithoutAReportedSizeMakesItUnknown() {
        assertThat(BackendBytes.known(catalog(), sizes(Map.of(11L, 100L, 12L, 1_000L)), 10001))
                .as("replica 21 not in its backend's last report").isEqualTo(-1L);
        assertThat(BackendBytes.known(catalog(), ReplicaSizes.NONE, 10002)).as("no report since the FE started")
                .isEqualTo(-1L);
    }

    @Test
    void aBackendWithoutReplicasHoldsNoTabletData() {
        assertThat(BackendBytes.known(catalog(), ReplicaSizes.NONE, 10003)).isZero();
        assertThat(BackendBytes.known(CatalogSnapshot.EMPTY, ReplicaSizes.NONE, List.of(10001L)))
                .isEqualTo(Map.of(10001L, 0L));
    }
}
