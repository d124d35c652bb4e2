package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.journal.TagReplicaCount;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The drain plan: every replica on a decommissioned backend gets a destination at once, never a
 * leaving backend nor a host that already holds the tablet, spread evenly, and the scheduler's
 * relocation follows it.
 */
class DrainPlannerTest {
    private static final List<TagReplicaCount> THREE = List.of(
            TagReplicaCount.newBuilder().setLocation("default").setCount(3).build());

    private final SimCluster model = new SimCluster();

    @Test
    void everyLeavingReplicaGetsADestinationSpreadEvenly() {
        long[] backends = new long[6];
        for (int i = 0; i < backends.length; i++) {
            backends[i] = model.addBackend("127.0.0." + (i + 1), "default");
        }
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        for (int t = 0; t < 60; t++) {
            model.addTablet(partition, backends[0], backends[1 + t % 5], backends[1 + (t + 1) % 5]);
        }
        model.decommission(backends[0]);

        DrainPlan plan = DrainPlanner.plan(model.catalog(), model.view());

        assertThat(plan.unplaceable()).isEmpty();
        assertThat(plan.destinations()).hasSize(60);
        Map<Long, Integer> received = new HashMap<>();
        for (Map.Entry<PlannedMove, Long> move : plan.destinations().entrySet()) {
            assertThat(move.getKey().sourceBackendId()).isEqualTo(backends[0]);
            assertThat(move.getValue()).isNotEqualTo(backends[0]);
            SimCluster.SimTablet tablet = model.tablet(move.getKey().tabletId()).tablet();
            assertThat(tablet.replicas).noneMatch(replica -> replica.getBackendId() == move.getValue());
            received.merge(move.getValue(), 1, Integer::sum);
        }
        // Least loaded first: 60 moves over 5 backends land 12 each, give or take the one a host rule
        // (a tablet never goes where it has a replica) forced elsewhere.
        assertThat(received).hasSize(5);
        assertThat(received.values()).allSatisfy(count -> assertThat(count).isBetween(11, 13));
    }

    @Test
    void theSameStatePlansTheSameMovesSoAPredictionIsThePlanTheDrainFollows() {
        long[] backends = new long[7];
        for (int i = 0; i < backends.length; i++) {
            backends[i] = model.addBackend("127.0.0." + (i + 1), "default");
        }
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        for (int t = 0; t < 31; t++) {
            model.addTablet(partition, backends[0], backends[1 + t % 6], backends[1 + (t + 1) % 6]);
        }
        model.decommission(backends[0]);

        DrainPlan first = DrainPlanner.plan(model.catalog(), model.view());

        assertThat(DrainPlanner.plan(model.catalog(), model.view())).isEqualTo(first);
        Set<Long> receivers = new HashSet<>(first.destinations().values());
        assertThat(receivers).as("31 moves over 6 equally loaded backends: ties spread, not one favourite")
                .hasSize(6);
    }

    @Test
    void backendsLeavingTogetherArePlannedAsOne() {
        long a = model.addBackend("127.0.0.1", "default");
        long b = model.addBackend("127.0.0.2", "default");
        long c = model.addBackend("127.0.0.3", "default");
        long d = model.addBackend("127.0.0.4", "default");
        long e = model.addBackend("127.0.0.5", "default");
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        SimCluster.SimTablet tablet = model.addTablet(partition, a, b, c);
        model.decommission(a);
        model.decommission(b);

        DrainPlan plan = DrainPlanner.plan(model.catalog(), model.view());

        Set<Long> destinations = new HashSet<>(plan.destinations().values());
        assertThat(plan.destinations()).containsOnlyKeys(new PlannedMove(tablet.tabletId, a),
                new PlannedMove(tablet.tabletId, b));
        assertThat(destinations).containsExactlyInAnyOrder(d, e);
    }

    @Test
    void aReplicaWithNowhereToGoIsSaidWhy() {
        long a = model.addBackend("127.0.0.1", "default");
        long b = model.addBackend("127.0.0.2", "default");
        long c = model.addBackend("127.0.0.3", "default");
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        SimCluster.SimTablet tablet = model.addTablet(partition, a, b, c);
        model.decommission(a);

        DrainPlan plan = DrainPlanner.plan(model.catalog(), model.view());

        assertThat(plan.destinations()).isEmpty();
        assertThat(plan.unplaceable().get(new PlannedMove(tablet.tabletId, a)))
                .startsWith("no backend in location default can take it");
    }

    @Test
    void relocationFollowsThePlan() {
        long[] backends = new long[5];
        for (int i = 0; i < backends.length; i++) {
            backends[i] = model.addBackend("127.0.0." + (i + 1), "default");
        }
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        for (int t = 0; t < 4; t++) {
            model.addTablet(partition, backends[0], backends[1], backends[2]);
        }
        model.decommission(backends[0]);
        SchedulerInput input = model.input(io.tessera.fe.config.RuntimeConfig.DEFAULTS, 0, Map.of(),
                RunningClones.NONE);

        SchedulingRound round = TabletScheduler.schedule(input, new Random(3));

        assertThat(round.decisions()).isNotEmpty().allSatisfy(decision -> {
            Clone clone = (Clone) decision;
            assertThat(clone.destinationBackendId()).isEqualTo(
                    input.plan().destinations().get(new PlannedMove(clone.tabletId(), backends[0])));
        });
    }
}
