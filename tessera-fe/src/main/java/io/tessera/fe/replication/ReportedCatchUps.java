package io.tessera.fe.replication;

import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replicas the catalog calls version-incomplete (below their partition's visible version, or with
 * a failed version) whose own backend's last tablet report shows them holding the visible version:
 * they need no clone, only a record that says so ({@code CatchUpReplicaRecord}). This happens when
 * a backend published a version and its answer was lost (killed right after, a call that timed
 * out), so the publisher marked the replica failed although the rows are there. Doris's report
 * handler syncs replica versions from tablet reports the same way. Without it such a tablet could
 * be repaired only by cloning from another complete replica, and if every replica was marked
 * failed, never: it stayed unreadable with its rows on disk.
 *
 * <p>A backend publishes a tablet's versions in order (a gap is refused), and a clone or catch-up
 * installs a contiguous history, so a reported version {@code v} means every version up to
 * {@code v} is there. A report can be late, never ahead: versions on a backend only grow while the
 * replica id lives.
 *
 * <p>Pure and stateless; the loop calls it on its thread and journals what it finds.
 */
final class ReportedCatchUps {
    /** One replica to record as caught up to {@code version} (its partition's visible version). */
    record CatchUp(TabletLocation place, long replicaId, long backendId, long version) {
    }

    /** What the reports say of replicas: their stats, and whether they are unreadable (bad, missing, marked). */
    interface Reported {
        Optional<ReplicaStats> replica(long replicaId, long backendId);

        boolean unreadable(long replicaId, long backendId);
    }

    private ReportedCatchUps() {
    }

    /**
     * The catch-ups the reports prove, over the given tablets (the unhealthy ones a round found),
     * leaving out tablets with work running ({@code busyTabletIds}: a clone or catch-up decides it).
     */
    static List<CatchUp> find(Collection<TabletLocation> places, Set<Long> busyTabletIds, Reported reported) {
        List<CatchUp> found = new ArrayList<>();
        for (TabletLocation place : places) {
            if (busyTabletIds.contains(place.tabletId())) {
                continue;
            }
            long visibleVersion = place.partition().getVisibleVersion();
            for (ReplicaDefinition replica : place.tablet().getReplicasList()) {
                boolean incomplete = replica.getVersion() < visibleVersion || replica.getLastFailedVersion() >= 1;
                if (!incomplete || replica.getLastFailedVersion() > visibleVersion
                        || reported.unreadable(replica.getReplicaId(), replica.getBackendId())) {
                    continue;
                }
                Optional<ReplicaStats> stats = reported.replica(replica.getReplicaId(), replica.getBackendId());
                if (stats.isPresent() && !stats.get().bad() && stats.get().version() >= visibleVersion) {
                    found.add(new CatchUp(place, replica.getReplicaId(), replica.getBackendId(), visibleVersion));
                }
            }
        }
        return found;
    }
}
