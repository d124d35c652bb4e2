package io.tessera.fe.replication;

import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.ddl.ReplicaCreator;
import io.tessera.proto.backend.CloneTabletRequest;

/**
 * The CloneTablet request the destination backend runs: which replica to fetch from where, under
 * which new replica id, the version it must reach at least, and how long it may take. Pure.
 */
final class CloneRequests {
    private CloneRequests() {
    }

    /**
     * @param place           the tablet as the round saw it (table schema, partition's visible version)
     * @param source          the source backend
     * @param sourceBePort    its data port
     * @param sourceReplicaId the replica fetched from it
     * @param replicaId       the new replica's id on the destination
     * @param timeoutMs       how long the clone may take ({@code rpc.CloneTimeouts})
     */
    static CloneTabletRequest build(TabletLocation place, Backend source, int sourceBePort, long sourceReplicaId,
                                    long replicaId, long timeoutMs) {
        return CloneTabletRequest.newBuilder()
                .setTabletId(place.tabletId())
                .setReplicaId(replicaId)
                .setTableId(place.table().getTableId())
                .setPartitionId(place.partition().getPartitionId())
                .setSchema(ReplicaCreator.schema(place.table()))
                .setSourceHost(source.host())
                .setSourceBePort(sourceBePort)
                .setSourceReplicaId(sourceReplicaId)
                .setVersion(place.partition().getVisibleVersion())
                .setTimeoutMs(timeoutMs)
                .build();
    }
}
