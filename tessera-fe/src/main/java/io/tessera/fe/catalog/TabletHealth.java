package io.tessera.fe.catalog;

import io.tessera.fe.cluster.ClusterView;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tablet's health with its repair priority, as Doris's tablet checker classifies it
 * ({@code Tablet.getHealthStatusWithPriority}), and the one rule for "a replica is version
 * complete". Exists so that every reader of replica health (SHOW PROC
 * {@code /cluster_health/tablet_health}, ADMIN SHOW REPLICA STATUS, the scan's choice of replicas,
 * the load's commit quorum, and the tablet scheduler) decides from the same pure function of a
 * tablet, its partition's visible version, its replication allocation, a {@link ClusterView} and
 * the report soft state ({@link UnreadableReplicas}), so they cannot disagree.
 *
 * <p>Threading: an immutable value; the static functions are pure and safe from any thread.
 *
 * @param status   the first status that applies, in Doris's order of checks
 * @param priority how urgently the scheduler should repair it
 */
public record TabletHealth(Status status, Priority priority) {
    /**
     * Doris's tablet statuses that can arise so far. Doris's {@code UNRECOVERABLE} is split in
     * three so callers can tell why: {@link #LOST}, {@link #UNAVAILABLE} and {@link #UNRECOVERABLE};
     * SHOW PROC counts all three as unrecoverable ({@link #dorisName}).
     */
    public enum Status {
        /** Nothing to do. */
        HEALTHY("HEALTHY"),
        /** Fewer alive (and readable) replicas than the replication number. */
        REPLICA_MISSING("REPLICA_MISSING"),
        /** Enough alive replicas, but too few of them are version complete. */
        VERSION_INCOMPLETE("VERSION_INCOMPLETE"),
        /** Enough complete replicas, but some sit on decommissioned backends and must move. */
        REPLICA_RELOCATING("REPLICA_RELOCATING"),
        /** More replicas than the replication number: one should be deleted. */
        REDUNDANT("REDUNDANT"),
        /** Every replica is on a backend that is no longer registered (dropped): the data is gone. */
        LOST("UNRECOVERABLE"),
        /**
         * No alive backend holds a complete replica, but a registered dead one does: the tablet
         * comes back when that backend does.
         */
        UNAVAILABLE("UNRECOVERABLE"),
        /**
         * No registered backend holds a complete replica, though some replica is on a registered
         * backend (it misses versions, or is bad or missing): the newest versions are gone.
         */
        UNRECOVERABLE("UNRECOVERABLE");

        private final String dorisName;

        Status(String dorisName) {
            this.dorisName = dorisName;
        }

        /** Doris's {@code TabletStatus} name: {@code UNRECOVERABLE} for the three unrecoverable kinds. */
        public String dorisName() {
            return dorisName;
        }

        /** {@link #LOST}, {@link #UNAVAILABLE} or {@link #UNRECOVERABLE}: no alive complete replica. */
        public boolean unrecoverable() {
            return dorisName.equals("UNRECOVERABLE");
        }
    }

    /** Doris's {@code TabletSchedCtx.Priority}, lowest first. */
    public enum Priority {
        LOW, NORMAL, HIGH, VERY_HIGH
    }

    public TabletHealth {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(priority, "priority is null");
    }

    /**
     * The one "version complete" rule: the replica holds every version up to {@code
     * visibleVersion} (its version is at least that, and it has no failed version: the catalog
     * writes {@code -1} for none, an unset field reads 0, versions start at 1), and its backend's
     * reports do not call it bad or missing. Liveness is not looked at: that is the caller's
     * {@link ClusterView} predicate.
     */
    public static boolean versionComplete(ReplicaDefinition replica, long visibleVersion, UnreadableReplicas unreadable) {
        return replica.getVersion() >= visibleVersion
                && replica.getLastFailedVersion() < 1
                && !unreadable.unreadable(replica.getReplicaId(), replica.getBackendId());
    }

    /** The replication number: the sum of the allocation's counts over every location. */
    public static int replicationNum(List<TagReplicaCount> allocation) {
        return allocation.stream().mapToInt(TagReplicaCount::getCount).sum();
    }

