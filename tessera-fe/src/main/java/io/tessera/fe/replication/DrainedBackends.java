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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decommission side of the loop: Doris's completion check (every
 * {@code decommission_check_interval_ms}, 10 s as in Doris, a decommissioned backend that holds no
 * replica is dropped, with its job's end, when {@code drop_backend_after_decommission}; see
 * {@link DecommissionCompletion}; never one whose job is paused, checked again on the metadata
 * writer), the jobs' drained and refilled states, and, once after a start, a draining job for every
 * backend flagged decommissioned before jobs existed. Beyond Doris, the check also runs on the
 * event: the first round that finds a backend seen draining (decommissioned, holding replicas) empty
 * runs it at once, so a drain ends within a scheduling round of its last replica leaving rather than
 * up to a period later.
 *
 * <p>Threading: confined to the {@link ReplicationLoop}'s thread.
 */
final class DrainedBackends {
    private static final Logger LOG = LoggerFactory.getLogger(DrainedBackends.class);
    private final Catalog catalog;
    private final Supplier<ClusterView> cluster;
    private final TabletReports reports;
    private final MetadataWriter writer;
    private final BackendControl backendControl;
    private final DecommissionJobControl jobs;
    private final Supplier<Set<Long>> pausedBackends;
    private Map<Long, Long> seenMs = Map.of();
    /** Decommissioned backends a round saw holding replicas (not paused): checked as soon as one is empty. */
    private Set<Long> draining = Set.of();
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

    /** The first periodic check is due one period ({@code intervalMs}) after {@code nowMs}. */
    void start(long nowMs, long intervalMs) {
        nextCheckMs = nowMs + intervalMs;
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

    /**
     * Runs the completion check when its period ({@code intervalMs}) has passed or a backend seen
     * draining is empty now. Each round: one look at each decommissioned backend's replica count.
     */
    void maybeCheck(ClusterView view, long nowMs, boolean dropAfterDecommission, long intervalMs) {
        CatalogSnapshot snapshot = catalog.snapshot();
        Set<Long> paused = pausedBackends.get();
        Set<Long> drained = new HashSet<>();
        Set<Long> stillDraining = new HashSet<>();
        for (Backend backend : view.backends()) {
            if (!backend.decommissioned() || paused.contains(backend.id())) {
                continue;
            }
            if (snapshot.replicaCount(backend.id()) > 0) {
                stillDraining.add(backend.id());
            } else if (draining.contains(backend.id())) {
                drained.add(backend.id());
            }
        }
        draining = stillDraining;
        boolean drainEnded = dropAfterDecommission && !drained.isEmpty();
        if (nowMs < nextCheckMs && !drainEnded) {
            return;
        }
        if (nowMs >= nextCheckMs) {
            nextCheckMs = nowMs + intervalMs;
        }
        DecommissionCompletion.Result result = DecommissionCompletion.check(view.backends(), snapshot, seenMs, nowMs,
                intervalMs, dropAfterDecommission, paused, drained);
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
