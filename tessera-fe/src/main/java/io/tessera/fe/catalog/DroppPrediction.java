package io.tessera.fe.catalog;

import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What ALTER SYSTEM DROPP BACKEND would do to the tablets, before it runs (EXPLAIN ALTER SYSTEM
 * DROPP BACKEND): one row per tablet with a replica on a dropped backend whose health after the
 * drop is not fine. Exists so that the prediction is not a second idea of "lost": the verdict is
 * {@link TabletHealth#classify} itself, asked of the cluster the DROPP's records would leave (the
 * caller builds it with {@link ClusterView#afterReplaying}), so
 * the prediction and the real outcome can only differ by what changes in between.
 *
 * <p>Threading: stateless; {@link #predict} is a pure function of its arguments, safe from any
 * thread.
 */
public final class DroppPrediction {
    /** What happens to an affected tablet. */
    public enum Outcome {
        /** No complete replica left on any registered backend, and no replica at all on one: gone. */
        LOST,
        /** Complete replicas are left only on dead backends: back when one of them is. */
        UNAVAILABLE,
        /**
         * Replicas are left on registered backends, but none is complete: the newest versions are
         * gone (the classifier's {@link TabletHealth.Status#UNRECOVERABLE}).
         */
        UNRECOVERABLE,
        /** Readable, but fewer alive complete replicas than the replication number until repaired. */
        UNDER_REPLICATED
    }

    /**
     * One affected tablet.
     *
     * @param replicasNow   replicas on registered backends now
     * @param replicasAfter replicas on registered backends after the drop
     */
    public record Row(String database, String table, String partition, long tabletId, int replicasNow,
                      int replicasAfter, Outcome outcome) {
        public Row {
            Objects.requireNonNull(database, "database is null");
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(partition, "partition is null");
            Objects.requireNonNull(outcome, "outcome is null");
        }
    }

    private DroppPrediction() {
    }

    /**
     * Classifies every tablet holding a replica on one of {@code dropped} against {@code after},
     * in catalog order (database, table, partition, tablet).
     *
     * @param now        the cluster now, for {@code ReplicasNow}
     * @param after      the cluster as the DROPP's records would leave it
     * @param dropped    the backends the DROPP removes
     * @param unreadable replicas reports call bad or missing, as the classifier reads them
     */
    public static List<Row> predict(CatalogSnapshot catalog, ClusterView now, ClusterView after, Set<Long> dropped,
                                    UnreadableReplicas unreadable) {
        List<Row> rows = new ArrayList<>();
        for (DatabaseEntry database : catalog.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        if (!holdsReplicaOn(tablet, dropped)) {
                            continue;
                        }
                        TabletHealth health = TabletHealth.classify(tablet, partition.getVisibleVersion(),
                                table.getReplicaAllocationList(), after, unreadable);
                        Optional<Outcome> outcome = outcome(health.status());
                        if (outcome.isPresent()) {
                            rows.add(new Row(database.name(), table.getName(), partition.getName(),
                                    tablet.getTabletId(), registeredReplicas(tablet, now),
                                    registeredReplicas(tablet, after), outcome.get()));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** The classifier's status after the drop, as a row's outcome; empty when nothing is missing. */
    static Optional<Outcome> outcome(TabletHealth.Status status) {
        return switch (status) {
            case LOST -> Optional.of(Outcome.LOST);
            case UNAVAILABLE -> Optional.of(Outcome.UNAVAILABLE);
            case UNRECOVERABLE -> Optional.of(Outcome.UNRECOVERABLE);
            case REPLICA_MISSING, VERSION_INCOMPLETE -> Optional.of(Outcome.UNDER_REPLICATED);
            case HEALTHY, REDUNDANT, REPLICA_RELOCATING -> Optional.empty();
        };
    }

    private static boolean holdsReplicaOn(TabletDefinition tablet, Set<Long> backends) {
        for (ReplicaDefinition replica : tablet.getReplicasList()) {
            if (backends.contains(replica.getBackendId())) {
                return true;
            }
        }
        return false;
    }

    private static int registeredReplicas(TabletDefinition tablet, ClusterView cluster) {
        int count = 0;
        for (ReplicaDefinition replica : tablet.getReplicasList()) {
            if (cluster.isRegistered(replica.getBackendId())) {
                count++;
            }
        }
        return count;
    }
}
