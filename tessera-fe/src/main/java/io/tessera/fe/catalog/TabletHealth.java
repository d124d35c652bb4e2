package io.tessera.fe.catalog;

import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;

/**
 * A tablet's health, as Doris's tablet checker classifies it: the pure function the health views
 * (and, later, the repair scheduler) use. Stateless.
 */
public final class TabletHealth {
    /** Doris's tablet statuses that can arise so far, in the order they are checked. */
    public enum Status {
        /** No replica is alive and version-complete: the data cannot be read or repaired from Tessera. */
        UNRECOVERABLE,
        /** Fewer alive replicas than the replication number. */
        REPLICA_MISSING,
        /** Enough alive replicas, but some miss versions. */
        VERSION_INCOMPLETE,
        /** Replicas sit on decommissioned backends and must move. */
        REPLICA_RELOCATING,
        /** More replicas than the replication number. */
        REDUNDANT,
        /** Nothing to do. */
        HEALTHY
    }

    private TabletHealth() {
    }

    public static Status of(TabletDefinition tablet, PartitionDefinition partition, int replicationNum,
                            ClusterView cluster) {
        return of(tablet, partition, replicationNum, cluster, UnreadableReplicas.NONE);
    }

    /**
     * A replica counts when its backend {@link ClusterView#isAlive is alive}; it is stable when its
     * backend is also {@link ClusterView#isScheduleAvailable schedule-available} (not decommissioned).
     *
     * @param unreadable replicas reported bad or missing: they count as absent, as on a dead backend
     */
    public static Status of(TabletDefinition tablet, PartitionDefinition partition, int replicationNum,
                            ClusterView cluster, UnreadableReplicas unreadable) {
        int alive = 0;
        int aliveComplete = 0;
        int stable = 0;
        for (ReplicaDefinition replica : tablet.getReplicasList()) {
            long backendId = replica.getBackendId();
            if (!cluster.isAlive(backendId) || unreadable.unreadable(replica.getReplicaId(), backendId)) {
                continue;
            }
            alive++;
            if (replica.getVersion() >= partition.getVisibleVersion()) {
                aliveComplete++;
                if (cluster.isScheduleAvailable(backendId)) {
                    stable++;
                }
            }
        }
        if (aliveComplete == 0) {
            return Status.UNRECOVERABLE;
        }
        if (alive < replicationNum) {
            return Status.REPLICA_MISSING;
        }
        if (aliveComplete < replicationNum) {
            return Status.VERSION_INCOMPLETE;
        }
        if (stable < replicationNum) {
            return Status.REPLICA_RELOCATING;
        }
        if (tablet.getReplicasCount() > replicationNum) {
            return Status.REDUNDANT;
        }
        return Status.HEALTHY;
    }
}
