package io.tessera.fe.report;

import io.tessera.common.Clock;
import io.tessera.proto.frontend.ReplicaReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Decides what one backend's tablet report means against the catalog: which replicas it holds that
 * the FE does not know go to its trash, and which replicas the FE expects there are missing. The
 * decision only; {@link TabletReportHandler} records and carries it out.
 *
 * <p>Unknown replicas (the catalog does not place that replica of that tablet on that backend) are
 * moved to trash only after being reported unknown in every report for {@code graceMs} (FE
 * monotonic time), and never while the backend reports pending rowsets on them or the FE knows of a
 * load or clone that may touch them; such a replica starts its grace period again once idle. The
 * grace covers a table whose replicas were just created on the backends but whose creation is not
 * journaled yet, and a report that was built before a change it could not know of. After an FE
 * restart every grace period starts again, except for a replica whose id was handed out before this
 * FE started ({@code idsBeforeStart}): no work of this FE can still record it, so it is the leftover
 * of a clone or creation the previous FE never recorded, and it goes at its first idle report
 * (otherwise it would block its tablet's clone to that backend for the whole grace).
 *
 * <p>A replica is missing when the catalog places it on the backend, the report lacks it, and the
 * catalog already placed it there when the previous report of that backend was reconciled: the
 * backend builds each report after the previous one was answered, and replicas are created on
 * backends before the catalog places them, so such a replica must be in the report if the backend
 * still has it. (A replica placed since then is judged at the next report.) Missing is soft state:
 * the first report after an FE restart marks nothing missing, the second does.
 *
 * <p>Threading: thread-safe (synchronized); one backend's reports arrive one after another.
 */
public final class ReportReconciler {
    private final Clock clock;
    private final long graceNs;
    private final long idsBeforeStart;
    private final Map<Long, BackendMemory> memories = new HashMap<>();

    /**
     * What the reconciler remembers of one backend between its reports.
     *
     * @param expected the catalog's placement at the previous report (shared by every backend's memory)
     */
    private record BackendMemory(ReplicaIndex expected, Map<Long, Long> unknownSinceNs) {
    }

    /**
     * @param graceMs        how long a replica must be reported unknown, continuously, before it is trashed
     * @param idsBeforeStart ids below it were handed out before this FE started (the id generator's
     *                       next id after the journal's replay)
     */
    public ReportReconciler(Clock clock, long graceMs, long idsBeforeStart) {
        if (graceMs < 0) {
            throw new IllegalArgumentException("grace period must not be negative: " + graceMs);
        }
        this.clock = clock;
        this.graceNs = TimeUnit.MILLISECONDS.toNanos(graceMs);
        this.idsBeforeStart = idsBeforeStart;
    }

    /** A reconciler for an FE whose every id is its own (a fresh metadata directory). */
    public ReportReconciler(Clock clock, long graceMs) {
        this(clock, graceMs, Long.MIN_VALUE);
    }

    /**
     * @param backendId the reporting backend (registered)
     * @param reported  every replica in its report
     * @param catalog   where the catalog places replicas, from a snapshot taken after the report arrived
     * @param inFlight  loads and clones the FE knows may be running
     */
    public synchronized Reconciliation reconcile(long backendId, List<ReplicaReport> reported, ReplicaIndex catalog,
                                                 WorkInFlight inFlight) {
        long nowNs = clock.monotonicNanos();
        BackendMemory previous = memories.getOrDefault(backendId, new BackendMemory(ReplicaIndex.EMPTY, Map.of()));
        Map<Long, Long> unknownSinceNs = new HashMap<>();
        List<Reconciliation.TrashOrder> toTrash = new ArrayList<>();
        long[] reportedIds = new long[reported.size()];
        int waiting = 0;
        int busy = 0;
        for (int i = 0; i < reportedIds.length; i++) {
            ReplicaReport replica = reported.get(i);
            reportedIds[i] = replica.getReplicaId();
            if (catalog.places(backendId, replica.getTableId(), replica.getTabletId(), replica.getReplicaId())) {
                continue;
            }
            if (replica.getPendingRowsetCount() > 0 || inFlight.touches(replica.getTableId(), replica.getTabletId())) {
                unknownSinceNs.put(replica.getReplicaId(), nowNs);
                busy++;
                continue;
            }
            long sinceNs = previous.unknownSinceNs().getOrDefault(replica.getReplicaId(), nowNs);
            unknownSinceNs.put(replica.getReplicaId(), sinceNs);
            if (nowNs - sinceNs >= graceNs || replica.getReplicaId() < idsBeforeStart) {
                toTrash.add(new Reconciliation.TrashOrder(backendId, replica.getTabletId(), replica.getReplicaId(),
                        replica.getTableId(), TimeUnit.NANOSECONDS.toMillis(nowNs - sinceNs)));
            } else {
                waiting++;
            }
        }
        Arrays.sort(reportedIds);
        Set<Long> missing = new HashSet<>();
        catalog.forEachReplicaOn(backendId, (tableId, replicaId) -> {
            if (!SortedLongs.contains(reportedIds, replicaId) && previous.expected().placesOn(backendId, tableId,
                    replicaId)) {
                missing.add(replicaId);
            }
        });
        memories.put(backendId, new BackendMemory(catalog, unknownSinceNs.isEmpty() ? Map.of() : unknownSinceNs));
        return new Reconciliation(backendId, toTrash, missing, waiting, busy);
    }

    /** Forgets every backend not in {@code registered} (a re-added backend gets a new id). */
    public synchronized void retainBackends(Set<Long> registered) {
        memories.keySet().retainAll(registered);
    }
}
