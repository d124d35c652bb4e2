package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.scheduler.DrainBlocker.Reason;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Why each replica on a decommissioned backend that is not moving is stuck (SHOW DECOMMISSION
 * BLOCKERS, and the Blocked count of SHOW DECOMMISSION). Exists so the answer comes from the
 * scheduler's own rules, the classifier ({@link TabletHealth#classify}), the clone source and
 * destination predicates of {@link ClusterView}, the repair delay ({@link RepairDelay}), and not
 * from a second opinion: a replica said blocked by no destination, no room, a dead or incomplete
 * source is one the scheduler would not clone in the same state (a simulation checks it).
 *
 * <p>The first reason that holds wins, in this order: its removal waits for loads (the copy is in
 * place); the job is paused (unless the tablet is redundant: the drop that completes a clone
 * finished before the pause still proceeds, as the scheduler lets it); the scheduler is disabled; no alive replica is complete (a dead backend
 * holds the only complete ones: source dead; none does: no complete source); a replica of the tablet
 * is on a dead backend and the repair delay has not passed (source dead); the tablet's last clone failed (clone failing);
 * no backend of its location can take it, for disk room (not enough space) or at all (no
 * destination); otherwise, when its backend's drain made no progress for the stall time, stalled.
 * A replica waiting only for a scheduling slot is moving, not blocked. A tablet with a clone in
 * flight is moving.
 *
 * <p>Cost: one pass over the catalog, classifying only the tablets with a replica on a
 * decommissioned backend.
 *
 * <p>Threading: stateless and pure.
 */
public final class DrainBlockers {
    private DrainBlockers() {
    }

    /**
     * What the scheduler's loop observed that the catalog does not hold. Immutable.
     *
     * @param pendingRemovalReplicaIds  replicas waiting for earlier loads before they leave the catalog
     * @param pendingRemovalTabletIds   their tablets
     * @param cloneFailures             tablet id to its last clone failure, while no clone of it succeeded since
     * @param lastProgressMs            draining backend id to when its replica count last fell (or
     *                                  the loop first saw it draining)
     * @param stallMs                   {@code decommission_stall_warning_second} in ms
     */
    public record Observed(Set<Long> pendingRemovalReplicaIds,
                           Set<Long> pendingRemovalTabletIds, Map<Long, CloneFailure> cloneFailures,
                           Map<Long, Long> lastProgressMs, long stallMs) {
        public static final Observed NONE = new Observed(Set.of(), Set.of(), Map.of(), Map.of(), Long.MAX_VALUE);

        public Observed {
            pendingRemovalReplicaIds = Set.copyOf(pendingRemovalReplicaIds);
            pendingRemovalTabletIds = Set.copyOf(pendingRemovalTabletIds);
            cloneFailures = Map.copyOf(cloneFailures);
            lastProgressMs = Map.copyOf(lastProgressMs);
        }

        /** Whether the drain of the backend made no progress for the stall time at {@code nowMs}. */
        public boolean stalled(long backendId, long nowMs) {
            Long last = lastProgressMs.get(backendId);
            return last != null && nowMs - last >= stallMs;
        }
    }

    /**
     * A tablet's last failed clone.
     *
     * @param error    the destination's or the call's message
     * @param atMs     when it failed (wall time)
     * @param failures failures in a row
     */
    public record CloneFailure(String error, long atMs, int failures) {
        public CloneFailure {
            Objects.requireNonNull(error, "error is null");
        }
    }

