package io.tessera.fe.report;

import java.util.List;
import java.util.Set;

/**
 * What reconciling one backend's tablet report decided. Immutable.
 *
 * @param backendId     the reporting backend
 * @param toTrash       replicas the FE does not know that were reported unknown, and idle, for the
 *                      whole grace period: move them to the backend's trash
 * @param missing       replica ids the catalog places on the backend that its report lacks (and
 *                      that the catalog already placed there at the previous report)
 * @param unknownWaiting unknown replicas still within their grace period
 * @param unknownBusy   unknown replicas kept because a load or clone may be writing to them
 */
public record Reconciliation(long backendId, List<TrashOrder> toTrash, Set<Long> missing, int unknownWaiting,
                             int unknownBusy) {

    public Reconciliation {
        toTrash = List.copyOf(toTrash);
        missing = Set.copyOf(missing);
    }

    /**
     * One replica to move to trash.
     *
     * @param unknownForMs how long it has been reported unknown, for the log
     */
    public record TrashOrder(long backendId, long tabletId, long replicaId, long tableId, long unknownForMs) {
    }
}
