package io.tessera.fe.report;

import io.tessera.fe.catalog.ReplicaStatuses;
import java.util.function.Supplier;
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
 * <p>Threading: thread-safe. A backend's report and the replicas found missing by reconciling it
 * are kept together and replaced in a single step, so readers see both from one report; the
 * {@link TabletReportHandler} records and forgets under its lock, so reports never interleave.
 */
public final class TabletReports {
    /** One backend's last report and the replica ids it lacked though the catalog places them there. */
    private record Reported(BackendReport report, Set<Long> missing) {
    }

    /** Backend id to its last report. */
    private final Map<Long, Reported> byBackend = new ConcurrentHashMap<>();
    /** The operator's marks (ADMIN SET REPLICA STATUS): bad or to drop, whatever the reports say. */
    private final Supplier<ReplicaStatuses.Marks> marks;

    /** Reports alone, no operator marks. */
    public TabletReports() {
        this(() -> ReplicaStatuses.Marks.EMPTY);
    }

    /**
     * @param marks the operator's replica marks as last published (journaled, {@code catalog.ReplicaStatuses})
     */
    public TabletReports(Supplier<ReplicaStatuses.Marks> marks) {
        this.marks = marks;
    }

    /** Whether the operator marked the replica to be dropped (it is replaced, then removed). */
    public boolean userDropped(long replicaId, long backendId) {
        return marks.get().userDropped(replicaId, backendId);
    }

    /** Replaces what {@code backendId} reported before with {@code report} and the replicas it lacked. */
    void record(long backendId, BackendReport report, Set<Long> missing) {
        byBackend.put(backendId, new Reported(report, missing.isEmpty() ? Set.of() : Set.copyOf(missing)));
    }

    /** The backend's last report (merged with the incremental ones since), if one arrived since the FE started. */
    Optional<BackendReport> report(long backendId) {
        Reported reported = byBackend.get(backendId);
        return reported == null ? Optional.empty() : Optional.of(reported.report());
    }

    /** Whether the last report of {@code backendId} lacked the replica the catalog places there. */
    public boolean missing(long replicaId, long backendId) {
        Reported reported = byBackend.get(backendId);
        return reported != null && reported.missing().contains(replicaId);
    }

    /** Whether {@code backendId} last reported the replica bad (damaged files), or the operator marked it bad. */
    public boolean bad(long replicaId, long backendId) {
        Reported reported = byBackend.get(backendId);
        return marks.get().bad(replicaId, backendId) || reported != null && reported.report().bad(replicaId);
    }

    /**
     * Whether the replica cannot be read there: reported bad or missing (both from one report), or
     * marked bad or to drop by the operator.
     */
    public boolean unreadable(long replicaId, long backendId) {
        ReplicaStatuses.Marks marked = marks.get();
        if (marked.bad(replicaId, backendId) || marked.userDropped(replicaId, backendId)) {
            return true;
        }
        Reported reported = byBackend.get(backendId);
        return reported != null && (reported.report().bad(replicaId)
                || !reported.missing().isEmpty() && reported.missing().contains(replicaId));
    }

    /** Whether a report of {@code backendId} arrived since the FE started (and was reconciled). */
    public boolean reported(long backendId) {
        return byBackend.containsKey(backendId);
    }

    /** Forgets every backend not in {@code registered}. */
    void retainBackends(Set<Long> registered) {
        byBackend.keySet().retainAll(registered);
    }

    /**
     * What {@code backendId}'s last report said about a replica; empty when it did not list it or no
     * report of that backend arrived since the FE started.
     */
    public Optional<ReplicaStats> replica(long replicaId, long backendId) {
        Reported reported = byBackend.get(backendId);
        return reported == null ? Optional.empty() : reported.report().replica(replicaId);
    }
}
