package io.tessera.fe.replication;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendIdentifier;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.decommission.DecommissionJobControl;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.report.TabletReports;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decommission side of the loop: Doris's completion check (every 10 s a decommissioned
 * backend that holds no replica is dropped, with its job's end, when
 * {@code drop_backend_after_decommission}; see {@link DecommissionCompletion}; never one whose job
 * is paused, checked again on the metadata writer), the jobs' drained and refilled states, and, once after a start, a draining job for every backend flagged
 * decommissioned before jobs existed.
 *
 * <p>Threading: confined to the {@link ReplicationLoop}'s thread.
 */
final class DrainedBackends {
    private static final Logger LOG = LoggerFactory.getLogger(DrainedBackends.class);
    /** Doris's decommission completion period ({@code FeConstants.default_scheduler_interval_millisecond}). */
    static final long COMPLETION_CHECK_INTERVAL_MS = 10_000;

    private final Catalog catalog;
    private final Supplier<ClusterView> cluster;
    private final TabletReports reports;
    private final MetadataWriter writer;
    private final BackendControl backendControl;
    private final DecommissionJobControl jobs;
    private final Supplier<Set<Long>> pausedBackends;
    private Map<Long, Long> seenMs = Map.of();
    private long nextCheckMs = Long.MIN_VALUE;

    /** @param pausedBackends backends whose decommission job is paused: never dropped */
    DrainedBackends(Catalog catalog, Supplier<ClusterView> cluster, TabletReports reports, MetadataWriter writer,
                    BackendControl backendControl, DecommissionJobControl jobs, Supplier<Set<Long>> pausedBackends) {
        this.pausedBackends = pausedBackends;
        this.catalog = catalog;
        this.cluster = cluster;
        this.reports = reports;
        this.writer = writer;
        this.backendControl = backendControl;
        this.jobs = jobs;
    }

    /** The first check is due one period after {@code nowMs}. */
    void start(long nowMs) {
        nextCheckMs = nowMs + COMPLETION_CHECK_INTERVAL_MS;
    }

    /** Gives a draining job to every backend flagged decommissioned without one (a journal from before jobs). */
    void adoptFlagged() {
        int adopted = writer.submit(ids -> {
            List<JournalRecord> records = jobs.generateAdoptions(ids, catalog.snapshot(), cluster.get());
            return new WriteResult<>(records, records.size());
        }).join();
        if (adopted > 0) {
            LOG.info("{} backend(s) flagged decommissioned before decommission jobs existed now have a draining job",
                    adopted);
        }
    }

    /** Runs the completion check when its period has passed. */
    void maybeCheck(ClusterView view, long nowMs, boolean dropAfterDecommission) {
        if (nowMs < nextCheckMs) {
            return;
        }
        nextCheckMs = nowMs + COMPLETION_CHECK_INTERVAL_MS;
        CatalogSnapshot snapshot = catalog.snapshot();
        DecommissionCompletion.Result result = DecommissionCompletion.check(view.backends(), snapshot, seenMs, nowMs,
                COMPLETION_CHECK_INTERVAL_MS, dropAfterDecommission, pausedBackends.get());
        seenMs = result.firstSeenMs();
        for (Backend backend : view.backends()) {
            if (backend.decommissioned() && snapshot.replicaCount(backend.id()) > 0) {
                LOG.info("backend {} lefts {} replicas to decommission", backend.id(),
                        snapshot.replicaCount(backend.id()));
            }
        }
        writer.submit(ids -> new WriteResult<>(jobs.generateProgress(catalog.snapshot()), null)).join();
        for (long backendId : result.toDrop()) {
            boolean dropped = writer.submit(ids -> {
                ClusterView now = cluster.get();
                Optional<Backend> backend = now.backend(backendId);
                if (backend.isEmpty() || !backend.get().decommissioned()
                        || catalog.snapshot().replicaCount(backendId) != 0 || pausedBackends.get().contains(backendId)) {
                    return new WriteResult<>(List.of(), false);
                }
                List<JournalRecord> records = new ArrayList<>(backendControl.generateDrop(
                        List.of(new BackendIdentifier.ById(backendId))).records());
                ClusterView after = now.afterReplaying(records);
                records.addAll(jobs.generateRemovals(List.of(backendId), catalog.snapshot(), now, after,
                        reports::unreadable));
                return new WriteResult<>(records, true);
            }).join();
            if (dropped) {
                LOG.info("backend {} is decommissioned and holds no replica: dropped "
                        + "(drop_backend_after_decommission)", backendId);
            }
        }
    }
}
