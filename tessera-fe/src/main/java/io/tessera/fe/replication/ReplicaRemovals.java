package io.tessera.fe.replication;

import io.tessera.common.Failures;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.scheduler.DropReplica;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The removal half of the scheduler's work: a replica chosen for removal waits until every load
 * that began before the decision has finished, meanwhile stays out of the loads' quorum
 * ({@link LeavingReplicas}), leaves the catalog by a {@code DropReplicaRecord} (all due ones in one
 * write, each checked again on the writer's thread), and only then loses its files on the backend.
 * A replica is chosen only while the others are {@code replication_num} complete replicas on alive
 * backends ({@link #safeToRemove}).
 *
 * <p>Threading: confined to the {@link ReplicationLoop}'s thread, like the loop's own state.
 */
final class ReplicaRemovals {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRemovals.class);

    private final CatalogControl catalogControl;
    private final Supplier<ClusterView> cluster;
    private final TabletReports reports;
    private final MetadataWriter writer;
    private final BackendCalls calls;
    private final Supplier<Set<Long>> liveTransactions;
    private final LeavingReplicas leaving;
    private final SchedulerBook book;
    private final Map<Long, PendingDrop> drops = new HashMap<>();
    private long removed;

    /** A removal waiting for the loads that began before it was decided. */
    private record PendingDrop(TabletLocation place, long replicaId, long backendId, String reason,
                               long waitBelowTransactionId) {
    }

    ReplicaRemovals(CatalogControl catalogControl, Supplier<ClusterView> cluster, TabletReports reports,
                    MetadataWriter writer, BackendCalls calls, Supplier<Set<Long>> liveTransactions,
                    LeavingReplicas leaving, SchedulerBook book) {
        this.catalogControl = catalogControl;
        this.cluster = cluster;
        this.reports = reports;
        this.writer = writer;
        this.calls = calls;
        this.liveTransactions = liveTransactions;
        this.leaving = leaving;
        this.book = book;
    }

    /**
     * Queues a decided removal unless it is not safe now (the others are not yet enough complete
     * replicas: the replica stays, and keeps counting for the loads' quorum).
     *
     * @param waitBelow the removal waits until no live transaction has a lower id (0: not at all)
     * @return whether it was queued
     */
    boolean queue(DropReplica drop, TabletLocation place, ClusterView view, long waitBelow) {
        if (!safeToRemove(place, drop.replicaId(), view)) {
            return false;
        }
        String reason = reasonText(drop.reason());
        leaving.add(drop.replicaId());
        drops.put(drop.replicaId(), new PendingDrop(place, drop.replicaId(), drop.backendId(), reason, waitBelow));
        book.removalQueued(drop.tabletId(), drop.replicaId(), drop.backendId(), place.partition().getVisibleVersion());
        LOG.info("tablet {}: removing replica {} on backend {} ({}) once loads before transaction {} finish",
                drop.tabletId(), drop.replicaId(), drop.backendId(), reason, waitBelow);
        return true;
    }

    /**
     * Journals the removals whose earlier loads have all finished, in one write, then removes the
     * files. A removal is called off when the tablet would be left with fewer version-complete
     * replicas on alive backends than its replication number (something died meanwhile).
     *
     * @return whether anything changed
     */
    boolean finishDue() {
        if (drops.isEmpty()) {
            return false;
        }
        long oldestLive = liveTransactions.get().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        List<PendingDrop> due = drops.values().stream().filter(drop -> oldestLive >= drop.waitBelowTransactionId())
                .toList();
        if (due.isEmpty()) {
            return false;
        }
        List<PendingDrop> done = writer.submit(ids -> {
            List<JournalRecord> records = new ArrayList<>();
            List<PendingDrop> accepted = new ArrayList<>();
            ClusterView view = cluster.get();
            for (PendingDrop drop : due) {
                Optional<TabletLocation> now = catalogControl.locate(drop.place());
                if (now.isEmpty() || !safeToRemove(now.get(), drop.replicaId(), view)) {
                    continue;
                }
                WriteResult<Boolean> result = catalogControl.generateDropReplica(now.get(), drop.replicaId(),
                        drop.reason());
                records.addAll(result.records());
                if (result.response()) {
                    accepted.add(drop);
                }
            }
            return new WriteResult<>(records, accepted);
        }).join();
        for (PendingDrop drop : due) {
            drops.remove(drop.replicaId());
            leaving.remove(drop.replicaId());
            if (!done.contains(drop)) {
                book.removalFinished(drop.replicaId(), false,
                        "called off: the tablet would keep too few complete replicas, or it is gone");
            }
        }
        for (PendingDrop drop : done) {
            removed++;
            book.removalFinished(drop.replicaId(), true, "");
            LOG.info("tablet {}: replica {} on backend {} removed ({})", drop.place().tabletId(), drop.replicaId(),
                    drop.backendId(), drop.reason());
            if (cluster.get().isRegistered(drop.backendId())) {
                removeFiles(drop.backendId(), drop.place().tabletId(), drop.replicaId(),
                        "removed by the tablet scheduler: " + drop.reason());
            }
        }
        return true;
    }

    /**
     * Removes a replica that holds no complete copy (version incomplete, its catch-up refused) at
     * once, record then files, before its tablet is cloned again whole; completes once the backend
     * answered (or failed to: report reconciliation trashes it then).
     */
    CompletableFuture<Void> removeIncompleteNow(TabletLocation place, long replicaId, long backendId) {
        String reason = "version incomplete: cloned again";
        boolean dropped = writer.submit(ids -> catalogControl.generateDropReplica(place, replicaId, reason)).join();
        if (dropped) {
            removed++;
            LOG.info("tablet {}: replica {} on backend {} misses versions and cannot be caught up; removed to be "
                    + "cloned again", place.tabletId(), replicaId, backendId);
        }
        return removeFiles(backendId, place.tabletId(), replicaId, reason);
    }

    /** Asks the backend to move a replica's files to its trash; a failure is left to report reconciliation. */
    CompletableFuture<Void> removeFiles(long backendId, long tabletId, long replicaId, String reason) {
        return calls.dropTablet(backendId, DropTabletRequest.newBuilder().setTabletId(tabletId).setReplicaId(replicaId)
                        .setReason(reason).build())
                .handle((response, failure) -> {
                    if (failure != null) {
                        LOG.info("could not remove tablet {} replica {} from backend {} ({}): {}; its report will "
                                + "show it unknown and it goes to trash then", tabletId, replicaId, backendId, reason,
                                Failures.rootMessage(failure));
                    }
                    return null;
                });
    }

    /** Tablets with a removal waiting: the scheduler leaves them alone meanwhile. */
    void addBusyTablets(Set<Long> busy) {
        drops.values().forEach(drop -> busy.add(drop.place().tabletId()));
    }

    /** Each waiting removal will take one replica off its backend ({@link io.tessera.fe.scheduler.RunningClones#replicasComing}). */
    void addComing(Map<Long, Long> coming) {
        for (PendingDrop drop : drops.values()) {
            coming.merge(drop.backendId(), -1L, Long::sum);
        }
    }

    int pending() {
        return drops.size();
    }

    /** The replicas waiting for earlier loads before they leave the catalog. */
    Set<Long> pendingReplicaIds() {
        return Set.copyOf(drops.keySet());
    }

    /** Their tablets. */
    Set<Long> pendingTabletIds() {
        Set<Long> tabletIds = new HashSet<>();
        addBusyTablets(tabletIds);
        return Set.copyOf(tabletIds);
    }

    /** Replicas removed from the catalog since the FE started. */
    long removed() {
        return removed;
    }

    /**
     * Whether removing the replica keeps the tablet at its replication number of version-complete
     * replicas on alive backends (a replica that is not itself complete can always go).
     */
    private boolean safeToRemove(TabletLocation place, long replicaId, ClusterView view) {
        long visible = place.partition().getVisibleVersion();
        int replicationNum = TabletHealth.replicationNum(place.table().getReplicaAllocationList());
        int othersComplete = 0;
        boolean selfComplete = false;
        for (ReplicaDefinition replica : place.tablet().getReplicasList()) {
            boolean complete = view.isAlive(replica.getBackendId())
                    && TabletHealth.versionComplete(replica, visible, reports::unreadable);
            if (replica.getReplicaId() == replicaId) {
                selfComplete = complete;
            } else if (complete) {
                othersComplete++;
            }
        }
        return !selfComplete || othersComplete >= replicationNum;
    }

    private static String reasonText(DropReplica.Reason reason) {
        return switch (reason) {
            case BACKEND_DROPPED -> "its backend was dropped";
            case BAD_REPLICA -> "bad replica";
            case BACKEND_DEAD -> "its backend is dead";
            case BACKEND_DECOMMISSIONED -> "its backend is decommissioned";
            case VERSION_INCOMPLETE -> "version incomplete";
            case REDUNDANT -> "redundant";
        };
    }
}