    /**
     * Every blocked replica on a decommissioned backend, by database, table, partition and tablet.
     * {@code input.running().tabletIds()} are the tablets with a clone in flight (moving),
     * {@code input.pausedBackendIds()} the backends whose job is paused.
     */
    public static List<DrainBlocker> find(SchedulerInput input, Observed observed) {
        ClusterView cluster = input.cluster();
        Set<Long> leaving = new HashSet<>();
        for (Backend backend : cluster.backends()) {
            if (backend.decommissioned()) {
                leaving.add(backend.id());
            }
        }
        List<DrainBlocker> blockers = new ArrayList<>();
        if (leaving.isEmpty()) {
            return blockers;
        }
        for (DatabaseEntry database : new TreeMap<>(input.catalog().databases()).values()) {
            for (TableDefinition table : new TreeMap<>(database.tables()).values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        if (input.running().tabletIds().contains(tablet.getTabletId())) {
                            continue;
                        }
                        List<ReplicaDefinition> leavingReplicas = tablet.getReplicasList().stream()
                                .filter(replica -> leaving.contains(replica.getBackendId())).toList();
                        if (leavingReplicas.isEmpty()) {
                            continue;
                        }
                        TabletWork work = new TabletWork(tablet, partition.getPartitionId(),
                                partition.getVisibleVersion(), table.getReplicaAllocationList(),
                                TabletHealth.classify(tablet, partition.getVisibleVersion(),
                                        table.getReplicaAllocationList(), cluster, input.unreadable()));
                        for (ReplicaDefinition replica : leavingReplicas) {
                            blocker(work, replica, input, observed).ifPresent(why -> blockers.add(new DrainBlocker(
                                    replica.getBackendId(), tablet.getTabletId(), replica.getReplicaId(),
                                    database.name(), table.getName(), partition.getName(), why.reason(),
                                    why.detail(), why.sinceMs(), why.lastError())));
                        }
                    }
                }
            }
        }
        return blockers;
    }

    private record Why(Reason reason, String detail, long sinceMs, String lastError) {
        Why(Reason reason, String detail) {
            this(reason, detail, 0, "");
        }
    }

    private static Optional<Why> blocker(TabletWork work, ReplicaDefinition replica, SchedulerInput input,
                                         Observed observed) {
        ClusterView cluster = input.cluster();
        long backendId = replica.getBackendId();
        long tabletId = work.tablet().getTabletId();
        if (observed.pendingRemovalReplicaIds().contains(replica.getReplicaId())) {
            return Optional.of(new Why(Reason.WAITING_FOR_LOADS, "its copy is in place; it leaves once the loads "
                    + "that began before the move finish"));
        }
        if (observed.pendingRemovalTabletIds().contains(tabletId)) {
            return Optional.of(new Why(Reason.WAITING_FOR_LOADS, "another replica of the tablet leaves once the "
                    + "loads that began before its removal finish; this one moves after"));
        }
        if (input.pausedBackendIds().contains(backendId)) {
            if (work.health().status() == TabletHealth.Status.REDUNDANT) {
                return Optional.empty();  // a finished clone's copy is in place: the drop completing it proceeds
            }
            return Optional.of(new Why(Reason.PAUSED, "the decommission of backend " + backendId + " is paused: "
                    + "ALTER SYSTEM RESUME DECOMMISSION BACKEND resumes it"));
        }
        if (input.config().disableTabletScheduler()) {
            return Optional.of(new Why(Reason.SCHEDULER_DISABLED, "disable_tablet_scheduler is true"));
        }
        Optional<Why> source = sourceBlocker(work, replica, input);
        if (source.isPresent()) {
            return source;
        }
        CloneFailure failure = observed.cloneFailures().get(tabletId);
        if (failure != null) {
            return Optional.of(new Why(Reason.CLONE_FAILING, failure.failures() + " failure(s) in a row; tried "
                    + "again", failure.atMs(), failure.error()));
        }
        Optional<Why> destination = destinationBlocker(work, input);
        if (destination.isPresent()) {
            return destination;
        }
        if (observed.stalled(backendId, input.nowMs())) {
            return Optional.of(new Why(Reason.STALLED, "the drain of backend " + backendId + " made no progress "
                    + "since then; this replica waits for a scheduling slot or the next round",
                    observed.lastProgressMs().get(backendId), ""));
        }
        return Optional.empty();
    }

    /** No alive complete replica to clone from, or the replica's own dead backend within the repair delay. */
    private static Optional<Why> sourceBlocker(TabletWork work, ReplicaDefinition replica, SchedulerInput input) {
        ClusterView cluster = input.cluster();
        boolean anySource = work.tablet().getReplicasList().stream().anyMatch(candidate ->
                cluster.canBeCloneSource(candidate.getBackendId(), TabletScheduler.aliveComplete(candidate, work, input)));
        if (!anySource) {
            List<Long> deadHolders = work.tablet().getReplicasList().stream()
                    .filter(candidate -> cluster.isRegistered(candidate.getBackendId())
                            && !cluster.isAlive(candidate.getBackendId()))
                    .filter(candidate -> TabletHealth.versionComplete(candidate, work.visibleVersion(),
                            input.unreadable()))
                    .map(ReplicaDefinition::getBackendId).sorted().toList();
            if (!deadHolders.isEmpty()) {
                return Optional.of(new Why(Reason.SOURCE_DEAD, "the only complete replicas are on dead backend(s) "
                        + ids(deadHolders) + "; it moves when one comes back"));
            }
            return Optional.of(new Why(Reason.NO_COMPLETE_SOURCE, "no alive replica holds every version up to "
                    + work.visibleVersion()));
        }
        if (!RepairDelay.due(work, input)) {
            List<Long> dead = work.tablet().getReplicasList().stream().map(ReplicaDefinition::getBackendId)
                    .filter(id -> !cluster.isAlive(id)).sorted().toList();
            long waitMs = RepairDelay.delayMs(work, input);
            return Optional.of(new Why(Reason.SOURCE_DEAD, "backend(s) " + ids(dead) + " holding a replica are dead: "
                    + "the tablet is repaired from the others once it has been unhealthy for " + waitMs / 1000
                    + " s (tablet_repair_delay_factor_second, " + work.health().priority() + " priority), as a "
                    + "dead backend often comes back"));
        }
        return Optional.empty();
    }

    /**
     * No backend can take the clone in the location the scheduler repairs first (the replica's own
     * for a plain relocation; another when that one is short of replicas): for disk room, or at all.
     */
    private static Optional<Why> destinationBlocker(TabletWork work, SchedulerInput input) {
        ClusterView cluster = input.cluster();
        String location = TabletScheduler.deficitLocation(work, input);
        Set<String> hosts = new HashSet<>();
        for (ReplicaDefinition held : work.tablet().getReplicasList()) {
            cluster.backend(held.getBackendId()).ifPresent(backend -> hosts.add(backend.host()));
        }
        if (!cluster.cloneDestinations(location, hosts).isEmpty()) {
            return Optional.empty();
        }
        List<Backend> full = cluster.backends().stream()
                .filter(backend -> backend.location().equals(location) && !hosts.contains(backend.host()))
                .filter(backend -> cluster.canHoldNewReplica(backend.id()) && !cluster.hasStorageRoom(backend.id()))
                .toList();
        if (!full.isEmpty()) {
            return Optional.of(new Why(Reason.NOT_ENOUGH_SPACE, "backend(s) " + full.stream()
                    .map(backend -> usage(backend, cluster.runtime(backend.id())))
                    .collect(Collectors.joining(", ")) + " in location " + location + " are over the storage "
                    + "watermarks (" + cluster.watermarks().highUsagePercent() + "% used, "
                    + cluster.watermarks().minLeftCapacityBytes() + " bytes left at least)"));
        }
        return Optional.of(new Why(Reason.NO_DESTINATION, "no backend in location " + location + " is alive, "
                + "schedule-available, not leaving and on a host without a replica of tablet "
                + work.tablet().getTabletId()));
    }

    private static String usage(Backend backend, BackendRuntime runtime) {
        long totalBytes = runtime.totalBytes();
        if (totalBytes <= 0) {
            return backend.id() + " (no disk capacity reported)";
        }
        long usedBytes = totalBytes - runtime.availableBytes();
        return String.format(Locale.ROOT, "%d (%.1f%% used, %d bytes free)", backend.id(), usedBytes * 100.0 / totalBytes,
                runtime.availableBytes());
    }

    private static String ids(List<Long> backendIds) {
        return backendIds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
