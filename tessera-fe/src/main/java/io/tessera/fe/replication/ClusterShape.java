package io.tessera.fe.replication;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.report.TabletReports;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the loop reads of the backends before it decides: which backends it cannot judge yet (just
 * after an FE start: not heard from, or not reported), and the shape (liveness, decommission flag
 * and pause, shutdown, location per backend, and whether every backend is settled) whose change
 * calls for a full check and a new drain plan. Pure. EXPLAIN ALTER SYSTEM DROPP BACKEND asks {@link #known} too,
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
            if (!known(view.runtime(backend.id()), reports.reported(backend.id()))) {
                return false;
            }
        }
        return true;
    }

    /** What {@link #known} waits for, for the log: backends not heard from, and alive ones not reported. */
    record Waiting(Set<Long> backendIds, int livenessUnknown, int reportMissing) {
        static final Waiting NONE = new Waiting(Set.of(), 0, 0);

        @Override
        public String toString() {
            return livenessUnknown + " backend(s) not heard from and " + reportMissing
                    + " alive backend(s) whose first tablet report is not in"
                    + backendIds.stream().findFirst().map(id -> " (backend " + id + ", say)").orElse("");
        }
    }

    /** The backends {@link #known} waits for (none once it holds). */
    static Waiting waiting(ClusterView view, TabletReports reports) {
        Set<Long> unsettled = new TreeSet<>();
        int livenessUnknown = 0;
        for (Backend backend : view.backends()) {
            BackendRuntime runtime = view.runtime(backend.id());
            if (!known(runtime, reports.reported(backend.id()))) {
                unsettled.add(backend.id());
                livenessUnknown += runtime.alive() ? 0 : 1;
            }
        }
        return new Waiting(unsettled, livenessUnknown, unsettled.size() - livenessUnknown);
    }

    private static boolean known(BackendRuntime runtime, boolean reported) {
        boolean livenessKnown = runtime.alive() || runtime.heartbeatFailures() > 0;
        return livenessKnown && (!runtime.alive() || reported);
    }

    /**
     * One line per backend, sorted: equal lists mean nothing the scheduler watches changed (a
     * decommission paused or resumed included, {@code pausedBackendIds}).
     */
    static List<String> of(ClusterView view, Set<Long> pausedBackendIds, boolean settled) {
        List<String> shape = new ArrayList<>();
        for (Backend backend : view.backends()) {
            BackendRuntime runtime = view.runtime(backend.id());
            // Until every backend is settled, liveness is left out: a thousand backends coming
            // alive one by one after a start would each call for a full check of every tablet.
            String liveness = settled ? runtime.alive() + ":" + runtime.shuttingDown() : "-";
            shape.add(backend.id() + ":" + liveness + ":" + backend.decommissioned() + ":" + backend.location() + ":"
                    + pausedBackendIds.contains(backend.id()));
        }
        shape.sort(null);
        shape.add("settled:" + settled); // the last backend settling calls for a full check, balance included
        return shape;
    }
}
