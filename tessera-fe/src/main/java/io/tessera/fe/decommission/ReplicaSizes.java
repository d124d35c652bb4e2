package io.tessera.fe.decommission;

/**
 * The size of a replica's data as its backend last reported it, or -1 when not known (the backend
 * has not reported since this FE started, or its last report did not list the replica). Exists so
 * that {@link BackendBytes} can read the report soft state ({@code report.TabletReports}) without
 * this package depending on {@code report}: the FE's wiring adapts the reports to it.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ReplicaSizes {
    /** Nothing reported: every size unknown. */
    ReplicaSizes NONE = (replicaId, backendId) -> -1;

    /** The replica's data in bytes in {@code backendId}'s last report, -1 when not known. */
    long reportedBytes(long replicaId, long backendId);
}
