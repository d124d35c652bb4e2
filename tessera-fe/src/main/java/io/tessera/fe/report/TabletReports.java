package io.tessera.fe.report;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest tablet report of every backend, by replica id: soft state, like liveness (design.md,
 * "Hard state vs soft state"). A backend's report replaces everything it reported before, so a
 * replica it no longer holds disappears with its next report; a backend that leaves the registry
 * loses its entries at the next report of any backend. Not journaled; empty after an FE restart
 * until the backends report again (within {@code report_tablet_interval_seconds}).
 *
 * <p>Threading: thread-safe. Reports of different backends may be recorded concurrently; one
 * backend's reports come one after another (the backend sends them from one thread), so its
 * replacement needs no lock. Readers see each replica's newest entry.
 */
public final class TabletReports {
    /** Replica id to its stats. */
    private final Map<Long, ReplicaStats> byReplica = new ConcurrentHashMap<>();
    /** Backend id to the replica ids of its last report. */
    private final Map<Long, Set<Long>> replicasByBackend = new ConcurrentHashMap<>();

    /** Replaces what {@code backendId} reported before with {@code replicas}. */
    public void record(long backendId, Map<Long, ReplicaStats> replicas) {
        Set<Long> previous = replicasByBackend.put(backendId, Set.copyOf(replicas.keySet()));
        byReplica.putAll(replicas);
        if (previous != null) {
            for (long replicaId : previous) {
                if (!replicas.containsKey(replicaId)) {
                    byReplica.remove(replicaId);
                }
            }
        }
    }

    /** Forgets every backend not in {@code registered}. */
    public void retainBackends(Set<Long> registered) {
        for (Long backendId : Set.copyOf(replicasByBackend.keySet())) {
            if (!registered.contains(backendId)) {
                Set<Long> replicas = replicasByBackend.remove(backendId);
                if (replicas != null) {
                    replicas.forEach(replicaId -> byReplica.computeIfPresent(replicaId,
                            (id, stats) -> stats.backendId() == backendId ? null : stats));
                }
            }
        }
    }

    /** The last report about a replica; empty when none arrived since the FE started. */
    public Optional<ReplicaStats> replica(long replicaId) {
        return Optional.ofNullable(byReplica.get(replicaId));
    }
}
