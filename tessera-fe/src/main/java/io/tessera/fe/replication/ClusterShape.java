package io.tessera.fe.replication;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.report.TabletReports;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the loop reads of the backends before it decides: whether it may decide at all, and the
 * shape (liveness, decommission flag and pause, shutdown, location per backend) whose change calls for a
 * full check and a new drain plan. Pure. EXPLAIN ALTER SYSTEM DROPP BACKEND asks {@link #known} too,
 * to warn that its prediction was made before the reports were in.
 */
public final class ClusterShape {
    private ClusterShape() {
    }

    /**
     * Nothing is decided before every registered backend's liveness is known (a heartbeat answered
     * or failed since this FE started) and every alive one's tablet report was reconciled: an FE
     * that just started must not take a backend it has not heard from for dead, nor replicas it
     * has not seen reported for missing.
     */
    public static boolean known(ClusterView view, TabletReports reports) {
        for (Backend backend : view.backends()) {
            BackendRuntime runtime = view.runtime(backend.id());
            boolean livenessKnown = runtime.alive() || runtime.heartbeatFailures() > 0;
            if (!livenessKnown || (runtime.alive() && !reports.reported(backend.id()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One line per backend, sorted: equal lists mean nothing the scheduler watches changed (a
     * decommission paused or resumed included, {@code pausedBackendIds}).
     */
    static List<String> of(ClusterView view, Set<Long> pausedBackendIds) {
        List<String> shape = new ArrayList<>();
        for (Backend backend : view.backends()) {
            BackendRuntime runtime = view.runtime(backend.id());
            shape.add(backend.id() + ":" + runtime.alive() + ":" + backend.decommissioned() + ":"
                    + runtime.shuttingDown() + ":" + backend.location() + ":" + pausedBackendIds.contains(backend.id()));
        }
        shape.sort(null);
        return shape;
    }
}
