package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.scheduler.SimCluster.Located;
import io.tessera.fe.scheduler.SimCluster.SimPartition;
import io.tessera.fe.scheduler.SimCluster.SimTable;
import io.tessera.fe.scheduler.SimCluster.SimTablet;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scheduler with paused decommissions ({@link SchedulerInput#pausedBackendIds}): nothing new
 * relocates off a paused backend, the force drop passes over it, it takes no replica, the
 * redundant drop completing a finished clone proceeds, and everything else is repaired; then a
 * seeded randomized run, paused and resumed.
 */
class PausedDecommissionSchedulingTest {
    private static final long NOW_MS = 10_000_000;

    private final SimCluster model = new SimCluster();

    private SchedulingRound round(Set<Long> paused) {
        return TabletScheduler.schedule(model.input(RuntimeConfig.of(Map.of()), NOW_MS, Map.of(), RunningClones.NONE,
                Set.of(), paused), new Random(7));
    }

    private SimPartition partition(int replicationNum) {
        SimTable table = model.addTable(List.of(TagReplicaCount.newBuilder()
                .setLocation(BackendTags.DEFAULT_LOCATION).setCount(replicationNum).build()));
        return model.addPartition(table);
    }

    private long backend(String host) {
        return model.addBackend(host, BackendTags.DEFAULT_LOCATION);
    }

    private static List<Long> decidedTablets(SchedulingRound round) {
        return round.decisions().stream().map(SchedulerDecision::tabletId).toList();
    }

    @Test
    void nothingRelocatesOffAPausedBackendWhileOtherTabletsAreRepairedAndDrained() {
        long b1 = backend("h1");
        long b2 = backend("h2");
        long b3 = backend("h3");
        long b4 = backend("h4");
        long b5 = backend("h5");
        backend("h6");
        backend("h7");
        SimTablet onPaused = model.addTablet(partition(3), b1, b2, b3);
        SimTablet missing = model.addTablet(partition(2), b2, b4);
        SimTablet onDraining = model.addTablet(partition(2), b3, b5);
        model.decommission(b1);
        model.decommission(b5);
        model.alive.put(b4, false);

        SchedulingRound paused = round(Set.of(b1));

        assertThat(paused.unhealthy()).as("still relocating, only waiting").contains(onPaused.tabletId);
        assertThat(paused.queue()).as("no work for the rounds between full checks")
                .doesNotContain(onPaused.tabletId).contains(missing.tabletId, onDraining.tabletId);
        assertThat(decidedTablets(paused)).containsExactlyInAnyOrder(missing.tabletId, onDraining.tabletId);
        assertThat(paused.decisions()).allSatisfy(decision -> {
            Clone clone = (Clone) decision;
            assertThat(clone.destinationBackendId()).isNotIn(b1, b5);
            assertThat(clone.reason()).isEqualTo(clone.tabletId() == missing.tabletId
                    ? Clone.Reason.REPAIR_MISSING : Clone.Reason.RELOCATE_DECOMMISSION);
        });

        SchedulingRound resumed = round(Set.of());

        assertThat(decidedTablets(resumed)).contains(onPaused.tabletId);
        assertThat(resumed.queue()).contains(onPaused.tabletId);
        Clone relocation = resumed.decisions().stream().filter(d -> d.tabletId() == onPaused.tabletId)
                .map(Clone.class::cast).findFirst().orElseThrow();
        assertThat(relocation.reason()).isEqualTo(Clone.Reason.RELOCATE_DECOMMISSION);
    }

    @Test
    void theForceDropThatWouldUnblockACloneNeverPicksAReplicaOnAPausedBackend() {
        long b1 = backend("h1");
        long b2 = backend("h2");
        long sameHost = backend("h1");
        SimTablet tablet = model.addTablet(partition(2), b1, b2);
        ReplicaDefinition behind = tablet.replicas.get(0);
        tablet.replicas.set(0, SimCluster.completeReplica(behind.getReplicaId(), b1, 0));
        model.decommission(b1);

        assertThat(round(Set.of()).decisions()).as("not paused: the incomplete replica on h1 makes way")
                .singleElement().isInstanceOfSatisfying(DropReplica.class,
                        drop -> assertThat(drop.backendId()).isEqualTo(b1));
        assertThat(round(Set.of(b1)).decisions()).as("paused: it stays; %d waits for it", sameHost).isEmpty();
    }

    @Test
    void aPausedBackendStaysDecommissionedSoItTakesNoReplica() {
        long b1 = backend("h1");
        long b2 = backend("h2");
        long b3 = backend("h3");
        long b4 = backend("h4");
        SimPartition partition = partition(1);
        for (int i = 0; i < 8; i++) {
            model.addTablet(partition, b2);  // b3 holds none of these: balance moves some there
        }
        SimTablet missing = model.addTablet(partition(2), b2, b4);
        model.alive.put(b4, false);
        model.decommission(b1);

        SchedulingRound round = round(Set.of(b1));

        assertThat(round.decisions()).as("repair and balance go elsewhere").isNotEmpty()
                .allSatisfy(decision -> assertThat(((Clone) decision).destinationBackendId()).isNotEqualTo(b1));
        assertThat(decidedTablets(round)).contains(missing.tabletId);
        assertThat(model.view().canBeCloneDestination(b1, BackendTags.DEFAULT_LOCATION, Set.of())).isFalse();
    }

    @Test
    void theRedundantDropCompletingAFinishedCloneProceedsADrainingBackendsReplicaFirst() {
        long b1 = backend("h1");
        long b2 = backend("h2");
        long b3 = backend("h3");
        long b4 = backend("h4");
        long b5 = backend("h5");
        SimTablet cloned = model.addTablet(partition(2), b1, b2, b3);
        SimTablet both = model.addTablet(partition(2), b1, b4, b2, b5);
        model.decommission(b1);
        model.decommission(b4);

        SchedulingRound round = round(Set.of(b1));

        Map<Long, Long> droppedFrom = new HashMap<>();
        round.decisions().forEach(decision -> droppedFrom.put(decision.tabletId(), ((DropReplica) decision).backendId()));
        assertThat(droppedFrom).containsEntry(cloned.tabletId, b1).containsEntry(both.tabletId, b4);
    }

    /**
     * Seeded random clusters: one backend decommissioned and paused, maybe a second draining, maybe
     * one dead. While paused, no decision takes a replica off the paused backend or puts one on a
     * decommissioned backend, and every tablet without a replica there is repaired; once resumed,
     * every tablet converges with no replica left on a decommissioned backend.
     */
    @Test
    void randomClustersPausedThenResumed() {
        Random seeds = new Random(0x9A05E_68L);
        int relocatedWhilePaused = 0;
        for (int history = 0; history < 300; history++) {
            long seed = seeds.nextLong();
            try {
                relocatedWhilePaused += new RandomRun(seed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("history " + history + " (seed " + seed + ") failed", e);
            }
        }
        assertThat(relocatedWhilePaused).as("draining backends drain on while another is paused").isPositive();
    }

    private static final class RandomRun {
        private final Random random;
        private final SimCluster model = new SimCluster();
        private final RuntimeConfig config;
        private final List<Long> backends = new ArrayList<>();
        private long nowMs = 1_000_000;

        RandomRun(long seed) {
            random = new Random(seed);
            config = RuntimeConfig.of(Map.of("schedule_slot_num_per_hdd_path", Integer.toString(1 + random.nextInt(3)),
                    "schedule_batch_size", Integer.toString(2 + random.nextInt(20)),
                    "tablet_repair_delay_factor_second", "0"));
        }

        /** Returns how many relocations off the draining backend were decided while the other was paused. */
        int run() {
            int count = 6 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                backends.add(model.addBackend("10.0.0." + i, BackendTags.DEFAULT_LOCATION));
            }
            for (int t = 0; t < 1 + random.nextInt(3); t++) {
                int replicationNum = 1 + random.nextInt(3);
                SimTable table = model.addTable(List.of(TagReplicaCount.newBuilder()
                        .setLocation(BackendTags.DEFAULT_LOCATION).setCount(replicationNum).build()));
                SimPartition partition = model.addPartition(table);
                for (int i = 0; i < 2 + random.nextInt(8); i++) {
                    List<Long> shuffled = new ArrayList<>(backends);
                    Collections.shuffle(shuffled, random);
                    model.addTablet(partition, shuffled.subList(0, replicationNum).stream()
                            .mapToLong(Long::longValue).toArray());
                }
            }
            List<Long> shuffled = new ArrayList<>(backends);
            Collections.shuffle(shuffled, random);
            long paused = shuffled.get(0);
            model.decommission(paused);
            Long draining = random.nextBoolean() ? shuffled.get(1) : null;
            if (draining != null) {
                model.decommission(draining);
            }
            if (random.nextBoolean()) {
                model.alive.put(shuffled.get(2), false);
            }
            long pausedReplicas = replicasOn(paused);
            int relocated = 0;
            for (int r = 0; r < 60; r++) {
                relocated += round(Set.of(paused), paused);
                assertThat(replicasOn(paused)).as("round %d: nothing moves off the paused backend", r)
                        .isEqualTo(pausedReplicas);
            }
            SchedulerInput settled = input(Set.of(paused));
            for (TabletWork work : TabletScheduler.tablets(settled)) {
                boolean onPaused = work.tablet().getReplicasList().stream().anyMatch(r -> r.getBackendId() == paused);
                TabletHealth.Status status = work.health().status();
                if (onPaused) {
                    assertThat(status).as("tablet %d waits only for the paused backend", work.tablet().getTabletId())
                            .isIn(TabletHealth.Status.REPLICA_RELOCATING, TabletHealth.Status.HEALTHY);
                    if (status == TabletHealth.Status.REPLICA_RELOCATING) {
                        assertThat(TabletScheduler.relocationPaused(work, settled)).isTrue();
                    }
                } else if (!status.unrecoverable()) {
                    assertThat(status).as("tablet %d is repaired meanwhile", work.tablet().getTabletId())
                            .isEqualTo(TabletHealth.Status.HEALTHY);
                }
            }
            for (int r = 0; r < 60; r++) {
                round(Set.of(), paused);
            }
            for (TabletWork work : TabletScheduler.tablets(input(Set.of()))) {
                if (!work.health().status().unrecoverable()) {
                    assertThat(work.health().status()).as("tablet %d after RESUME", work.tablet().getTabletId())
                            .isEqualTo(TabletHealth.Status.HEALTHY);
                }
            }
            assertThat(replicasOn(paused)).as("resumed: drained").isZero();
            return relocated;
        }

        private SchedulerInput input(Set<Long> paused) {
            return model.input(config, nowMs, Map.of(), RunningClones.NONE, Set.of(), paused);
        }

        /** One round, its decisions checked then applied; returns the relocations decided off non-paused backends. */
        private int round(Set<Long> paused, long pausedBackend) {
            nowMs += 1_000;
            SchedulerInput input = input(paused);
            ClusterView view = input.cluster();
            SchedulingRound round = TabletScheduler.schedule(input, random);
            int relocations = 0;
            for (SchedulerDecision decision : round.decisions()) {
                if (decision instanceof Clone clone) {
                    assertThat(view.backend(clone.destinationBackendId()).orElseThrow().decommissioned())
                            .as("%s onto a decommissioned backend", clone).isFalse();
                    if (clone.reason() == Clone.Reason.RELOCATE_DECOMMISSION && !paused.isEmpty()) {
                        Located located = model.tablet(clone.tabletId());
                        assertThat(located.tablet().replicas).as("%s relocates off a draining backend", clone)
                                .anyMatch(r -> r.getBackendId() != pausedBackend
                                        && view.backend(r.getBackendId()).map(b -> b.decommissioned()).orElse(false));
                        relocations++;
                    }
                    model.applyClone(clone);
                } else if (decision instanceof DropReplica drop) {
                    if (!paused.isEmpty()) {
                        assertThat(drop.backendId()).as("%s", drop).isNotEqualTo(pausedBackend);
                    }
                    model.applyDrop(drop);
                }
            }
            return relocations;
        }

        private long replicasOn(long backendId) {
            return model.tablets().stream().flatMap(located -> located.tablet().replicas.stream())
                    .filter(replica -> replica.getBackendId() == backendId).count();
        }
    }
}
