package io.tessera.fe.replication;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.scheduler.DrainPlan;
import io.tessera.fe.scheduler.DrainPlanner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every replica on a decommissioned backend goes ({@link DrainPlanner}), planned again
 * whenever the backends' shape ({@link ClusterShape#of}: liveness, decommission flags, locations)
 * changes; relocation then follows the plan, paced by slots, and moves already made leave the plan
 * by themselves. Exists so the loop keeps the plan, the shape it was made for and what planning
 * cost in one place.
 *
 * <p>Threading: the loop's thread only.
 */
final class CurrentDrainPlan {
    private static final Logger LOG = LoggerFactory.getLogger(CurrentDrainPlan.class);

    private final Clock clock;
    private DrainPlan plan = DrainPlan.EMPTY;
    private List<String> shape = List.of();
    private long planMs;

    CurrentDrainPlan(Clock clock) {
        this.clock = clock;
    }

    /** Plans again when {@code shape} differs from the one the current plan was made for. */
    void update(CatalogSnapshot snapshot, ClusterView view, List<String> currentShape) {
        if (currentShape.equals(shape)) {
            return;
        }
        shape = currentShape;
        long startNs = clock.monotonicNanos();
        plan = DrainPlanner.plan(snapshot, view);
        planMs = (clock.monotonicNanos() - startNs) / 1_000_000;
        if (plan.size() > 0) {
            LOG.info("drain plan: {} replica(s) on decommissioned backends planned in {} ms, {} with nowhere to go",
                    plan.size(), planMs, plan.unplaceable().size());
        }
    }

    DrainPlan plan() {
        return plan;
    }

    /** How long the last planning took, in ms. */
    long planMs() {
        return planMs;
    }
}
