package io.tessera.fe.txn;

import io.tessera.common.TesseraException;
import io.tessera.fe.txn.RunningLoads.RunningLoad;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.TabletWrite;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks what a backend says a Stream Load wrote and turns it into a {@link LoadCommit}: every
 * tablet must belong to the table, every replica named must be a replica of its tablet, and every
 * tablet of a partition the load touched must be listed (a partition moves to its new version as a
 * whole). Stateless.
 */
final class TabletWrites {
    private TabletWrites() {
    }

    static LoadCommit toCommit(RunningLoad load, TableTablets layout, CommitLoadRequest request) {
        Set<Long> tabletIds = new HashSet<>();
        Set<Long> written = new HashSet<>();
        Map<Long, String> errors = new HashMap<>();
        Set<Long> partitions = new HashSet<>();
        for (TabletWrite write : request.getTabletsList()) {
            TabletDefinition tablet = layout.tablet(write.getTabletId());
            if (tablet == null) {
                throw new TesseraException("tablet " + write.getTabletId() + " is not a tablet of table '"
                        + load.table().getName() + "'");
            }
            tabletIds.add(tablet.getTabletId());
            partitions.add(layout.partitionOf(tablet.getTabletId()));
            Set<Long> replicas = new HashSet<>();
            tablet.getReplicasList().forEach(r -> replicas.add(r.getReplicaId()));
            for (long replicaId : write.getWrittenReplicaIdsList()) {
                if (!replicas.contains(replicaId)) {
                    throw new TesseraException("replica " + replicaId + " is not a replica of tablet "
                            + tablet.getTabletId());
                }
                written.add(replicaId);
            }
            String reasons = String.join("; ", write.getErrorsList());
            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                if (!written.contains(replica.getReplicaId()) && !reasons.isEmpty()) {
                    errors.put(replica.getReplicaId(), reasons);
                }
            }
        }
        for (PartitionDefinition partition : load.table().getPartitionsList()) {
            if (partitions.contains(partition.getPartitionId())) {
                for (TabletDefinition tablet : partition.getTabletsList()) {
                    if (!tabletIds.contains(tablet.getTabletId())) {
                        throw new TesseraException("tablet " + tablet.getTabletId() + " of partition "
                                + partition.getName() + " was not written; every tablet of a loaded partition must be");
                    }
                }
            }
        }
        return new LoadCommit(load.databaseId(), load.table(), load.transactionId(), load.label(), tabletIds,
                written, errors, request.getLoadedRows());
    }
}
