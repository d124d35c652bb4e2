package io.tessera.fe.report;

import io.tessera.common.Clock;
import io.tessera.proto.frontend.ReplicaReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * <p>An incremental report ({@link #reconcileChanges}) is judged by what it carries: its changed
 * replicas as a full report's, the replicas it removed as missing when the catalog placed them there
 * at the previous report and still does, a replica it lists or the catalog no longer places there no
 * longer missing; the replicas unknown
 * at the previous report are judged again (their grace runs on), and nothing else is looked at. A
 * replica the catalog stops placing between full reports is found unknown at the next full one
 * ({@code report_tablet_interval_seconds}), as Doris finds it.
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
     * @param unknown  the replicas unknown at the previous report, by id
     * @param missing  the replicas found missing at the previous report
     */
    private record BackendMemory(ReplicaIndex expected, Map<Long, Unknown> unknown, Set<Long> missing) {
        static final BackendMemory NONE = new BackendMemory(ReplicaIndex.EMPTY, Map.of(), Set.of());
    }

    /**
     * A reported replica as the judgement needs it, since when it has been unknown (when it is), and
     * whether it was busy (no grace runs for it then).
     */
    private record Unknown(long replicaId, long tabletId, long tableId, int pendingRowsetCount, long sinceNs,
                           boolean busy) {
        static Unknown of(ReplicaReport replica) {
            return new Unknown(replica.getReplicaId(), replica.getTabletId(), replica.getTableId(),
                    replica.getPendingRowsetCount(), 0, false);
        }
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
     * Reconciles a full report.
     *
     * @param backendId the reporting backend (registered)
     * @param reported  every replica in its report
     * @param catalog   where the catalog places replicas, from a snapshot taken after the report arrived
     * @param inFlight  loads and clones the FE knows may be running
     */
    public synchronized Reconciliation reconcile(long backendId, List<ReplicaReport> reported, ReplicaIndex catalog,
                                                 WorkInFlight inFlight) {
        BackendMemory previous = memories.getOrDefault(backendId, BackendMemory.NONE);
        Judgement judgement = new Judgement(backendId, previous, catalog, inFlight, clock.monotonicNanos());
        long[] reportedIds = new long[reported.size()];
        for (int i = 0; i < reportedIds.length; i++) {
            ReplicaReport replica = reported.get(i);
            reportedIds[i] = replica.getReplicaId();
            judgement.judge(Unknown.of(replica));
        }
        Arrays.sort(reportedIds);
        Set<Long> missing = new HashSet<>();
        catalog.forEachReplicaOn(backendId, (tableId, replicaId) -> {
            if (!SortedLongs.contains(reportedIds, replicaId) && previous.expected().placesOn(backendId, tableId,
                    replicaId)) {
                missing.add(replicaId);
            }
        });
        return judgement.finish(missing);
    }

    /**
     * Reconciles an incremental report that follows the last report reconciled for this backend.
     *
     * @param changed the replicas it lists (new or changed since the previous report)
     * @param removed the replicas it took away (see {@link BackendReport#merge})
     */
    public synchronized Reconciliation reconcileChanges(long backendId, List<ReplicaReport> changed,
                                                        List<BackendReport.Removed> removed, ReplicaIndex catalog,
                                                        WorkInFlight inFlight) {
        BackendMemory previous = memories.getOrDefault(backendId, BackendMemory.NONE);
        Judgement judgement = new Judgement(backendId, previous, catalog, inFlight, clock.monotonicNanos());
        Set<Long> listed = new HashSet<>();
        for (ReplicaReport replica : changed) {
            listed.add(replica.getReplicaId());
            judgement.judge(Unknown.of(replica));
        }
        for (BackendReport.Removed gone : removed) {
            listed.add(gone.replicaId());
        }
        for (Unknown unknown : previous.unknown().values()) {
            if (!listed.contains(unknown.replicaId())) {
                judgement.judge(unknown);
            }
        }
        Set<Long> missing = new HashSet<>(previous.missing());
        missing.removeAll(listed);
        if (!missing.isEmpty() && catalog != previous.expected()) {
            // The placement changed since (the index is replaced only then): a replica the catalog no
            // longer places here is not missing any more.
            Set<Long> stillPlaced = new HashSet<>();
            catalog.forEachReplicaOn(backendId, (tableId, replicaId) -> {
                if (missing.contains(replicaId)) {
                    stillPlaced.add(replicaId);
                }
            });
            missing.retainAll(stillPlaced);
        }
        for (BackendReport.Removed gone : removed) {
            if (catalog.places(backendId, gone.tableId(), gone.tabletId(), gone.replicaId())
                    && previous.expected().places(backendId, gone.tableId(), gone.tabletId(), gone.replicaId())) {
                missing.add(gone.replicaId());
            }
        }
        return judgement.finish(missing);
    }

    /**
     * When the earliest grace period of a replica of this backend still waiting (reported unknown and
     * idle at its last report, not yet past its grace) ends, in ms from now; empty when none waits. A
     * busy unknown replica runs no grace (it starts once the replica is idle), so it is left out:
     * asking the backend to report again then would only find it busy again.
     */
    public synchronized OptionalLong nextGraceEndInMs(long backendId) {
        BackendMemory memory = memories.get(backendId);
        if (memory == null) {
            return OptionalLong.empty();
        }
        long nowNs = clock.monotonicNanos();
        long earliestNs = Long.MAX_VALUE;
        for (Unknown unknown : memory.unknown().values()) {
            long leftNs = unknown.sinceNs() + graceNs - nowNs;
            if (!unknown.busy() && leftNs > 0 && unknown.replicaId() >= idsBeforeStart) {
                earliestNs = Math.min(earliestNs, leftNs);
            }
        }
        return earliestNs == Long.MAX_VALUE ? OptionalLong.empty()
                : OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(earliestNs) + 1);
    }

    /** Forgets every backend not in {@code registered} (a re-added backend gets a new id). */
    public synchronized void retainBackends(Set<Long> registered) {
        memories.keySet().retainAll(registered);
    }

    /** One report's judgement of the replicas it looks at; under the reconciler's lock. */
    private final class Judgement {
        private final long backendId;
        private final BackendMemory previous;
        private final ReplicaIndex catalog;
        private final WorkInFlight inFlight;
        private final long nowNs;
        private final Map<Long, Unknown> unknown = new HashMap<>();
        private final List<Reconciliation.TrashOrder> toTrash = new ArrayList<>();
        private int waiting;
        private int busy;

        Judgement(long backendId, BackendMemory previous, ReplicaIndex catalog, WorkInFlight inFlight, long nowNs) {
            this.backendId = backendId;
            this.previous = previous;
            this.catalog = catalog;
            this.inFlight = inFlight;
            this.nowNs = nowNs;
        }

        /** Judges one replica the backend holds: known, busy, waiting out its grace, or to trash. */
        void judge(Unknown replica) {
            if (catalog.places(backendId, replica.tableId(), replica.tabletId(), replica.replicaId())) {
                return;
            }
            if (replica.pendingRowsetCount() > 0 || inFlight.touches(replica.tableId(), replica.tabletId())) {
                unknown.put(replica.replicaId(), withSince(replica, nowNs, true));
                busy++;
                return;
            }
            Unknown before = previous.unknown().get(replica.replicaId());
            long sinceNs = before == null ? nowNs : before.sinceNs();
            unknown.put(replica.replicaId(), withSince(replica, sinceNs, false));
            if (nowNs - sinceNs >= graceNs || replica.replicaId() < idsBeforeStart) {
                toTrash.add(new Reconciliation.TrashOrder(backendId, replica.tabletId(), replica.replicaId(),
                        replica.tableId(), TimeUnit.NANOSECONDS.toMillis(nowNs - sinceNs)));
            } else {
                waiting++;
            }
        }

        private static Unknown withSince(Unknown replica, long sinceNs, boolean busy) {
            return new Unknown(replica.replicaId(), replica.tabletId(), replica.tableId(),
                    replica.pendingRowsetCount(), sinceNs, busy);
        }

        /** Remembers this report's verdict for the next one and returns it. */
        Reconciliation finish(Set<Long> missing) {
            memories.put(backendId, new BackendMemory(catalog, unknown.isEmpty() ? Map.of() : unknown,
                    missing.isEmpty() ? Set.of() : Set.copyOf(missing)));
            return new Reconciliation(backendId, toTrash, missing, waiting, busy);
        }
    }
}
