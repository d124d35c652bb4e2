package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The partitions ADMIN REPAIR TABLE queued: timeouts on the injected clock, cancel, pruning. */
class PriorityRepairsTest {
    private static final long HOUR_MS = 3_600_000;

    private final ManualClock clock = new ManualClock(1_735_689_600_000L);
    private final PriorityRepairs repairs = new PriorityRepairs(clock);

    @Test
    void queuedPartitionsShowTheirIdsAndTheTimeTheyHaveLeft() {
        repairs.add(10, 20, List.of(31L, 30L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        repairs.add(10, 21, List.of(40L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        clock.advance(1_500, TimeUnit.MILLISECONDS);
        assertThat(PriorityRepairs.REPAIR_TIMEOUT_MS).isEqualTo(14_400_000L);
        assertThat(repairs.partitionIds()).containsExactlyInAnyOrder(30L, 31L, 40L);
        assertThat(repairs.size()).isEqualTo(3);
        assertThat(repairs.queued()).containsExactly(
                new QueuedRepair(10, 20, 30, 14_398_500),
                new QueuedRepair(10, 20, 31, 14_398_500),
                new QueuedRepair(10, 21, 40, 14_398_500));
    }

    @Test
    void anEntryExpiresWhenItsTimeoutHasPassed() {
        repairs.add(10, 20, List.of(30L), 4 * HOUR_MS);
        clock.advance(HOUR_MS, TimeUnit.MILLISECONDS);
        repairs.add(10, 20, List.of(31L), 4 * HOUR_MS);
        clock.advance(3 * HOUR_MS - 1, TimeUnit.MILLISECONDS);
        assertThat(repairs.queued()).containsExactly(new QueuedRepair(10, 20, 30, 1),
                new QueuedRepair(10, 20, 31, HOUR_MS + 1));
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(repairs.partitionIds()).containsExactly(31L);
        clock.advance(HOUR_MS, TimeUnit.MILLISECONDS);
        assertThat(repairs.partitionIds()).isEmpty();
        assertThat(repairs.queued()).isEmpty();
        assertThat(repairs.size()).isZero();
    }

    @Test
    void queueingAgainStartsTheTimeoutAgain() {
        repairs.add(10, 20, List.of(30L), 4 * HOUR_MS);
        clock.advance(3 * HOUR_MS, TimeUnit.MILLISECONDS);
        repairs.add(10, 20, List.of(30L), 4 * HOUR_MS);
        assertThat(repairs.queued()).containsExactly(new QueuedRepair(10, 20, 30, 4 * HOUR_MS));
    }

    @Test
    void cancelRemovesOnlyTheNamedPartitionsAndIgnoresOnesNeverQueued() {
        repairs.add(10, 20, List.of(30L, 31L, 32L), 4 * HOUR_MS);
        repairs.cancel(List.of(31L, 99L));
        assertThat(repairs.partitionIds()).containsExactlyInAnyOrder(30L, 32L);
        repairs.cancel(List.of(30L, 32L));
        assertThat(repairs.queued()).isEmpty();
        repairs.cancel(List.of(30L));
        assertThat(repairs.size()).isZero();
    }

    @Test
    void entriesWhosePartitionLeftTheCatalogAreForgotten() {
        repairs.add(10, 20, List.of(30L, 31L), 4 * HOUR_MS);
        repairs.add(10, 21, List.of(40L), 4 * HOUR_MS);
        TableDefinition table = TableDefinition.newBuilder().setTableId(20).setName("t")
                .addPartitions(PartitionDefinition.newBuilder().setPartitionId(30).setName("p30")).build();
        CatalogSnapshot catalog = new CatalogSnapshot(Map.of("db", new DatabaseEntry(10, "db", 0, Map.of("t", table))),
                Map.of(), Map.of(), Map.of(), 0);
        repairs.retainIn(catalog);
        assertThat(repairs.partitionIds()).isEqualTo(Set.of(30L));
    }
}
