package io.tessera.fe.decommission;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DroppPrediction;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generate half of every decommission job change: a job started by DECOMMISSION, cancelled by
 * CANCEL, paused and resumed by ALTER SYSTEM PAUSE / RESUME DECOMMISSION BACKEND, ended by a DROPP (with the tablets the classifier calls lost after it) or by the
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
        List<Backend> starting = leaving.stream().filter(backend -> jobs.snapshot().activeFor(backend.id()).isEmpty())
                .toList();
        // One pass over the catalog for every backend's bytes (a pass per backend made a DECOMMISSION
        // of the 34 backends holding 100k of 3M replicas walk the catalog 34 times on the writer).
        Map<Long, Long> bytes = BackendBytes.known(catalog, sizes, starting.stream().map(Backend::id).toList());
        List<JournalRecord> records = new ArrayList<>();
        for (Backend backend : starting) {
            records.add(record(start(backend, ids.allocate(), startedBy, catalog, bytes.get(backend.id()))));
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
        return change(backendIds, JobState.Event.CANCEL, catalog);
    }

    /**
     * ALTER SYSTEM PAUSE DECOMMISSION BACKEND: the backends' running jobs become paused; a job
     * already paused gets no record. All or nothing: a backend without a running job refuses the
     * whole statement ({@link #notDecommissioned}).
     */
    public List<JournalRecord> generatePauses(Collection<Backend> backends, CatalogSnapshot catalog) {
        requireRunningJobs(backends);
        return change(backends.stream().map(Backend::id).toList(), JobState.Event.PAUSE, catalog);
    }

    /**
     * ALTER SYSTEM RESUME DECOMMISSION BACKEND: the backends' paused jobs drain again; a running
     * job that is not paused gets no record. All or nothing, as {@link #generatePauses}.
     */
    public List<JournalRecord> generateResumes(Collection<Backend> backends, CatalogSnapshot catalog) {
        requireRunningJobs(backends);
        return change(backends.stream().map(Backend::id).toList(), JobState.Event.RESUME, catalog);
    }

    private void requireRunningJobs(Collection<Backend> backends) {
        for (Backend backend : backends) {
            if (jobs.snapshot().activeFor(backend.id()).isEmpty()) {
                throw notDecommissioned(backend);
            }
        }
    }

    /** {@code Backend <host:heartbeat_port> is not being decommissioned}: no running job to pause or resume. */
    static TesseraException notDecommissioned(Backend backend) {
        return new TesseraException(ErrorCode.CONFLICT, "Backend "
                + new HostPort(backend.host(), backend.heartbeatPort()) + " is not being decommissioned");
    }

    /**
     * The backends leave the registry (DROPP, or the completion check's drop): their running jobs
     * end, removed, each with the tablets it lost or left unrecoverable ({@link #lossesWith}).
     *
     * @param leavingTogether every backend removed by the same statement
     * @param now             the cluster before the removal (the backends' data now)
     * @param after           the cluster as the statement's records leave it (the caller builds it
     *                        with {@link ClusterView#afterReplaying},
     *                        as EXPLAIN ALTER SYSTEM DROPP BACKEND does)
     */
    public List<JournalRecord> generateRemovals(Collection<Long> leavingTogether, CatalogSnapshot catalog,
                                                ClusterView now, ClusterView after, UnreadableReplicas unreadable) {
        List<JournalRecord> records = new ArrayList<>();
        for (long backendId : leavingTogether) {
            Optional<DecommissionJob> job = jobs.snapshot().activeFor(backendId);
            if (job.isPresent()) {
                Losses losses = lossesWith(backendId, catalog, now, after, unreadable);
                long replicasLeft = catalog.replicaCount(backendId);
                records.add(record(job.get().after(JobState.Event.REMOVED, clock.wallMillis(), replicasLeft,
                        BackendBytes.known(catalog, sizes, backendId), losses.lost(), losses.unrecoverable())));
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
                    BackendBytes.known(catalog, sizes, job.backendId()), List.of(), List.of())));
        }
        return records;
    }

    private List<JournalRecord> change(Collection<Long> backendIds, JobState.Event event, CatalogSnapshot catalog) {
        List<DecommissionJob> changing = new ArrayList<>();
        for (long backendId : backendIds) {
            Optional<DecommissionJob> job = jobs.snapshot().activeFor(backendId);
            if (job.isPresent() && job.get().state().next(event) != job.get().state()) {
                changing.add(job.get());  // else no running job, or nothing changes (PAUSE of a paused job): no record
            }
        }
        Map<Long, Long> bytes = BackendBytes.known(catalog, sizes,
                changing.stream().map(DecommissionJob::backendId).toList());
        List<JournalRecord> records = new ArrayList<>();
        for (DecommissionJob job : changing) {
            long replicasLeft = catalog.replicaCount(job.backendId());
            records.add(record(job.after(event, clock.wallMillis(), replicasLeft, bytes.get(job.backendId()),
                    List.of(), List.of())));
        }
        return records;
    }

    private DecommissionJob start(Backend backend, long jobId, String startedBy, CatalogSnapshot catalog, long bytes) {
        return new DecommissionJob(jobId, backend.id(), backend.host(), backend.heartbeatPort(), clock.wallMillis(),
                startedBy, JobState.DRAINING, catalog.replicaCount(backend.id()), bytes, 0, -1, List.of(), List.of(), 0);
    }

    /**
     * What a removed job records: its tablets with a replica on the leaving backend that the one
     * classifier ({@link TabletHealth#classify}, through {@link DroppPrediction}) calls, in
     * {@code after}, {@link TabletHealth.Status#LOST} (no replica left on a registered backend) and
     * {@link TabletHealth.Status#UNRECOVERABLE} (replicas left, none with every version: the newest
     * data went with the backend), each sorted by id.
     *
     * @param lost          the lost tablets
     * @param unrecoverable the unrecoverable ones
     */
    record Losses(List<Long> lost, List<Long> unrecoverable) {
    }

    /**
     * The tablets a job records when its backend leaves. Exists as the classifier's verdict rather
     * than a rule of its own, so a job's lost tablets are exactly what EXPLAIN ALTER SYSTEM DROPP
     * BACKEND predicted as LOST and what the health views call lost afterwards. Tablets left
     * {@link TabletHealth.Status#UNAVAILABLE} (complete replicas only on dead backends) are not
     * recorded: they come back with their backend. Records written before this rule listed
     * unrecoverable tablets among the lost ones.
     */
    static Losses lossesWith(long backendId, CatalogSnapshot catalog, ClusterView now, ClusterView after,
                             UnreadableReplicas unreadable) {
        List<Long> lost = new ArrayList<>();
        List<Long> unrecoverable = new ArrayList<>();
        for (DroppPrediction.Row row : DroppPrediction.predict(catalog, now, after, Set.of(backendId), unreadable)) {
            switch (row.outcome()) {
                case LOST -> lost.add(row.tabletId());
                case UNRECOVERABLE -> unrecoverable.add(row.tabletId());
                case UNAVAILABLE, UNDER_REPLICATED -> { }
            }
        }
        lost.sort(null);
        unrecoverable.sort(null);
        return new Losses(lost, unrecoverable);
    }

    private static JournalRecord record(DecommissionJob job) {
        return JournalRecord.newBuilder().setDecommissionJob(job.toRecord()).build();
    }
}
