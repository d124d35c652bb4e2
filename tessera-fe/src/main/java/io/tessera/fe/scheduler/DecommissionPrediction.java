package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a DECOMMISSION of some backends would move where, from the {@link DrainPlanner} the real
 * drain follows, run on the cluster as the DECOMMISSION's records would leave it (those backends
 * flagged decommissioned). Exists so EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND is no second
 * placement rule: it only adds up the plan per destination, with the replicas' reported sizes.
 *
 * <p>Threading: stateless and pure.
 */
public final class DecommissionPrediction {
    private DecommissionPrediction() {
    }

    /**
     * Replicas planned onto one backend.
     *
     * @param bytes           their reported sizes added up; empty when any is not known
     * @param availBytesAfter the backend's available bytes less {@code bytes}; empty when either is not known
     * @param usedPctAfter    the percentage of its capacity used afterwards; empty when not known
     */
    public record Destination(Backend backend, int replicas, OptionalLong bytes, OptionalLong availBytesAfter,
                              OptionalDouble usedPctAfter) {
    }

    /** A replica of a leaving backend the plan found nowhere to put, and why. */
    public record Unplaceable(long tabletId, long sourceBackendId, String reason) {
    }

    /**
     * The whole move.
     *
     * @param replicas         replicas on the leaving backends, placed or not
     * @param bytes            their reported sizes added up; empty when any is not known
     * @param unknownSizes     how many of them no tablet report gave a size for
     * @param estimatedSeconds bytes over the measured rate, rounded up; empty when either is not known
     */
    public record Summary(int replicas, OptionalLong bytes, int unknownSizes, OptionalLong estimatedSeconds) {
    }

    /** Destinations by backend id, unplaceable replicas by tablet id, then the summary. */
    public record Result(List<Destination> destinations, List<Unplaceable> unplaceable, Summary summary) {
        public Result {
            destinations = List.copyOf(destinations);
            unplaceable = List.copyOf(unplaceable);
        }
    }

    /**
     * @param catalog the catalog now
     * @param after   the cluster as the DECOMMISSION would leave it: {@code leaving} (and any backend
     *                already draining) flagged decommissioned, the watermarks in force
     * @param leaving the backends the DECOMMISSION would flag; only their replicas are reported
     * @param sizes   replica sizes from tablet reports
     * @param bytesPerSecond the clone rate measured on this cluster, if any
     */
    public static Result predict(CatalogSnapshot catalog, ClusterView after, Set<Long> leaving, ReplicaSizes sizes,
                                 OptionalDouble bytesPerSecond) {
        DrainPlan plan = DrainPlanner.plan(catalog, after);
        Map<PlannedMove, Long> replicaIds = leavingReplicas(catalog, leaving);
        Map<Long, Tally> byDestination = new TreeMap<>();
        List<Unplaceable> unplaceable = new ArrayList<>();
        Tally total = new Tally();
        for (Map.Entry<PlannedMove, Long> replica : replicaIds.entrySet()) {
            PlannedMove move = replica.getKey();
            OptionalLong bytes = sizes.bytes(replica.getValue(), move.sourceBackendId());
            total.add(bytes);
            Long destination = plan.destinations().get(move);
            if (destination != null) {
                byDestination.computeIfAbsent(destination, id -> new Tally()).add(bytes);
            } else {
                unplaceable.add(new Unplaceable(move.tabletId(), move.sourceBackendId(),
                        plan.unplaceable().getOrDefault(move, "not planned")));
            }
        }
        unplaceable.sort(Comparator.comparingLong(Unplaceable::tabletId)
                .thenComparingLong(Unplaceable::sourceBackendId));
        List<Destination> destinations = new ArrayList<>();
        for (Map.Entry<Long, Tally> entry : byDestination.entrySet()) {
            Backend backend = after.backend(entry.getKey()).orElseThrow();
            destinations.add(destination(backend, after.runtime(backend.id()), entry.getValue()));
        }
        OptionalLong totalBytes = total.bytes();
        OptionalLong seconds = totalBytes.isPresent() && bytesPerSecond.isPresent() && bytesPerSecond.getAsDouble() > 0
                ? OptionalLong.of((long) Math.ceil(totalBytes.getAsLong() / bytesPerSecond.getAsDouble()))
                : OptionalLong.empty();
        return new Result(destinations, unplaceable,
                new Summary(total.replicas, totalBytes, total.unknown, seconds));
    }

    private static Destination destination(Backend backend, BackendRuntime runtime, Tally tally) {
        OptionalLong bytes = tally.bytes();
        boolean capacityKnown = runtime.totalBytes() > 0;
        if (bytes.isEmpty() || !capacityKnown) {
            return new Destination(backend, tally.replicas, bytes, OptionalLong.empty(), OptionalDouble.empty());
        }
        long availAfter = runtime.availableBytes() - bytes.getAsLong();
        double usedPct = 100.0 * (runtime.totalBytes() - availAfter) / runtime.totalBytes();
        return new Destination(backend, tally.replicas, bytes, OptionalLong.of(availAfter),
                OptionalDouble.of(usedPct));
    }

    /** Every replica on a leaving backend, keyed as the plan keys its moves, to its replica id. */
    private static Map<PlannedMove, Long> leavingReplicas(CatalogSnapshot catalog, Set<Long> leaving) {
        Map<PlannedMove, Long> replicas = new HashMap<>();
        for (DatabaseEntry database : catalog.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        for (ReplicaDefinition replica : tablet.getReplicasList()) {
                            if (leaving.contains(replica.getBackendId())) {
                                replicas.put(new PlannedMove(tablet.getTabletId(), replica.getBackendId()),
                                        replica.getReplicaId());
                            }
                        }
                    }
                }
            }
        }
        return replicas;
    }

    /** Replicas counted and the bytes of those of known size. */
    private static final class Tally {
        private int replicas;
        private int unknown;
        private long knownBytes;

        void add(OptionalLong bytes) {
            replicas++;
            if (bytes.isPresent()) {
                knownBytes += bytes.getAsLong();
            } else {
                unknown++;
            }
        }

        OptionalLong bytes() {
            return unknown == 0 ? OptionalLong.of(knownBytes) : OptionalLong.empty();
        }
    }
}
