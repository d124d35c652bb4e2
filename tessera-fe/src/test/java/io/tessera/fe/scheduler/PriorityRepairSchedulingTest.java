package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.TabletHealth.Priority;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.scheduler.SimCluster.SimPartition;
import io.tessera.fe.scheduler.SimCluster.SimTable;
import io.tessera.fe.scheduler.SimCluster.SimTablet;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The partitions ADMIN REPAIR TABLE queued ({@link SchedulerInput#priorityPartitionIds}): their
 * unhealthy tablets are VERY_HIGH, come first, and wait for no repair delay.
 */
class PriorityRepairSchedulingTest {
    private static final long NOW_MS = 10_000_000;

    /**
     * Backends h1..h3 and a spare h4; h3 dies. Partition {@code ordinary} holds a NORMAL tablet
     * (one of three replicas on h3) and a VERY_HIGH one (two replicas on dead backends); partition
     * {@code queued}, created last (so its tablet has the highest id), a NORMAL one like the first.
     */
    private static final class Fixture {
        final SimCluster model = new SimCluster();
        final long b1 = model.addBackend("h1", BackendTags.DEFAULT_LOCATION);
        final long b2 = model.addBackend("h2", BackendTags.DEFAULT_LOCATION);
        final long b3 = model.addBackend("h3", BackendTags.DEFAULT_LOCATION);
        final long b5 = model.addBackend("h5", BackendTags.DEFAULT_LOCATION);
        final long spare = model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        final SimTable table = model.addTable(List.of(TagReplicaCount.newBuilder()
                .setLocation(BackendTags.DEFAULT_LOCATION).setCount(3).build()));
        final SimPartition ordinary = model.addPartition(table);
        final SimTablet normal = model.addTablet(ordinary, b1, b2, b3);
        final SimTablet urgent = model.addTablet(ordinary, b1, b3, b5);
        final SimPartition queued = model.addPartition(table);
        final SimTablet prioritised = model.addTablet(queued, b1, b2, b3);

        Fixture() {
            model.alive.put(b3, false);
            model.alive.put(b5, false);
        }

        SchedulingRound round(Map<String, String> config, Set<Long> priorityPartitionIds) {
            // Every tablet was first seen unhealthy just now: a NORMAL one waits 2 × the delay factor.
            Map<Long, Long> since = Map.of(normal.tabletId, NOW_MS, urgent.tabletId, NOW_MS,
                    prioritised.tabletId, NOW_MS);
            return TabletScheduler.schedule(model.input(RuntimeConfig.of(config), NOW_MS, since, RunningClones.NONE,
                    priorityPartitionIds), new Random(3));
        }
    }

    @Test
    void aQueuedPartitionsTabletIsVeryHighAndSkipsTheRepairDelay() {
        Fixture fixture = new Fixture();
        SchedulingRound without = fixture.round(Map.of("disable_balance", "true"), Set.of());
        assertThat(without.details().get(fixture.prioritised.tabletId).priority()).isEqualTo(Priority.NORMAL);
        assertThat(without.decisions()).extracting(SchedulerDecision::tabletId)
                .doesNotContain(fixture.prioritised.tabletId, fixture.normal.tabletId);

        SchedulingRound with = fixture.round(Map.of("disable_balance", "true"),
                Set.of(fixture.queued.partitionId));
        assertThat(with.details().get(fixture.prioritised.tabletId).priority()).isEqualTo(Priority.VERY_HIGH);
        assertThat(with.details().get(fixture.normal.tabletId).priority()).isEqualTo(Priority.NORMAL);
        Clone clone = (Clone) with.decisions().stream()
                .filter(decision -> decision.tabletId() == fixture.prioritised.tabletId).findFirst().orElseThrow();
        assertThat(clone.priority()).isEqualTo(Priority.VERY_HIGH);
        assertThat(clone.destinationBackendId()).isEqualTo(fixture.spare);
        assertThat(with.decisions()).extracting(SchedulerDecision::tabletId).doesNotContain(fixture.normal.tabletId);
    }

    @Test
    void aQueuedPartitionsTabletGoesAheadOfEveryOtherOne() {
        Fixture fixture = new Fixture();
        Map<String, String> oneAtATime = Map.of("disable_balance", "true", "schedule_batch_size", "1",
                "tablet_repair_delay_factor_second", "0");
        SchedulingRound without = fixture.round(oneAtATime, Set.of());
        assertThat(without.queue()).containsExactly(fixture.urgent.tabletId, fixture.normal.tabletId,
                fixture.prioritised.tabletId);
        assertThat(without.decisions()).extracting(SchedulerDecision::tabletId)
                .containsExactly(fixture.urgent.tabletId);

        SchedulingRound with = fixture.round(oneAtATime, Set.of(fixture.queued.partitionId));
        assertThat(with.queue()).containsExactly(fixture.prioritised.tabletId, fixture.urgent.tabletId,
                fixture.normal.tabletId);
        assertThat(with.decisions()).extracting(SchedulerDecision::tabletId)
                .containsExactly(fixture.prioritised.tabletId);
    }

    @Test
    void anUnrecoverableTabletStaysAsItIsInAQueuedPartition() {
        Fixture fixture = new Fixture();
        fixture.model.alive.put(fixture.b1, false);
        fixture.model.alive.put(fixture.b2, false);
        SchedulingRound round = fixture.round(Map.of("disable_balance", "true"), Set.of(fixture.queued.partitionId));
        assertThat(round.unrecoverable()).containsKey(fixture.prioritised.tabletId);
        assertThat(round.queue()).doesNotContain(fixture.prioritised.tabletId);
        assertThat(round.decisions()).isEmpty();
        assertThat(round.unhealthyPartitionIds()).as("unrecoverable: the partition stays queued")
                .contains(fixture.queued.partitionId);
    }

    @Test
    void aRoundNamesThePartitionsHoldingAnUnhealthyTablet() {
        Fixture fixture = new Fixture();
        SimPartition calm = fixture.model.addPartition(fixture.table);
        fixture.model.addTablet(calm, fixture.b1, fixture.b2, fixture.spare);
        SchedulingRound round = fixture.round(Map.of("disable_balance", "true"), Set.of(fixture.queued.partitionId,
                calm.partitionId));
        assertThat(round.unhealthyPartitionIds()).containsExactlyInAnyOrder(fixture.ordinary.partitionId,
                fixture.queued.partitionId);

        fixture.model.alive.put(fixture.b3, true);
        fixture.model.alive.put(fixture.b5, true);
        assertThat(fixture.round(Map.of("disable_balance", "true"), Set.of()).unhealthyPartitionIds())
                .as("every backend alive again").isEmpty();
    }
}
