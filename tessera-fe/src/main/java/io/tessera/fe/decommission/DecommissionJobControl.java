package io.tessera.fe.decommission;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DroppPrediction;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The generate half of every decommission job change: a job started by DECOMMISSION, cancelled by
 * CANCEL, ended by a DROPP (with the tablets the classifier calls lost after it) or by the
 * completion check, drained or refilled as the scheduler moves replicas, and adopted for a backend
 * flagged before jobs existed. Each method returns {@link JournalRecord}s to journal together with
 * the registry's records of the same statement; {@link DecommissionJobs} replays them.
 *
 * <p>Threading: called on the metadata writer's thread, like {@code cluster.BackendControl}, so the
 * state it reads is the state its records apply to.
 */
public final class DecommissionJobControl {
    private final DecommissionJobs jobs;
    private final Clock clock;
    private final ReplicaSizes sizes;

    /** @param sizes the replicas' last reported sizes, for the bytes a job records ({@link BackendBytes}) */
    public DecommissionJobControl(DecommissionJobs jobs, Clock clock, ReplicaSizes sizes) {
        this.jobs = jobs;
        this.clock = clock;
        this.sizes = sizes;
    }

    /** DECOMMISSION: a draining job per backend that becomes decommissioned. */
    public List<JournalRecord> generateStarts(Collection<Backend> leaving, IdAllocator ids, String startedBy,
                                              CatalogSnapshot catalog) {
        List<JournalRecord> records = new ArrayList<>();
        for (Backend backend : leaving) {
            if (jobs.snapshot().activeFor(backend.id()).isEmpty()) {
                records.add(record(start(backend, ids.allocate(), startedBy, catalog)));
            }
        }
        return records;
    }

    /**
     * Backends flagged decommissioned without a running job: a journal or snapshot written before
     * jobs existed. Each gets a draining job that starts now, by nobody ("").
     */
    public List<JournalRecord> generateAdoptions(IdAllocator ids, CatalogSnapshot catalog, ClusterView cluster) {
        List<Backend> flagged = cluster.backends().stream().filter(Backend::decommissioned)
                .filter(backend -> jobs.snapshot().activeFor(backend.id()).isEmpty()).toList();
        return generateStarts(flagged, ids, "", catalog);
    }

    /** CANCEL DECOMMISSION: the backends' running jobs end, cancelled; moved replicas stay where they are. */
    public List<JournalRecord> generateCancels(Collection<Long> backendIds, CatalogSnapshot catalog) {
        return change(backendIds, JobState.Event.CANCEL, catalog, List.of());
    }

    /**
     * The backends leave the registry (DROPP, or the completion check's drop): their running jobs
     * end, removed, each with the tablets it lost ({@link #lostWith}).
     *
     * @param leavingTogether every backend removed by the same statement
     * @param now             the cluster before the removal (the backends' data now)
     * @param after           the cluster as the statement's records leave it (the caller builds it
     *                        with {@code BackendRegistry.simulate} and {@link ClusterView#withRegistry},
     *                        as EXPLAIN ALTER SYSTEM DROPP BACKEND does)
     */
    public List<JournalRecord> generateRemovals(Collection<Long> leavingTogether, CatalogSnapshot catalog,
                                                ClusterView now, ClusterView after, UnreadableReplicas unreadable) {
        List<JournalRecord> records = new ArrayList<>();
        for (long backendId : leavingTogether) {
            Optional<DecommissionJob> job = jobs.snapshot().activeFor(backendId);
            if (job.isPresent()) {
                List<Long> lost = lostWith(backendId, catalog, now, after, unreadable);
                long replicasLeft = catalog.replicaCount(backendId);
                records.add(record(job.get().after(JobState.Event.REMOVED, clock.wallMillis(), replicasLeft,
                        BackendBytes.known(catalog, sizes, backendId), lost)));
            }
        }
        return records;
    }

    /** The completion check: running jobs whose backend emptied become drained; refilled ones drain again. */
    public List<JournalRecord> generateProgress(CatalogSnapshot catalog) {
        List<JournalRecord> records = new ArrayList<>();
        for (DecommissionJob job : jobs.snapshot().byId().values()) {
            if (!job.state().active()) {
                continue;
            }
            long replicasLeft = catalog.replicaCount(job.backendId());
            JobState.Event event = replicasLeft == 0 ? JobState.Event.DRAINED : JobState.Event.REFILLED;
            if (job.state().next(event) == job.state()) {
                continue; // nothing changes: spare the catalog pass of the bytes
            }
            records.add(record(job.after(event, clock.wallMillis(), replicasLeft,
                    BackendBytes.known(catalog, sizes, job.backendId()), List.of())));
        }
        return records;
    }

    private List<JournalRecord> change(Collection<Long> backendIds, JobState.Event event, CatalogSnapshot catalog,
                                       List<Long> lost) {
        List<JournalRecord> records = new ArrayList<>();
        for (long backendId : backendIds) {
            long replicasLeft = catalog.replicaCount(backendId);
            jobs.snapshot().activeFor(backendId).ifPresent(job -> records.add(record(job.after(event,
                    clock.wallMillis(), replicasLeft, BackendBytes.known(catalog, sizes, backendId), lost))));
        }
        return records;
    }

    private DecommissionJob start(Backend backend, long jobId, String startedBy, CatalogSnapshot catalog) {
        long bytes = BackendBytes.known(catalog, sizes, backend.id());
        return new DecommissionJob(jobId, backend.id(), backend.host(), backend.heartbeatPort(), clock.wallMillis(),
                startedBy, JobState.DRAINING, catalog.replicaCount(backend.id()), bytes, 0, -1, List.of(), 0);
    }

    /**
     * The tablets a job records as lost when its backend leaves: those with a replica on
     * {@code backendId} that the one classifier ({@link TabletHealth#classify}, through
     * {@link DroppPrediction}) calls {@link TabletHealth.Status#LOST} in {@code after}, sorted by
     * id. Exists as the classifier's verdict rather than a rule of its own, so a job's lost tablets
     * are exactly what EXPLAIN ALTER SYSTEM DROPP BACKEND predicted and what SHOW PROC
     * {@code /cluster_health/tablet_health} counts afterwards.
     *
     * <p>Deliberately not recorded: tablets left {@link TabletHealth.Status#UNRECOVERABLE} (replicas
     * remain on registered backends, but none holds every version) or
     * {@link TabletHealth.Status#UNAVAILABLE} (complete replicas only on dead backends). Their
     * replicas stay in the catalog on registered backends, so the classifier keeps reporting them
     * after the job ends (tablet_health, ADMIN SHOW REPLICA STATUS); a job's lost list is the
     * tablets that left the cluster entirely with the backend. Before this rule such
     * UNRECOVERABLE tablets were counted as lost.
     */
    static List<Long> lostWith(long backendId, CatalogSnapshot catalog, ClusterView now, ClusterView after,
                               UnreadableReplicas unreadable) {
        List<Long> lost = new ArrayList<>();
        for (DroppPrediction.Row row : DroppPrediction.predict(catalog, now, after, Set.of(backendId), unreadable)) {
            if (row.outcome() == DroppPrediction.Outcome.LOST) {
                lost.add(row.tabletId());
            }
        }
        lost.sort(null);
        return lost;
    }

    private static JournalRecord record(DecommissionJob job) {
        return JournalRecord.newBuilder().setDecommissionJob(job.toRecord()).build();
    }
}
