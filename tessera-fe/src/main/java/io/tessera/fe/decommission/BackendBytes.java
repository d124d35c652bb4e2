package io.tessera.fe.decommission;

import java.util.OptionalLong;
import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A leaving backend's tablet data as the FE knows it now, or -1 when it does not: what a job
 * records at its start (bytesAtStart) and end (bytes moved = start minus this) and what SHOW
 * DECOMMISSION shows as BytesLeft. The figure is the sum of the last reported sizes
 * ({@link ReplicaSizes}, from the tablet reports) of the replicas the catalog places on the
 * backend now, so it moves with ReplicasLeft as the scheduler moves replicas off; the backend's
 * DataUsedCapacity from heartbeats lags the catalog by up to a report and is not used. It is
 * unknown (never 0 for "unknown") when the backend has not reported since this FE started or any
 * of those replicas has no reported size (a replica cloned onto it after its last report); a dead
 * backend's last report still counts. A backend that holds no replica holds no tablet data: 0.
 *
 * <p>Cost: one pass over every replica of the catalog per call (the multi-backend form does one
 * pass for all of them), skipped when none of the backends holds a replica. SHOW DECOMMISSION
 * makes one pass per statement; the job changes one per job they end or start.
 *
 * <p>Threading: stateless.
 */
public final class BackendBytes {
    private BackendBytes() {
    }

    /** The backend's tablet data in bytes, -1 when not known. */
    public static long known(CatalogSnapshot catalog, ReplicaSizes sizes, long backendId) {
        return known(catalog, sizes, Set.of(backendId)).get(backendId);
    }

    /** Each backend's tablet data in bytes, -1 when not known, in one pass over the catalog. */
    public static Map<Long, Long> known(CatalogSnapshot catalog, ReplicaSizes sizes, Collection<Long> backendIds) {
        Map<Long, Long> bytes = new HashMap<>();
        boolean anyReplica = false;
        for (long backendId : backendIds) {
            bytes.put(backendId, 0L);
            anyReplica |= catalog.replicaCount(backendId) > 0;
        }
        if (!anyReplica) {
            return bytes;
        }
        for (DatabaseEntry database : catalog.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        for (ReplicaDefinition replica : tablet.getReplicasList()) {
                            Long sum = bytes.get(replica.getBackendId());
                            if (sum == null || sum < 0) {
                                continue;
                            }
                            OptionalLong size = sizes.bytes(replica.getReplicaId(), replica.getBackendId());
                            bytes.put(replica.getBackendId(), size.isEmpty() ? -1 : sum + size.getAsLong());
                        }
                    }
                }
            }
        }
        return bytes;
    }
}