    /**
     * Classifies a tablet. Checks, in order (Doris's, with the unrecoverable check first as no
     * repair can start without a complete source):
     * <ol>
     * <li>no alive backend holds a complete replica: {@link Status#UNAVAILABLE} if a registered
     * dead one does, else {@link Status#LOST} if every replica's backend was dropped, else
     * {@link Status#UNRECOVERABLE}; all {@code VERY_HIGH};</li>
     * <li>alive replicas (alive backend, not bad, not missing) fewer than the replication number:
     * {@code REPLICA_MISSING}, {@code VERY_HIGH} below a majority, else {@code NORMAL};</li>
     * <li>alive complete replicas fewer than the replication number: {@code VERSION_INCOMPLETE},
     * {@code HIGH} below a majority, else {@code NORMAL};</li>
     * <li>alive complete replicas more than the replication number: {@code REDUNDANT},
     * {@code VERY_HIGH};</li>
     * <li>stable replicas (complete, on a schedule-available backend) fewer than the replication
     * number: {@code REPLICA_RELOCATING}, {@code NORMAL} below a majority, else {@code LOW};</li>
     * <li>more replicas than the replication number (some dead): {@code REDUNDANT},
     * {@code VERY_HIGH};</li>
     * <li>else {@code HEALTHY}, {@code NORMAL}.</li>
     * </ol>
     *
     * @param visibleVersion the tablet's partition's visible version
     * @param allocation     the table's replication allocation
     * @param unreadable     replicas reported bad or missing: they count as absent
     */
    public static TabletHealth classify(TabletDefinition tablet, long visibleVersion, List<TagReplicaCount> allocation,
                                        ClusterView cluster, UnreadableReplicas unreadable) {
        Optional<Status> unrecoverable = unrecoverable(tablet, visibleVersion, cluster, unreadable);
        if (unrecoverable.isPresent()) {
            return new TabletHealth(unrecoverable.get(), Priority.VERY_HIGH);
        }
        int replicationNum = replicationNum(allocation);
        int majority = replicationNum / 2 + 1;
        int alive = 0;
        int aliveComplete = 0;
        int stable = 0;
        for (ReplicaDefinition replica : tablet.getReplicasList()) {
            long backendId = replica.getBackendId();
            if (!cluster.isAlive(backendId) || unreadable.unreadable(replica.getReplicaId(), backendId)) {
                continue;
            }
            alive++;
            if (versionComplete(replica, visibleVersion, unreadable)) {
                aliveComplete++;
                if (cluster.isScheduleAvailable(backendId)) {
                    stable++;
                }
            }
        }
        if (alive < replicationNum) {
            return new TabletHealth(Status.REPLICA_MISSING, alive < majority ? Priority.VERY_HIGH : Priority.NORMAL);
        }
        if (aliveComplete < replicationNum) {
            return new TabletHealth(Status.VERSION_INCOMPLETE, aliveComplete < majority ? Priority.HIGH : Priority.NORMAL);
        }
        if (aliveComplete > replicationNum) {
            return new TabletHealth(Status.REDUNDANT, Priority.VERY_HIGH);
        }
        if (stable < replicationNum) {
            return new TabletHealth(Status.REPLICA_RELOCATING, stable < majority ? Priority.NORMAL : Priority.LOW);
        }
        if (tablet.getReplicasCount() > replicationNum) {
            return new TabletHealth(Status.REDUNDANT, Priority.VERY_HIGH);
        }
        return new TabletHealth(Status.HEALTHY, Priority.NORMAL);
    }

    /**
     * Whether no alive backend holds a complete replica, and why: {@link Status#UNAVAILABLE},
     * {@link Status#LOST} or {@link Status#UNRECOVERABLE}; empty when some alive backend holds one.
     * Independent of the replication number, so a scan can ask it of a tablet it cannot read.
     */
    public static Optional<Status> unrecoverable(TabletDefinition tablet, long visibleVersion, ClusterView cluster,
                                                 UnreadableReplicas unreadable) {
        boolean completeOnDead = false;
        boolean anyRegistered = false;
        for (ReplicaDefinition replica : tablet.getReplicasList()) {
            long backendId = replica.getBackendId();
            if (!cluster.isRegistered(backendId)) {
                continue;
            }
            anyRegistered = true;
            if (versionComplete(replica, visibleVersion, unreadable)) {
                if (cluster.isAlive(backendId)) {
                    return Optional.empty();
                }
                completeOnDead = true;
            }
        }
        if (completeOnDead) {
            return Optional.of(Status.UNAVAILABLE);
        }
        return Optional.of(anyRegistered ? Status.UNRECOVERABLE : Status.LOST);
    }
}
