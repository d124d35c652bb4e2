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
 * <p>It also keeps which replicas the catalog places on a backend that its report lacks (missing,
 * see {@link ReportReconciler}): together with bad replicas, these are not read by queries and
 * count against their tablet's health.
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
    /** Backend id to the replica ids its last report lacked though the catalog places them there. */
    private final Map<Long, Set<Long>> missingByBackend = new ConcurrentHashMap<>();

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

    /** Replaces the replicas marked missing on {@code backendId}. */
    public void recordMissing(long backendId, Set<Long> missing) {
        if (missing.isEmpty()) {
            missingByBackend.remove(backendId);
        } else {
            missingByBackend.put(backendId, Set.copyOf(missing));
        }
    }

    /** Whether the last report of {@code backendId} lacked the replica the catalog places there. */
    public boolean missing(long replicaId, long backendId) {
        return missingByBackend.getOrDefault(backendId, Set.of()).contains(replicaId);
    }

    /** Whether {@code backendId} last reported the replica bad (damaged files). */
    public boolean bad(long replicaId, long backendId) {
        ReplicaStats stats = byReplica.get(replicaId);
        return stats != null && stats.backendId() == backendId && stats.bad();
    }

    /** Whether reports say the replica cannot be read there: bad or missing. */
    public boolean unreadable(long replicaId, long backendId) {
        return bad(replicaId, backendId) || missing(replicaId, backendId);
    }

    /** Forgets every backend not in {@code registered}. */
    public void retainBackends(Set<Long> registered) {
        missingByBackend.keySet().retainAll(registered);
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
