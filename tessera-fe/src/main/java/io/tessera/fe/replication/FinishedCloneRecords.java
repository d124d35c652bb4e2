package io.tessera.fe.replication;

import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a burst of finished clones, journaled in one write: a catch-up moves its replica's
 * version ({@code CatchUpReplicaRecord}), a whole clone adds its replica on the destination
 * ({@code AddReplicaRecord}) unless the destination is gone or leaving meanwhile. Exists apart
 * from the loop so the rule per clone reads in one place.
 *
 * <p>Threading: called on the metadata writer's thread, inside the write, so the state it reads is
 * the state its records apply to; stateless.
 */
final class FinishedCloneRecords {
    /** A clone the destination installed, waiting to be recorded. */
    record Finished(ClonesInFlight.Running started, CloneTabletResponse response) {
    }

    private FinishedCloneRecords() {
    }

    /** The records, and per clone (in order) whether its replica is now in the catalog. */
    static WriteResult<List<Boolean>> generate(List<Finished> batch, ClusterView now, CatalogControl catalogControl,
                                               IdAllocator ids) {
        List<JournalRecord> records = new ArrayList<>();
        List<Boolean> results = new ArrayList<>();
        for (Finished done : batch) {
            ClonesInFlight.Running started = done.started();
            if (started.catchUp()) {
                WriteResult<Boolean> one = catalogControl.generateCatchUp(started.place(), started.replicaId(),
                        done.response().getVersion());
                records.addAll(one.records());
                results.add(one.response());
                continue;
            }
            long destination = started.decision().destinationBackendId();
            boolean destinationStays = now.backend(destination).map(backend -> !backend.decommissioned())
                    .orElse(false);
            if (!destinationStays) {
                results.add(false);
                continue;
            }
            ReplicaDefinition replica = ReplicaDefinition.newBuilder().setReplicaId(started.replicaId())
                    .setBackendId(destination).setVersion(done.response().getVersion())
                    .setLastFailedVersion(-1).setMinTransactionId(ids.allocate()).build();
            WriteResult<Boolean> one = catalogControl.generateAddReplica(started.place(), replica);
            records.addAll(one.records());
            results.add(one.response());
        }
        return new WriteResult<>(records, results);
    }
}
