package io.tessera.fe.rpc;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.be.storage.tablet.Replica;
import io.tessera.be.storage.tablet.ReplicaStatus;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.common.Clock;
import io.tessera.fe.testing.ClusterBackend;
import io.tessera.fe.testing.InProcessCluster;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * CloneTablet through the FE's door on an in-process cluster: the destination BE pulls the
 * replica from the source BE (the FE relays nothing) and holds the same rowsets and rows. The
 * catalog is not told (that is the tablet scheduler's record).
 */
class CloneTabletInClusterTest {
    @Test
    void theDestinationPullsTheReplicaFromTheSource() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start(2)) {
            cluster.execute("CREATE DATABASE c");
            cluster.execute("CREATE TABLE c.t (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
                    + "BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
            cluster.execute("INSERT INTO c.t VALUES (1, 10), (2, 20), (3, 30)");
            cluster.execute("INSERT INTO c.t VALUES (4, 40), (5, 50)");
            Map<String, String> replica = maps(cluster.query("ADMIN SHOW REPLICA STATUS FROM c.t")).get(0);
            long tabletId = Long.parseLong(replica.get("TabletId"));
            long sourceReplicaId = Long.parseLong(replica.get("ReplicaId"));
            long sourceBackendId = Long.parseLong(replica.get("BackendId"));
            long version = Long.parseLong(replica.get("Version"));
            List<Map<String, String>> backends = maps(cluster.query("SHOW BACKENDS"));
            Map<String, String> sourceRow = backends.stream()
                    .filter(row -> Long.parseLong(row.get("BackendId")) == sourceBackendId).findFirst().orElseThrow();
            Map<String, String> destinationRow = backends.stream()
                    .filter(row -> Long.parseLong(row.get("BackendId")) != sourceBackendId).findFirst().orElseThrow();
            ClusterBackend source = byHost(cluster, sourceRow.get("Host"));
            ClusterBackend destination = byHost(cluster, destinationRow.get("Host"));
            Replica sourceReplica = source.node().tabletStore().replica(tabletId).orElseThrow();
            long newReplicaId = sourceReplicaId + 1_000_000;
            assertThat(destination.node().tabletStore().replica(tabletId)).isEmpty();

            long timeoutMs = CloneTimeouts.DEFAULT.timeoutMs(sourceReplica.status().dataBytes());
            CloneTabletResponse answer = cluster.backendCalls().cloneTablet(
                    Long.parseLong(destinationRow.get("BackendId")),
                    CloneTabletRequest.newBuilder().setTabletId(tabletId).setReplicaId(newReplicaId)
                            .setTableId(sourceReplica.meta().getTableId())
                            .setPartitionId(sourceReplica.meta().getPartitionId())
                            .setSchema(sourceReplica.schema()).setSourceHost(source.host())
                            .setSourceBePort(source.node().bePort()).setSourceReplicaId(sourceReplicaId)
                            .setVersion(version).setTimeoutMs(timeoutMs).build(),
                    CallDeadline.after(Clock.system(), timeoutMs)).get(60, TimeUnit.SECONDS);

            assertThat(answer.getVersion()).isEqualTo(version);
            assertThat(answer.getRowCount()).isEqualTo(5);
            TabletStore destinationStore = destination.node().tabletStore();
            Replica cloned = destinationStore.replica(tabletId).orElseThrow();
            ReplicaStatus status = cloned.status();
            assertThat(cloned.replicaId()).isEqualTo(newReplicaId);
            assertThat(status.version()).isEqualTo(version);
            assertThat(status.rowCount()).isEqualTo(sourceReplica.status().rowCount()).isEqualTo(5);
            assertThat(cloned.meta().getRowsetsList()).isEqualTo(sourceReplica.meta().getRowsetsList());
            cloned.meta().getRowsetsList().forEach(rowset ->
                    assertThat(Files.isRegularFile(cloned.layout().rowsetFile(rowset.getFileName()))).isTrue());
            // Not in the catalog yet: the FE still knows one replica, on the source.
            assertThat(maps(cluster.query("ADMIN SHOW REPLICA STATUS FROM c.t"))).hasSize(1);
        }
    }

    private static ClusterBackend byHost(InProcessCluster cluster, String host) {
        return cluster.backends().stream().filter(backend -> backend.host().equals(host)).findFirst().orElseThrow();
    }
}
