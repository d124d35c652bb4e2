package io.tessera.fe.catalog;

/**
 * Which replicas the catalog places that must not be read nor counted as healthy because their
 * backend's tablet reports say they are bad (damaged files) or missing (soft state from
 * {@code io.tessera.fe.report.TabletReports}). Implementations are thread-safe.
 */
@FunctionalInterface
public interface UnreadableReplicas {
    UnreadableReplicas NONE = (replicaId, backendId) -> false;

    boolean unreadable(long replicaId, long backendId);
}
