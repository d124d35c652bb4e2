package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans a whole drain at once: for every replica on a decommissioned backend, the backend it moves
 * to, by the rule the scheduler's relocation uses one round at a time (a schedule-available backend
 * of the replica's location, not shutting down, under the watermarks, on a host without a replica
 * of the tablet, the least loaded by replica count counting the moves planned so far, ties broken
 * by a fixed scramble of the backend id, so the plan is a pure function of the state and EXPLAIN
 * ALTER SYSTEM DECOMMISSION BACKEND predicts the very plan the drain then follows), without the per-round limits (slots, batch size) that only pace
 * the execution. Several decommissioned backends are planned together, so nothing is planned onto
 * a backend that is leaving. The scheduler then follows the plan ({@link SchedulerInput#plan}).
 *
 * <p>Cost: one pass over the catalog, and per move a priority-queue pick among the location's
 * backends, so 100k moves over 1,000 backends plan in well under a second.
 *
 * <p>Threading: stateless and pure.
 */
public final class DrainPlanner {
    private DrainPlanner() {
    }

    public static DrainPlan plan(CatalogSnapshot catalog, ClusterView cluster) {
        Set<Long> leaving = new HashSet<>();
        for (Backend backend : cluster.backends()) {
            if (backend.decommissioned()) {
                leaving.add(backend.id());
            }
        }
        if (leaving.isEmpty()) {
            return DrainPlan.EMPTY;
        }
        Map<String, Destinations> byLocation = new HashMap<>();
        for (Backend backend : cluster.backends()) {
            if (cluster.canHoldNewReplica(backend.id()) && cluster.hasStorageRoom(backend.id())) {
                byLocation.computeIfAbsent(backend.location(), location -> new Destinations())
                        .add(backend, catalog.replicaCount(backend.id()), tieBreak(backend.id()));
            }
        }
        Map<PlannedMove, Long> destinations = new HashMap<>();
        Map<PlannedMove, String> unplaceable = new HashMap<>();
        for (DatabaseEntry database : new TreeMap<>(catalog.databases()).values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        planTablet(tablet, cluster, leaving, byLocation, destinations, unplaceable);
                    }
                }
            }
        }
        return new DrainPlan(destinations, unplaceable);
    }

    /**
     * A backend's place among equally loaded ones: its id scrambled (SplitMix64's finalizer), so
     * ties do not always favour the lowest id yet every planning of the same state agrees.
     */
    static long tieBreak(long backendId) {
        long z = backendId + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void planTablet(TabletDefinition tablet, ClusterView cluster, Set<Long> leaving,
                                   Map<String, Destinations> byLocation, Map<PlannedMove, Long> destinations,
                                   Map<PlannedMove, String> unplaceable) {
        List<ReplicaDefinition> moving = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (ReplicaDefinition replica : tablet.getReplicasList()) {
            cluster.backend(replica.getBackendId()).ifPresent(backend -> hosts.add(backend.host()));
            if (leaving.contains(replica.getBackendId())) {
                moving.add(replica);
            }
        }
        for (ReplicaDefinition replica : moving) {
            PlannedMove move = new PlannedMove(tablet.getTabletId(), replica.getBackendId());
            String location = cluster.backend(replica.getBackendId()).map(Backend::location).orElseThrow();
            Destinations candidates = byLocation.get(location);
            Backend chosen = candidates == null ? null : candidates.takeLeastLoaded(hosts);
            if (chosen == null) {
                unplaceable.put(move, "no backend in location " + location + " can take it (schedule-available, "
                        + "under the watermarks, on a host without a replica of tablet " + tablet.getTabletId() + ")");
            } else {
                destinations.put(move, chosen.id());
                hosts.add(chosen.host());
            }
        }
    }

    /** One location's destinations, least loaded first; a pick counts one more replica there. */
    private static final class Destinations {
        private record Entry(Backend backend, long load, long tieBreak) {
        }

        private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.load() != b.load()
                ? Long.compare(a.load(), b.load()) : Long.compare(a.tieBreak(), b.tieBreak()));

        void add(Backend backend, long load, long tieBreak) {
            queue.add(new Entry(backend, load, tieBreak));
        }

        /** The least loaded backend on a host not in {@code hosts}, now counted one replica heavier; null if none. */
        Backend takeLeastLoaded(Set<String> hosts) {
            List<Entry> skipped = new ArrayList<>();
            Entry chosen = null;
            while (!queue.isEmpty()) {
                Entry next = queue.poll();
                if (!hosts.contains(next.backend().host())) {
                    chosen = next;
                    break;
                }
                skipped.add(next);
            }
            queue.addAll(skipped);
            if (chosen == null) {
                return null;
            }
            queue.add(new Entry(chosen.backend(), chosen.load() + 1, chosen.tieBreak()));
            return chosen.backend();
        }
    }
}
