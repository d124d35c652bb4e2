package io.tessera.fe.report;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one backend's tablet report: refuses it when the backend id is not registered (a dropped
 * backend), with Doris's verbatim {@code backend[<host>:<be_port>] does not exist.}; otherwise
 * reconciles the report against a catalog snapshot taken after it arrived ({@link ReportReconciler}),
 * records the report with the replicas found missing in {@link TabletReports}, hands unknown
 * replicas past their grace period to the trash executor and stray transactions to be aborted
 * ({@link StrayTransactions}). Kept free of gRPC so it can be tested with plain requests.
 *
 * <p>A full report replaces the backend's soft state and is reconciled whole. An incremental one
 * (a Tessera addition: the replicas changed since the backend's report numbered {@code
 * base_sequence}, and the tablets removed) is merged into the backend's last report and only what
 * it carries is reconciled ({@link ReportReconciler#reconcileChanges}); it applies only when it
 * follows the last report applied for that backend: same backend process ({@code reporter_epoch})
 * and {@code base_sequence} the sequence of that report. Otherwise (no full report since this FE
 * started or since the backend was registered under this id, a report lost in between, another
 * process) it changes nothing and is answered {@code full_report_required}, and the backend sends a
 * full report soon. So the soft state after full(A) then delta(A to B) is the one full(B) leaves.
 *
 * <p>Threading: thread-safe. A report is compacted on the calling thread, then applied under one
 * lock: the registry check, forgetting dropped backends, the decisions (reconciliation, stray
 * transactions) and the replacement of the backend's soft state. So a decision never sees a
 * half-recorded report, two reports of one backend never interleave (the verdict kept with a report
 * is that report's), and a report overtaken by a later one of its backend is ignored, not applied
 * over it: one that arrived earlier, or one of the same backend process ({@code reporter_epoch}) whose
 * {@code sequence} is not past the last one applied (sent earlier, delivered late). The lock is held for the size of one backend's report and placement (a few thousand
 * replicas); the reconciler serialized every backend before, so it costs no parallelism. Orders and
 * logs are carried out after the lock.
 */
public final class TabletReportHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TabletReportHandler.class);

    private final Supplier<BackendRegistry.Snapshot> backends;
    private final Supplier<CatalogSnapshot> catalog;
    private final TabletReports reports;
    private final ReportReconciler reconciler;
    private final Supplier<WorkInFlight> inFlight;
    private final Consumer<Reconciliation.TrashOrder> trash;
    private final StrayTransactions strays;
    private final Clock clock;
    /** Numbers reports in the order they arrive, to tell an overtaken report of a backend. */
    private final AtomicLong arrivals = new AtomicLong();
    /** Guards everything below, and every change of the report soft state. */
    private final Object lock = new Object();
    /** Per backend, the arrival number of the last report applied. */
    private final Map<Long, Long> lastApplied = new HashMap<>();
    /** Per backend, the last reconciliation summary logged, so an unchanged one is not logged again. */
    private final Map<Long, String> lastSummary = new HashMap<>();
    /** Per backend, which report of which process was applied last: what a delta must follow. */
    private final Map<Long, Chain> chains = new HashMap<>();
    /** The registry the soft state was last trimmed to (registered backends only). */
    private BackendRegistry.Snapshot lastRegistry;
    /** Where the catalog places replicas; updated only when the placement changes (see ReplicaIndex). */
    private ReplicaIndex index = ReplicaIndex.EMPTY;

    /** The last report applied for a backend: its process's epoch and its sequence number. */
    private record Chain(long epoch, long sequence) {
    }

    private static final TabletReportResponse FULL_REPORT_REQUIRED =
            TabletReportResponse.newBuilder().setFullReportRequired(true).build();

    /** What applying a report decided, carried out after the lock, and the answer to the backend. */
    private record Decisions(Reconciliation reconciliation, List<StrayTransactions.AbortOrder> aborts,
                             Optional<String> summaryToLog, TabletReportResponse answer) {
    }

    /**
     * @param inFlight loads and clones that may be writing to replicas now
     * @param trash    carries out a decision to move a replica to its backend's trash
     * @param strays   aborts pending rowsets that no load will publish
     * @param clock    the source of the time reports are stamped with
     */
    public TabletReportHandler(Supplier<BackendRegistry.Snapshot> backends, Supplier<CatalogSnapshot> catalog,
                               TabletReports reports, ReportReconciler reconciler, Supplier<WorkInFlight> inFlight,
                               Consumer<Reconciliation.TrashOrder> trash, StrayTransactions strays, Clock clock) {
        this.backends = backends;
        this.catalog = catalog;
        this.reports = reports;
        this.reconciler = reconciler;
        this.inFlight = inFlight;
        this.trash = trash;
        this.strays = strays;
        this.clock = clock;
    }

    public TabletReportResponse handle(TabletReport report) {
        long arrival = arrivals.incrementAndGet();
        long backendId = report.getBackendId();
        long nowMs = clock.wallMillis();
        // A full report is compacted before the lock; an incremental one is merged under it, into the
        // backend's last report.
        BackendReport full = report.getIncremental() ? null : BackendReport.of(backendId, report.getReplicasList(),
                nowMs);
        Decisions decisions;
        synchronized (lock) {
            // The registry is read under the lock, so no report forgets backends by an older registry
            // than one a report applied before it was checked against.
            BackendRegistry.Snapshot registry = backends.get();
            Optional<Backend> backend = registry.backend(backendId);
            if (backend.isEmpty()) {
                String message = "backend[" + report.getHost() + ":" + report.getBePort() + "] does not exist.";
                LOG.debug("tablet report of backend id {} refused: {}", backendId, message);
                return TabletReportResponse.newBuilder().setErrorMessage(message).build();
            }
            if (registry != lastRegistry) {
                // Only a new registry can have dropped a backend: per report this was O(backends) map work.
                forgetAllBut(registry.byId().keySet());
                lastRegistry = registry;
            }
            if (lastApplied.getOrDefault(backendId, 0L) > arrival) {
                LOG.debug("tablet report of backend {} ignored: a later report of it was applied", backendId);
                return TabletReportResponse.getDefaultInstance();
            }
            Chain applied = chains.get(backendId);
            if (applied != null && applied.epoch() == report.getReporterEpoch() && report.getSequence() > 0
                    && report.getSequence() <= applied.sequence()) {
                LOG.debug("tablet report {} of backend {} ignored: its report {} was applied", report.getSequence(),
                        backendId, applied.sequence());
                return TabletReportResponse.getDefaultInstance();
            }
            if (full != null) {
                decisions = apply(backend.get(), report, full);
            } else {
                Optional<BackendReport> last = reports.report(backendId);
                Chain chain = chains.get(backendId);
                if (last.isEmpty() || chain == null || chain.epoch() != report.getReporterEpoch()
                        || chain.sequence() != report.getBaseSequence()) {
                    LOG.debug("incremental tablet report {} of backend {} follows report {} of process {}, not the "
                            + "last one applied ({}): a full report is required", report.getSequence(), backendId,
                            report.getBaseSequence(), report.getReporterEpoch(), chain);
                    return FULL_REPORT_REQUIRED;
                }
                decisions = applyChanges(backend.get(), report, last.get().merge(report.getReplicasList(),
                        report.getRemovedTabletIdsList(), nowMs));
            }
            lastApplied.put(backendId, arrival);
            chains.put(backendId, new Chain(report.getReporterEpoch(), report.getSequence()));
        }
        decisions.summaryToLog().ifPresent(summary -> LOG.info("tablet report of backend {} ({}:{}, {}): {}",
                backendId, report.getHost(), report.getBePort(), report.getIncremental()
                        ? report.getReplicasCount() + " changed and " + report.getRemovedTabletIdsCount()
                        + " removed replicas" : report.getReplicasCount() + " replicas", summary));
        decisions.reconciliation().toTrash().forEach(trash);
        strays.abort(decisions.aborts());
        return decisions.answer();
    }

    /**
     * Accepted; with {@code report_again_in_ms} when a grace period of this backend's unknown
     * replicas or stray transactions ends before the next full report would come, so the backend
     * reports then (an empty incremental report is enough to decide).
     */
    private TabletReportResponse answer(long backendId) {
        OptionalLong replicas = reconciler.nextGraceEndInMs(backendId);
        OptionalLong transactions = strays.nextGraceEndInMs(backendId);
        if (replicas.isEmpty() && transactions.isEmpty()) {
            return TabletReportResponse.getDefaultInstance();
        }
        long inMs = Math.min(replicas.orElse(Long.MAX_VALUE), transactions.orElse(Long.MAX_VALUE));
        return TabletReportResponse.newBuilder().setReportAgainInMs(inMs).build();
    }

    /** Decides what a registered backend's full report means and replaces its soft state; under the lock. */
    private Decisions apply(Backend backend, TabletReport report, BackendReport replicas) {
        // In-flight work first, then the catalog: a load that finishes in between is still seen as running.
        WorkInFlight work = inFlight.get();
        index = index.update(catalog.get());
        Reconciliation result = reconciler.reconcile(backend.id(), report.getReplicasList(), index, work);
        reports.record(backend.id(), replicas, result.missing());
        List<StrayTransactions.AbortOrder> aborts = strays.decide(backend.id(), report.getReplicasList());
        return new Decisions(result, aborts, summaryToLog(backend.id(), result), answer(backend.id()));
    }

    /** Like {@link #apply} for an incremental report, already merged into the backend's last one. */
    private Decisions applyChanges(Backend backend, TabletReport report, BackendReport.Merged merged) {
        WorkInFlight work = inFlight.get();
        index = index.update(catalog.get());
        Reconciliation result = reconciler.reconcileChanges(backend.id(), report.getReplicasList(), merged.removed(),
                index, work);
        reports.record(backend.id(), merged.report(), result.missing());
        List<StrayTransactions.AbortOrder> aborts = strays.decideChanges(backend.id(), report.getReplicasList(),
                merged.removed().stream().map(BackendReport.Removed::replicaId).toList());
        return new Decisions(result, aborts, summaryToLog(backend.id(), result), answer(backend.id()));
    }

    private void forgetAllBut(Set<Long> registered) {
        reports.retainBackends(registered);
        reconciler.retainBackends(registered);
        strays.retainBackends(registered);
        lastApplied.keySet().retainAll(registered);
        lastSummary.keySet().retainAll(registered);
        chains.keySet().retainAll(registered);
    }

    /** The summary of a reconciliation when it differs from the backend's last one and is worth logging. */
    private Optional<String> summaryToLog(long backendId, Reconciliation result) {
        boolean quiet = result.missing().isEmpty() && result.unknownWaiting() == 0 && result.unknownBusy() == 0
                && result.toTrash().isEmpty();
        String summary = result.missing().size() + " missing, " + result.unknownWaiting() + " unknown in their grace "
                + "period, " + result.unknownBusy() + " unknown with a load or clone running, " + result.toTrash().size()
                + " to trash";
        String previous = lastSummary.put(backendId, summary);
        return !summary.equals(previous) && (previous != null || !quiet) ? Optional.of(summary) : Optional.empty();
    }
}
