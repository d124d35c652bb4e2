package io.tessera.fe.report;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest tablet report of every backend: soft state, like liveness (design.md, "Hard state vs
 * soft state"). A backend's report replaces everything it reported before, so a replica it no
 * longer holds disappears with its next report; a backend that leaves the registry loses its
 * report at the next report of any backend. Not journaled; empty after an FE restart until the
 * backends report again (within {@code report_tablet_interval_seconds}). Each report is kept as one
 * compact {@link BackendReport} (primitive arrays), so 3M replicas cost no object per replica.
 *
 * <p>It also keeps which replicas the catalog places on a backend that its report lacks (missing,
 * see {@link ReportReconciler}): together with bad replicas, these are not read by queries and
 * count against their tablet's health.
 *
 * <p>Threading: thread-safe. Reports of different backends may be recorded concurrently; a report
 * replaces its backend's previous one in a single step, so readers see one whole report.
 */
public final class TabletReports {
    /** Backend id to its last report. */
    private final Map<Long, BackendReport> byBackend = new ConcurrentHashMap<>();
    /** Backend id to the replica ids its last report lacked though the catalog places them there. */
    private final Map<Long, Set<Long>> missingByBackend = new ConcurrentHashMap<>();

    /** Replaces what {@code backendId} reported before with {@code report}. */
    void record(long backendId, BackendReport report) {
        byBackend.put(backendId, report);
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
        BackendReport report = byBackend.get(backendId);
        return report != null && report.bad(replicaId);
    }

    /** Whether reports say the replica cannot be read there: bad or missing. */
    public boolean unreadable(long replicaId, long backendId) {
        return bad(replicaId, backendId) || missing(replicaId, backendId);
    }

    /** Forgets every backend not in {@code registered}. */
    public void retainBackends(Set<Long> registered) {
        missingByBackend.keySet().retainAll(registered);
        byBackend.keySet().retainAll(registered);
    }

    /**
     * What {@code backendId}'s last report said about a replica; empty when it did not list it or no
     * report of that backend arrived since the FE started.
     */
    public Optional<ReplicaStats> replica(long replicaId, long backendId) {
        BackendReport report = byBackend.get(backendId);
        return report == null ? Optional.empty() : report.replica(replicaId);
    }
}
