package io.tessera.fe.replication;

import io.tessera.common.Clock;
import io.tessera.common.Failures;
import io.tessera.common.LogRateLimiter;
import io.tessera.common.LogValues;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.decommission.DecommissionJobControl;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.rpc.BackendCallException;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.rpc.BackendError;
import io.tessera.fe.rpc.CallDeadline;
import io.tessera.fe.rpc.CloneTimeouts;
import io.tessera.fe.scheduler.Clone;
import io.tessera.fe.scheduler.DrainBlocker;
import io.tessera.fe.scheduler.DrainPlan;
import io.tessera.fe.scheduler.DrainBlockers;
import io.tessera.fe.scheduler.DropReplica;
import io.tessera.fe.scheduler.RunningClones;
import io.tessera.fe.scheduler.SchedulerDecision;
import io.tessera.fe.scheduler.SchedulerInput;
import io.tessera.fe.scheduler.SchedulingRound;
import io.tessera.fe.scheduler.TabletScheduler;
import io.tessera.fe.scheduler.UnhealthySince;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tablet scheduler's decisions ({@link TabletScheduler}, pure) against the real cluster:
 * the leading FE's loop that clones replicas between backends, removes redundant ones once the
 * loads that began before the decision have finished, and drops a decommissioned backend once it
 * holds nothing (Doris's {@code TabletChecker}, {@code TabletScheduler} and the decommission part
 * of {@code SystemHandler}, in one loop).
 *
 * <p>Each round (every {@code tablet_schedule_interval_ms}, 1 s by default) is either a full
 * check, which classifies every tablet (Doris's {@code TabletChecker}) and queues the unhealthy ones
 * most urgent first, or a queue round, which decides for the front of that queue only, as the
 * catalog holds those tablets now (Doris's scheduler taking from its queue). A full check runs when
 * the backends' liveness, decommission flags or locations change (so a DECOMMISSION, a DROPP, an
 * ADD or a backend seen dead starts work within a second), every {@code tablet_checker_interval_ms}
 * (or ten times the last check's cost when longer, at most a minute: {@link FullCheckPacing}), and, with nothing queued, when the catalog changed and the last check's cost was paid back ten
 * times. A drain of many tablets therefore costs one full check, then queue rounds of a few hundred
 * tablets each. After an FE start a tablet is not decided until the backends of its replicas are
 * known (a heartbeat answered or failed) and, when alive, their first tablet report has been
 * reconciled; nothing is balanced, and no drained backend is dropped, until that holds for every
 * backend ({@link ClusterShape}). So a drain resumes with the first reports, not the last. No full
 * check runs while some backend has not been heard from at all (a heartbeat's deadline at most):
 * it could decide nothing, and after a start it would take a core from the first heartbeats. Where each replica of a
 * decommissioned backend goes is planned at once ({@link CurrentDrainPlan}) when the shape changes.
 * The partitions ADMIN REPAIR TABLE queued go to every round; a full check removes those whose
 * tablets it found all healthy ({@link PriorityRepairChecks}).
 *
 * <p>Records: a clone becomes an {@code AddReplicaRecord} once the destination installed it (the
 * clones that finished together in one write); an in-place catch-up of a version-incomplete replica
 * a {@code CatchUpReplicaRecord}; a removal a {@code DropReplicaRecord} (the files go after it); a
 * drained backend a {@code DropBackendRecord} with its job's end. All through {@link CatalogControl},
 * {@link BackendControl} and {@code DecommissionJobControl} on the metadata writer's thread, which
 * re-checks the state the record applies to.
 *
 * <p>Threading: every decision and all of this class's mutable state live on the one thread of
 * {@code thread}; answers from backends are handed back to it. Readers on other threads see
 * {@link #activity()}, an immutable view published after each change. What SHOW PROC
 * '/cluster_balance' shows (queues, slots, counters) is kept by a {@link SchedulerBook} on the same thread.
 */
public final class ReplicationLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationLoop.class);
    /** How long a tablet whose clone failed waits before the scheduler decides for it again. */
    static final long RETRY_AFTER_FAILURE_MS = 5_000;
    /** Added to a clone's timeout for the call's deadline: the destination gives up first and says why. */
    private static final long CALL_GRACE_MS = 10_000;
    private static final long LOW_CLONE_SPEED_MB_PER_SECOND = 5;
    /** A queue round looks at this many times {@code schedule_batch_size} queued tablets. */
    private static final int QUEUE_ROUND_FACTOR = 4;
    /** A full check at least this long is logged. */
    private static final long SLOW_CHECK_NS = 1_000_000_000L;

    private final Catalog catalog;
    private final CatalogControl catalogControl;
    private final Supplier<ClusterView> cluster;
    private final TabletReports reports;
    private final Supplier<RuntimeConfig> config;
    private final MetadataWriter writer;
    private final BackendCalls calls;
    private final Clock clock;
    private final Random random;
    private final ScheduledExecutorService thread;
    private final Supplier<Set<Long>> pausedBackends;
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private final SchedulerBook book;
    private final ReplicaRemovals removals;
    private final DrainedBackends drained;
    private final PriorityRepairChecks priorityRepairs;
    private final CurrentDrainPlan drainPlan;
    private final DrainRates drainRates = new DrainRates();
    private final DrainWatch drainWatch = new DrainWatch();
    private final ReportedCatchUpRecords reportedCatchUps;
    /** A clone that keeps failing between the same two backends writes one line a minute. */
    private final LogRateLimiter failureLines;
    /** After an FE start, the backends not judged yet (their tablets wait). */
    private final SettlingBackends settling;

    // Loop-thread state.
    private final ClonesInFlight running = new ClonesInFlight();
    private final Map<Long, Long> retryAfterMs = new HashMap<>();
    private final List<FinishedCloneRecords.Finished> finished = new ArrayList<>();
    /** Replicas whose in-place catch-up was refused: the next repair removes them and clones whole. */
    private final Set<Long> wholeCloneNeeded = new HashSet<>();
    private boolean recordQueued;
    private Map<Long, Long> unhealthySince = Map.of();
    private CatalogSnapshot lastCatalog;
    private List<String> lastClusterShape = List.of();
    /** The recoverable unhealthy tablets the last full check found, most urgent first. */
    private List<TabletLocation> queue = new ArrayList<>();
    private final FullCheckPacing pacing;
    private long finishedClones;
    private long failedClones;
    private long checks;

    private volatile ReplicationActivity activity = ReplicationActivity.EMPTY;

    /**
     * @param liveTransactions the load transactions that may still write or publish ({@code txn.LiveTransactions})
     * @param leaving          shared with the load path: replicas being removed
     * @param priorityRepairs  the partitions ADMIN REPAIR TABLE queued, repaired first
     * @param pausedBackends   the backends whose decommission job is paused now
     *                         ({@code decommission.DecommissionJobs}): nothing new is moved off them,
     *                         clones in flight still finish, and the completion check never drops them
     * @param thread           the loop's one thread; closed by {@link #close}
     */
    public ReplicationLoop(Catalog catalog, CatalogControl catalogControl, BackendControl backendControl,
                           DecommissionJobControl jobs, Supplier<ClusterView> cluster, TabletReports reports,
                           Supplier<RuntimeConfig> config,
                           MetadataWriter writer, BackendCalls calls, Supplier<Set<Long>> liveTransactions,
                           LeavingReplicas leaving, PriorityRepairs priorityRepairs,
                           Supplier<Set<Long>> pausedBackends, Clock clock, Random random,
                           ScheduledExecutorService thread) {
        this.catalog = catalog;
        this.catalogControl = catalogControl;
        this.cluster = cluster;
        this.reports = reports;
        this.config = config;
        this.writer = writer;
        this.reportedCatchUps = new ReportedCatchUpRecords(reports, writer, catalogControl);
        this.calls = calls;
        this.clock = clock;
        this.failureLines = LogRateLimiter.perMinute(clock);
        this.random = random;
        this.thread = thread;
        this.pausedBackends = pausedBackends;
        this.priorityRepairs = new PriorityRepairChecks(priorityRepairs);
        this.drainPlan = new CurrentDrainPlan(clock);
        this.book = new SchedulerBook(clock);
        this.pacing = new FullCheckPacing(clock);
        this.removals = new ReplicaRemovals(catalogControl, cluster, reports, writer, calls, liveTransactions, leaving,
                book);
        this.drained = new DrainedBackends(catalog, cluster, reports, writer, backendControl, jobs, pausedBackends);
        this.settling = new SettlingBackends(reports, clock, drained::adoptFlagged);
    }

    /** Starts the periodic rounds. */
    public void start() {
        long intervalMs = Math.max(10, config.get().tabletScheduleIntervalMs());
        long nowMs = clock.wallMillis();
        drained.start(nowMs, config.get().decommissionCheckIntervalMs());
        thread.scheduleWithFixedDelay(this::runRound, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Runs a round soon, on the loop's thread (one queued at most). */
    public void wake() {
        if (roundQueued.compareAndSet(false, true)) {
            execute(() -> {
                roundQueued.set(false);
                runRound();
            });
        }
    }

    /** What the loop is doing, for SHOW PROC, the report reconciler and tests. */
    public ReplicationActivity activity() {
        return activity;
    }

    /**
     * Every replica on a decommissioned backend that is not moving, and why ({@link DrainBlockers}),
     * from the catalog and cluster now and what the loop last published. Safe from any thread; one
     * pass over the catalog.
     */
    public List<DrainBlocker> blockers() {
        ReplicationActivity now = activity;
        return DrainBlockers.find(new SchedulerInput(catalog.snapshot(), cluster.get(), reports::unreadable,
                config.get(), clock.wallMillis(), now.unhealthySinceMs(),
                new RunningClones(now.cloningTabletIds(), Map.of()), DrainPlan.EMPTY, Set.of(), pausedBackends.get()),
                now.drainObserved());
    }

    private void runRound() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.error("tablet scheduling round failed", e);
        }
    }

    private void round() {
        long nowMs = clock.wallMillis();
        ClusterView view = cluster.get();
        ClusterShape.Waiting waiting = settling.waiting(view);
        Set<Long> unsettled = waiting.backendIds();
        RuntimeConfig settings = config.get();
        if (unsettled.isEmpty()) {
            drained.maybeCheck(view, nowMs, settings.dropBackendAfterDecommission(),
                    settings.decommissionCheckIntervalMs());
        }
        if (removals.finishDue()) {
            publish();
        }
        book.scheduleRound();
        retryAfterMs.values().removeIf(atMs -> atMs <= nowMs);
        // Read before the catalog: a full check sees each partition it is given as it is after its REPAIR.
        PriorityRepairs.Snapshot prioritised = priorityRepairs.queuedNow();
        CatalogSnapshot snapshot = catalog.snapshot();
        Set<Long> paused = pausedBackends.get();
        List<String> shape = ClusterShape.of(view, paused, unsettled.isEmpty());
        Set<Long> busy = running.tabletIds();
        removals.addBusyTablets(busy);
        busy.addAll(retryAfterMs.keySet());
        // While some backend has not been heard from since this FE started (the first seconds after a
        // start: at most one heartbeat deadline), a full check could decide next to nothing and would
        // take a core from the thousand first heartbeats; it waits until every liveness is known.
        if (waiting.livenessUnknown() == 0 && fullCheckDue(snapshot, shape, prioritised, nowMs)) {
            fullRound(snapshot, view, shape, settings, nowMs, busy, prioritised, paused, unsettled);
        } else if (!queue.isEmpty()) {
            queueRound(snapshot, view, settings, nowMs, busy, prioritised.partitionIds(), paused, unsettled);
        }
        watchDrains(snapshot, view, settings, nowMs, paused);
        publish();
    }

    /** Notes the drains' progress and writes the one line of a drain that stalled (see {@link DrainWatch}). */
    private void watchDrains(CatalogSnapshot snapshot, ClusterView view, RuntimeConfig settings, long nowMs,
                             Set<Long> paused) {
        drainWatch.observe(view, snapshot, paused, nowMs);
        drainWatch.maybeWarn(nowMs, () -> new SchedulerInput(snapshot, view, reports::unreadable, settings, nowMs,
                        unhealthySince, new RunningClones(running.tabletIds(), Map.of()), DrainPlan.EMPTY, Set.of(),
                        paused),
                drainObserved(settings), settings.decommissionStallWarningSeconds());
    }

    private DrainBlockers.Observed drainObserved(RuntimeConfig settings) {
        return drainWatch.observed(removals.pendingReplicaIds(), removals.pendingTabletIds(),
                settings.decommissionStallWarningSeconds() * 1000L);
    }

    /**
     * Whether this round classifies every tablet: when the backends' shape changed (liveness,
     * decommission, location) or the partitions to repair first did (ADMIN REPAIR TABLE, so their
     * tablets go to the front of the queue at once), when the periodic check is due
     * ({@code tablet_checker_interval_ms}, ten times the last full check's cost, at most a minute:
     * {@link FullCheckPacing}), or, with nothing
     * queued, when the catalog changed and the last full check's cost has been paid back ten times
     * over (a small catalog is checked again at once; a huge one under constant loads costs at most
     * about a tenth of this thread). Otherwise the round works from the queue the last full check
     * left, re-checking only those tablets.
     */
    private boolean fullCheckDue(CatalogSnapshot snapshot, List<String> shape, PriorityRepairs.Snapshot prioritised,
                                 long nowMs) {
        if (!shape.equals(lastClusterShape) || priorityRepairs.changedSinceLastCheck(prioritised)
                || pacing.periodicDue(nowMs)) {
            return true;
        }
        return queue.isEmpty() && snapshot != lastCatalog && pacing.costPaidBack();
    }

    private void fullRound(CatalogSnapshot snapshot, ClusterView view, List<String> shape, RuntimeConfig settings,
                           long nowMs, Set<Long> busy, PriorityRepairs.Snapshot prioritised, Set<Long> paused,
                           Set<Long> unsettled) {
        long startNs = clock.monotonicNanos();
        lastCatalog = snapshot;
        lastClusterShape = shape;
        pacing.started(nowMs, settings.tabletCheckerIntervalMs());
        drainPlan.update(snapshot, view, shape);
        Set<Long> priorityPartitionIds = priorityRepairs.beginCheck(prioritised, snapshot);
        long checkStartMs = clock.wallMillis();
        SchedulingRound round = TabletScheduler.schedule(new SchedulerInput(snapshot, view, reports::unreadable,
                settings, nowMs, unhealthySince, running.forScheduler(busy, removals),
                drainPlan.plan(), priorityPartitionIds, paused, unsettled), random);
        unhealthySince = UnhealthySince.next(unhealthySince, round.unhealthy(), nowMs);
        drainWatch.retainFailures(round.unhealthy());
        checks++;
        book.checked(round, clock.wallMillis() - checkStartMs);
        Map<Long, TabletLocation> places = TabletLocation.index(snapshot);
        priorityRepairs.finishCheck(round, busy, places);
        reportedCatchUps.record(round.unhealthy().stream().map(places::get).filter(Objects::nonNull).toList(), busy);
        queue = new ArrayList<>();
        for (long tabletId : round.queue()) {
            TabletLocation place = places.get(tabletId);
            if (place != null) {
                queue.add(place);
            }
        }
        // Only the decisions count as the check's cost: starting the work below waits for the
        // metadata writer, which a slow statement ahead of it may hold for seconds.
        long decisionNs = clock.monotonicNanos() - startNs;
        if (!round.decisions().isEmpty()) {
            long actStartMs = clock.wallMillis();
            int acted = act(round.decisions(), places, view, settings, nowMs);
            book.decided(round.decisions().size(), acted, clock.wallMillis() - actStartMs);
        }
        pacing.finished(nowMs, settings.tabletCheckerIntervalMs(), decisionNs);
        if (decisionNs >= SLOW_CHECK_NS) {
            LOG.info("tablet scheduler: a full check of {} tablets took {} ms ({} unhealthy, {} decisions)",
                    places.size(), decisionNs / 1_000_000, round.unhealthy().size(), round.decisions().size());
        }
    }

    /**
     * A round over the front of the queue only: the first queued tablets not busy, as the catalog
     * holds them now ({@link TabletLocation#subset}), decided with the same function (no balance:
     * it does not see every healthy tablet). Tablets found healthy or unrecoverable leave the queue.
     */
    private void queueRound(CatalogSnapshot snapshot, ClusterView view, RuntimeConfig settings, long nowMs,
                            Set<Long> busy, Set<Long> prioritised, Set<Long> paused, Set<Long> unsettled) {
        int wanted = Math.max(1, settings.scheduleBatchSize()) * QUEUE_ROUND_FACTOR;
        List<TabletLocation> front = new ArrayList<>();
        for (TabletLocation place : queue) {
            if (front.size() >= wanted) {
                break;
            }
            // A tablet queued before its backend became unsettled (dead when this FE started, back
            // and not reported yet) waits without holding up the ones behind it.
            if (!busy.contains(place.tabletId()) && !SchedulerInput.onAny(place.tablet(), unsettled)) {
                front.add(place);
            }
        }
        if (front.isEmpty()) {
            return;
        }
        CatalogSnapshot part = TabletLocation.subset(snapshot, front);
        SchedulingRound round = TabletScheduler.schedule(new SchedulerInput(part, view, reports::unreadable,
                settings, nowMs, unhealthySince, running.forScheduler(busy, removals),
                drainPlan.plan(), prioritised, paused, unsettled), random, false);
        Set<Long> settled = new HashSet<>();
        for (TabletLocation place : front) {
            if (!round.unhealthy().contains(place.tabletId()) || round.unrecoverable().containsKey(place.tabletId())) {
                settled.add(place.tabletId());
            }
        }
        queue.removeIf(place -> settled.contains(place.tabletId()));
        Map<Long, TabletLocation> places = TabletLocation.index(part);
        reportedCatchUps.record(places.values(), busy);
        if (!round.decisions().isEmpty()) {
            long actStartMs = clock.wallMillis();
            int acted = act(round.decisions(), places, view, settings, nowMs);
            book.decided(round.decisions().size(), acted, clock.wallMillis() - actStartMs);
        }
    }

    /** Starts the decided work; returns how many pieces started. */
    private int act(List<SchedulerDecision> decisions, Map<Long, TabletLocation> places, ClusterView view,
                     RuntimeConfig settings, long nowMs) {
        List<Clone> clones = new ArrayList<>();
        List<DropReplica> drops = new ArrayList<>();
        for (SchedulerDecision decision : decisions) {
            if (decision instanceof Clone clone && places.containsKey(clone.tabletId())) {
                clones.add(clone);
            } else if (decision instanceof DropReplica drop && places.containsKey(drop.tabletId())) {
                drops.add(drop);
            }
        }
        // One write allocates every id the round needs: the new replicas' ids and the watermark
        // below which a removal waits for loads.
        long[] ids = writer.submit(allocator -> new WriteResult<>(List.of(),
                LongStream.rangeClosed(0, clones.size()).map(i -> allocator.allocate()).toArray())).join();
        long watermark = ids[clones.size()];
        int acted = 0;
        long waitBelow = settings.forceDropRedundantReplica() ? 0 : watermark;
        for (DropReplica drop : drops) {
            if (removals.queue(drop, places.get(drop.tabletId()), view, waitBelow)) {
                acted++;
            }
        }
        for (int i = 0; i < clones.size(); i++) {
            if (startClone(clones.get(i), places.get(clones.get(i).tabletId()), ids[i], view, settings, nowMs)) {
                acted++;
            }
        }
        removals.finishDue();
        return acted;
    }

    /** Starts a clone; false when its source cannot serve it. */
    private boolean startClone(Clone decision, TabletLocation place, long replicaId, ClusterView view,
                               RuntimeConfig settings, long nowMs) {
        Optional<Backend> source = view.backend(decision.sourceBackendId());
        int sourcePort = view.runtime(decision.sourceBackendId()).bePort();
        Optional<ReplicaDefinition> sourceReplica = replicaOn(place, decision.sourceBackendId());
        if (source.isEmpty() || sourcePort <= 0 || sourceReplica.isEmpty()) {
            return false;
        }
        long bytes = reports.replica(sourceReplica.get().getReplicaId(), decision.sourceBackendId())
                .map(ReplicaStats::dataSizeBytes).orElse(0L);
        long timeoutMs = new CloneTimeouts(settings.minCloneTaskTimeoutSeconds() * 1000,
                settings.maxCloneTaskTimeoutSeconds() * 1000, LOW_CLONE_SPEED_MB_PER_SECOND).timeoutMs(bytes);
        Optional<ReplicaDefinition> held = replicaOn(place, decision.destinationBackendId());
        // A version-incomplete replica on the destination is caught up in place (same replica id:
        // loads that began after it was placed keep writing to it, so it converges under constant
        // loads); one whose catch-up was refused (its source compacted across its version) leaves
        // the catalog and the tablet is cloned again whole.
        boolean catchUp = held.isPresent() && !wholeCloneNeeded.contains(held.get().getReplicaId());
        long targetReplicaId = catchUp ? held.get().getReplicaId() : replicaId;
        CloneTabletRequest request = CloneRequests.build(place, source.get(), sourcePort,
                sourceReplica.get().getReplicaId(), targetReplicaId, timeoutMs);
        ClonesInFlight.Running clone = new ClonesInFlight.Running(decision, place, targetReplicaId, bytes, nowMs,
                catchUp,
                DrainRates.leavingBackend(decision, place, view));
        running.add(clone);
        book.cloneStarted(decision, bytes, timeoutMs, place.partition().getVisibleVersion());
        CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
        if (held.isPresent() && !catchUp) {
            wholeCloneNeeded.remove(held.get().getReplicaId());
            ready = removals.removeIncompleteNow(place, held.get().getReplicaId(), decision.destinationBackendId());
        }
        LOG.info("tablet {}: {} replica {} from backend {} to backend {} as replica {} ({}, {} bytes)",
                place.tabletId(), catchUp ? "catching up from" : "cloning", sourceReplica.get().getReplicaId(),
                decision.sourceBackendId(), decision.destinationBackendId(), targetReplicaId, decision.reason(), bytes);
        ready.thenCompose(ignored -> calls.cloneTablet(decision.destinationBackendId(), request,
                        CallDeadline.after(clock, timeoutMs + CALL_GRACE_MS)))
                .whenComplete((response, failure) -> execute(() -> handleCloneDone(clone, response, failure)));
        return true;
    }

    private static Optional<ReplicaDefinition> replicaOn(TabletLocation place, long backendId) {
        return place.tablet().getReplicasList().stream().filter(replica -> replica.getBackendId() == backendId)
                .findFirst();
    }

    /**
     * On the loop's thread: a failed clone lets its tablet wait and be decided again; a finished
     * one joins the clones to record, which {@link #recordFinishedClones} journals together with
     * every other clone that finished before it runs (one write for a burst, not one per replica).
     */
    private void handleCloneDone(ClonesInFlight.Running clone, CloneTabletResponse response, Throwable failure) {
        long tabletId = clone.place().tabletId();
        if (failure != null || !response.getStatus().getErrorMessage().isEmpty()) {
            String why = failure != null ? Failures.rootMessage(failure) : response.getStatus().getErrorMessage();
            long source = clone.decision().sourceBackendId();
            long destination = clone.decision().destinationBackendId();
            failureLines.log("clone:" + source + ">" + destination, "tablet " + tabletId + ": clone from backend "
                    + source + " to backend " + destination + " failed: " + LogValues.bounded(why), LOG::warn);
            failedClones++;
            if (clone.catchUp() && refusedAsConflict(failure)) {
                wholeCloneNeeded.add(clone.replicaId());
            }
            book.cloneFinished(tabletId, false, why);
            drainWatch.cloneFailed(tabletId, why, clock.wallMillis());
            retryAfterMs.put(tabletId, clock.wallMillis() + RETRY_AFTER_FAILURE_MS);
            running.remove(tabletId);
            publish();
            return;
        }
        finished.add(new FinishedCloneRecords.Finished(clone, response));
        if (!recordQueued) {
            recordQueued = true;
            execute(this::recordFinishedClones);
        }
    }

    /** Whether a backend refused the call as a conflict (a catch-up its source cannot serve). */
    private static boolean refusedAsConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BackendCallException call) {
                return call.error() == BackendError.CONFLICT;
            }
        }
        return false;
    }

    /** Journals every finished clone waiting, in one write; the records move the placement version. */
    private void recordFinishedClones() {
        recordQueued = false;
        List<FinishedCloneRecords.Finished> batch = List.copyOf(finished);
        finished.clear();
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Boolean> added = writer.submit(ids -> FinishedCloneRecords.generate(batch, cluster.get(),
                    catalogControl, ids)).join();
            for (int i = 0; i < batch.size(); i++) {
                ClonesInFlight.Running clone = batch.get(i).started();
                CloneTabletResponse response = batch.get(i).response();
                long destination = clone.decision().destinationBackendId();
                if (added.get(i) && clone.catchUp()) {
                    LOG.info("tablet {}: replica {} on backend {} caught up to version {} in {} ms",
                            clone.place().tabletId(), clone.replicaId(), destination, response.getVersion(),
                            clock.wallMillis() - clone.startMs());
                }
                if (added.get(i)) {
                    finishedClones++;
                    if (!clone.catchUp() && clone.leavingBackendId() >= 0) {
                        drainRates.cloneFinished(clone.leavingBackendId(), clone.bytes(), clone.startMs(),
                                clock.wallMillis());
                    }
                    book.cloneFinished(clone.place().tabletId(), true, "");
                    drainWatch.cloneSucceeded(clone.place().tabletId());
                    if (!clone.catchUp()) {
                        LOG.info("tablet {}: replica {} installed on backend {} at version {} ({} rows, {} bytes) in {} "
                                + "ms", clone.place().tabletId(), clone.replicaId(), destination, response.getVersion(),
                                response.getRowCount(), response.getByteSize(), clock.wallMillis() - clone.startMs());
                    }
                } else {
                    failedClones++;
                    book.cloneFinished(clone.place().tabletId(), false,
                            "clone no longer wanted: tablet, replica or backend gone");
                    LOG.info("tablet {}: the clone on backend {} is no longer wanted (tablet, replica or backend "
                            + "gone); removing its files", clone.place().tabletId(), destination);
                    removals.removeFiles(destination, clone.place().tabletId(), clone.replicaId(),
                            "clone no longer wanted");
                }
            }
            if (batch.size() > 1) {
                LOG.info("recorded {} finished clones in one write", batch.size());
            }
        } finally {
            for (FinishedCloneRecords.Finished done : batch) {
                running.remove(done.started().place().tabletId());
                book.cloneFinished(done.started().place().tabletId(), false,
                        "the clone's replica could not be recorded");
            }
            publish();
            // Slots just came free: fill them now rather than at the next periodic round.
            wake();
        }
    }

    private void publish() {
        ClusterView view = cluster.get();
        List<Long> backendIds = view.backends().stream().map(Backend::id).toList();
        activity = new ReplicationActivity(running.tabletIds(), running.byDatabase(), removals.pending(), finishedClones,
                failedClones, removals.removed(), checks, drainPlan.plan().destinations().size(), drainPlan.plan().unplaceable().size(), drainPlan.planMs(),
                book.views(backendIds, config.get()), drainRates.bytesPerSecond(clock.wallMillis()),
                drainObserved(config.get()), unhealthySince);
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: the FE stops; what was in flight is decided again after its restart.
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the tablet scheduler's thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
