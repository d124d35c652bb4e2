package io.tessera.fe.report;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the catalog places every replica, indexed for reconciling tablet reports: replica id to
 * its backend and tablet, and backend id to the replicas it should hold. Built from one catalog
 * snapshot. Immutable.
 */
public final class ReplicaIndex {
    public static final ReplicaIndex EMPTY = new ReplicaIndex(Map.of(), Map.of());

    /** Where one replica is placed. */
    public record Placement(long backendId, long tabletId) {
    }

    private final Map<Long, Placement> byReplica;
    private final Map<Long, Set<Long>> replicasByBackend;

    private ReplicaIndex(Map<Long, Placement> byReplica, Map<Long, Set<Long>> replicasByBackend) {
        this.byReplica = byReplica;
        this.replicasByBackend = replicasByBackend;
    }

    public static ReplicaIndex of(CatalogSnapshot snapshot) {
        Map<Long, Placement> byReplica = new HashMap<>();
        Map<Long, Set<Long>> byBackend = new HashMap<>();
        for (DatabaseEntry database : snapshot.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        for (ReplicaDefinition replica : tablet.getReplicasList()) {
                            byReplica.put(replica.getReplicaId(), new Placement(replica.getBackendId(),
                                    tablet.getTabletId()));
                            byBackend.computeIfAbsent(replica.getBackendId(), id -> new HashSet<>())
                                    .add(replica.getReplicaId());
                        }
                    }
                }
            }
        }
        byBackend.replaceAll((backend, replicas) -> Set.copyOf(replicas));
        return new ReplicaIndex(Map.copyOf(byReplica), Map.copyOf(byBackend));
    }

    /** Whether the catalog places this replica of this tablet on this backend. */
    public boolean places(long backendId, long tabletId, long replicaId) {
        Placement placement = byReplica.get(replicaId);
        return placement != null && placement.backendId() == backendId && placement.tabletId() == tabletId;
    }

    /** The replica ids the catalog places on a backend. */
    public Set<Long> replicasOn(long backendId) {
        return replicasByBackend.getOrDefault(backendId, Set.of());
    }
}
