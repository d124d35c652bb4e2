package io.tessera.fe.txn;

import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lookups over one table's layout that loads need: tablets by id, the partition of a tablet, the
 * backends holding replicas. Immutable once built; safe from any thread.
 */
public final class TableTablets {
    private final Map<Long, TabletDefinition> tablets = new HashMap<>();
    private final Map<Long, Long> partitionOfTablet = new HashMap<>();

    public TableTablets(TableDefinition table) {
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                tablets.put(tablet.getTabletId(), tablet);
                partitionOfTablet.put(tablet.getTabletId(), partition.getPartitionId());
            }
        }
    }

    /** The tablet, or null when the table has no such tablet. */
    public TabletDefinition tablet(long tabletId) {
        return tablets.get(tabletId);
    }

    /** The id of the partition holding the tablet. */
    public long partitionOf(long tabletId) {
        Long partition = partitionOfTablet.get(tabletId);
        if (partition == null) {
            throw new IllegalArgumentException("tablet " + tabletId + " is not part of the table");
        }
        return partition;
    }

    /** The backends holding a replica of any of the tablets, in id order. */
    public Set<Long> backendsOf(Collection<Long> tabletIds) {
        Set<Long> backends = new TreeSet<>();
        for (long tabletId : tabletIds) {
            TabletDefinition tablet = tablets.get(tabletId);
            if (tablet != null) {
                tablet.getReplicasList().forEach(replica -> backends.add(replica.getBackendId()));
            }
        }
        return backends;
    }

    /** Every backend holding a replica of the table. */
    public Set<Long> allBackends() {
        return backendsOf(tablets.keySet());
    }

    /** The replicas of the tablets, by replica id. */
    public Map<Long, ReplicaDefinition> replicasOf(Collection<Long> tabletIds) {
        Map<Long, ReplicaDefinition> replicas = new HashMap<>();
        for (long tabletId : tabletIds) {
            tablets.get(tabletId).getReplicasList().forEach(replica -> replicas.put(replica.getReplicaId(), replica));
        }
        return replicas;
    }
}
