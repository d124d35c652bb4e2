package io.tessera.fe.decommission;

import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;

/**
 * A leaving backend's tablet data as the FE knows it now, or -1 when it does not: what a job
 * records at its start and end and what SHOW DECOMMISSION shows as BytesLeft. The figure is the
 * backend's DataUsedCapacity from its heartbeats; it is known only while the backend is alive and
 * has reported its disks since this FE started (after an FE restart, before the first heartbeat,
 * or for a dead backend, it is not: never 0 for "unknown"). A backend that holds no replica holds
 * no tablet data, whatever its last heartbeat said.
 *
 * <p>Threading: stateless.
 */
public final class BackendBytes {
    private BackendBytes() {
    }

    /** The backend's tablet data in bytes, -1 when not known. */
    public static long known(ClusterView cluster, long backendId, long replicasLeft) {
        if (replicasLeft == 0) {
            return 0;
        }
        if (!cluster.isRegistered(backendId) || !cluster.isAlive(backendId)) {
            return -1;
        }
        BackendRuntime runtime = cluster.runtime(backendId);
        return runtime.totalBytes() > 0 ? runtime.dataUsedBytes() : -1;
    }
}
