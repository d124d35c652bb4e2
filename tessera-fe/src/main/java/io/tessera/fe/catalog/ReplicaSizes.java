package io.tessera.fe.catalog;

import java.util.OptionalLong;

/**
 * The size of a replica's data as its backend last reported it, or empty when not known (the
 * backend has not reported since this FE started, or its last report did not list the replica).
 * Soft state from {@code io.tessera.fe.report.TabletReports}, adapted by the FE's wiring, so that the
 * packages that add sizes up (SHOW DECOMMISSION's bytes in {@code decommission}, EXPLAIN ALTER
 * SYSTEM DECOMMISSION's plan in {@code scheduler}) read them without depending on {@code report}.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ReplicaSizes {
    /** Nothing reported: every size unknown. */
    ReplicaSizes NONE = (replicaId, backendId) -> OptionalLong.empty();

    /** The replica's data in bytes in {@code backendId}'s last report, empty when not known. */
    OptionalLong bytes(long replicaId, long backendId);
}
