package io.tessera.fe.report;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one backend's tablet report: refuses it when the backend id is not registered (a dropped
 * backend), with Doris's verbatim {@code backend[<host>:<be_port>] does not exist.}; otherwise
 * records every replica in {@link TabletReports}, reconciles the report against a catalog snapshot
 * taken after it arrived ({@link ReportReconciler}), records the replicas found missing, and hands
 * unknown replicas past their grace period to the trash executor. Kept free of gRPC so it can be
 * tested with plain requests.
 *
 * <p>Threading: thread-safe; reads immutable registry and catalog snapshots, writes concurrent maps; the
 * replica index is brought up to date under this handler's lock.
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
    /** Per backend, the last reconciliation summary logged, so an unchanged one is not logged again. */
    private final Map<Long, String> lastSummary = new ConcurrentHashMap<>();
    /** Where the catalog places replicas; updated only when the placement changes (see ReplicaIndex). */
    private ReplicaIndex index = ReplicaIndex.EMPTY;

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
        BackendRegistry.Snapshot registry = backends.get();
        Optional<Backend> backend = registry.backend(report.getBackendId());
        if (backend.isEmpty()) {
            String message = "backend[" + report.getHost() + ":" + report.getBePort() + "] does not exist.";
            LOG.debug("tablet report of backend id {} refused: {}", report.getBackendId(), message);
            return TabletReportResponse.newBuilder().setErrorMessage(message).build();
        }
        BackendReport replicas = BackendReport.of(report.getBackendId(), report.getReplicasList(), clock.wallMillis());
        reports.retainBackends(registry.byId().keySet());
        reconciler.retainBackends(registry.byId().keySet());
        strays.retainBackends(registry.byId().keySet());
        reports.record(report.getBackendId(), replicas);
        // In-flight work first, then the catalog: a load that finishes in between is still seen as running.
        WorkInFlight work = inFlight.get();
        Reconciliation result = reconciler.reconcile(report.getBackendId(), report.getReplicasList(), index(), work);
        reports.recordMissing(report.getBackendId(), result.missing());
        logSummary(backend.get(), report, result);
        result.toTrash().forEach(trash);
        strays.handle(report.getBackendId(), report.getReplicasList());
        return TabletReportResponse.getDefaultInstance();
    }

    private void logSummary(Backend backend, TabletReport report, Reconciliation result) {
        boolean quiet = result.missing().isEmpty() && result.unknownWaiting() == 0 && result.unknownBusy() == 0
                && result.toTrash().isEmpty();
        String summary = result.missing().size() + " missing, " + result.unknownWaiting() + " unknown in their grace "
                + "period, " + result.unknownBusy() + " unknown with a load or clone running, " + result.toTrash().size()
                + " to trash";
        String previous = lastSummary.put(backend.id(), summary);
        if (!summary.equals(previous) && (previous != null || !quiet)) {
            LOG.info("tablet report of backend {} ({}:{}, {} replicas): {}", backend.id(), report.getHost(),
                    report.getBePort(), report.getReplicasCount(), summary);
        }
    }

    private synchronized ReplicaIndex index() {
        index = index.update(catalog.get());
        return index;
    }
}
