package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.TabletHealth.Priority;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.scheduler.SchedulingRound;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A queued partition leaves PriorityRepairs at a full check that found every tablet of it healthy
 * with nothing in flight for it (Doris's TabletChecker), and only a check that was given its entry.
 */
class PriorityRepairChecksTest {
    private static final long DATABASE = 10;
    private static final long TABLE = 20;

    private final ManualClock clock = new ManualClock(1_735_689_600_000L);
    private final PriorityRepairs repairs = new PriorityRepairs(clock);
    private final PriorityRepairChecks checks = new PriorityRepairChecks(repairs);
    private final TableDefinition table = TableDefinition.newBuilder().setTableId(TABLE).setName("t")
            .addPartitions(PartitionDefinition.newBuilder().setPartitionId(30).setName("p30"))
            .addPartitions(PartitionDefinition.newBuilder().setPartitionId(31).setName("p31"))
            .addPartitions(PartitionDefinition.newBuilder().setPartitionId(32).setName("p32")).build();
    private final CatalogSnapshot catalog = new CatalogSnapshot(
            Map.of("db", new DatabaseEntry(DATABASE, "db", 0, Map.of("t", table))), Map.of(), Map.of(), Map.of(), 0);

    @Test
    void theRuleKeepsPartitionsWithAnUnhealthyTabletOrWorkInFlight() {
        assertThat(PriorityRepairChecks.healthy(Set.of(30L, 31L, 32L, 33L), Set.of(30L, 99L), Set.of(31L)))
                .containsExactlyInAnyOrder(32L, 33L);
        assertThat(PriorityRepairChecks.healthy(Set.of(), Set.of(30L), Set.of())).isEmpty();
        assertThat(PriorityRepairChecks.healthy(Set.of(30L), Set.of(), Set.of())).containsExactly(30L);
    }

    @Test
    void aCheckRemovesTheHealthyQueuedPartitionsAndKeepsTheOthers() {
        repairs.add(DATABASE, TABLE, List.of(30L, 31L, 32L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        PriorityRepairs.Snapshot queued = checks.queuedNow();
        assertThat(checks.changedSinceLastCheck(queued)).isTrue();
        assertThat(checks.beginCheck(queued, catalog)).containsExactlyInAnyOrder(30L, 31L, 32L);
        // Tablet 300 of p30 is unhealthy (an unrecoverable one counts the same), tablet 310 of p31
        // is healthy in the catalog but has a clone in flight; p32 is all healthy.
        checks.finishCheck(round(Map.of(300L, 30L)), Set.of(310L), Map.of(310L, place(31, 310)));
        assertThat(repairs.partitionIds()).containsExactlyInAnyOrder(30L, 31L);
        assertThat(checks.changedSinceLastCheck(checks.queuedNow())).as("no new check for what it removed").isFalse();

        PriorityRepairs.Snapshot next = checks.queuedNow();
        checks.beginCheck(next, catalog);
        checks.finishCheck(round(Map.of()), Set.of(), Map.of());
        assertThat(repairs.partitionIds()).as("repaired: both leave").isEmpty();
        assertThat(repairs.queued()).isEmpty();
    }

    @Test
    void aPartitionQueuedAfterTheCheckBeganStaysForTheNextCheck() {
        repairs.add(DATABASE, TABLE, List.of(30L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        PriorityRepairs.Snapshot queued = checks.queuedNow();
        checks.beginCheck(queued, catalog);
        // ADMIN REPAIR TABLE while the check runs: p31 new, p30 queued again.
        repairs.add(DATABASE, TABLE, List.of(30L, 31L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        checks.finishCheck(round(Map.of()), Set.of(), Map.of());
        assertThat(repairs.partitionIds()).containsExactlyInAnyOrder(30L, 31L);
        assertThat(checks.changedSinceLastCheck(checks.queuedNow())).as("the loop checks again at once").isTrue();

        checks.beginCheck(checks.queuedNow(), catalog);
        checks.finishCheck(round(Map.of()), Set.of(), Map.of());
        assertThat(repairs.partitionIds()).isEmpty();
    }

    @Test
    void aPartitionCancelledAndQueuedAgainDuringACheckStays() {
        repairs.add(DATABASE, TABLE, List.of(30L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        checks.beginCheck(checks.queuedNow(), catalog);
        repairs.cancel(List.of(30L));
        repairs.add(DATABASE, TABLE, List.of(30L), PriorityRepairs.REPAIR_TIMEOUT_MS);
        checks.finishCheck(round(Map.of()), Set.of(), Map.of());
        assertThat(repairs.partitionIds()).containsExactly(30L);
    }

    @Test
    void nothingQueuedNothingRemoved() {
        checks.beginCheck(checks.queuedNow(), catalog);
        checks.finishCheck(round(Map.of(300L, 30L)), Set.of(), Map.of());
        assertThat(repairs.partitionIds()).isEmpty();
        assertThat(checks.changedSinceLastCheck(checks.queuedNow())).isFalse();
    }

    /** A full check's result with the given unhealthy tablets (tablet id to partition id). */
    private static SchedulingRound round(Map<Long, Long> partitionByUnhealthyTablet) {
        Map<Long, SchedulingRound.Unhealthy> details = new HashMap<>();
        partitionByUnhealthyTablet.forEach((tabletId, partitionId) -> details.put(tabletId,
                new SchedulingRound.Unhealthy("REPLICA_MISSING", Priority.NORMAL, partitionId, 2)));
        return new SchedulingRound(List.of(), Map.of(), partitionByUnhealthyTablet.keySet(), details,
                3, List.copyOf(partitionByUnhealthyTablet.keySet()));
    }

    private TabletLocation place(long partitionId, long tabletId) {
        return new TabletLocation(DATABASE, table, PartitionDefinition.newBuilder().setPartitionId(partitionId).build(),
                TabletDefinition.newBuilder().setTabletId(tabletId).build());
    }
}
