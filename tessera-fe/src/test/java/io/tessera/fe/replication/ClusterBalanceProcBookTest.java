package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.TabletHealth.Priority;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.replication.TabletSchedEntry.State;
import io.tessera.fe.replication.TabletSchedEntry.Type;
import io.tessera.fe.scheduler.Clone;
import io.tessera.fe.scheduler.SchedulingRound;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link SchedulerBook}, the bookkeeping behind SHOW PROC '/cluster_balance': pure, with a manual clock. */
class ClusterBalanceProcBookTest {
    private static final long START_MS = 1_735_689_600_000L;
    private final ManualClock clock = new ManualClock(START_MS);
    private final SchedulerBook book = new SchedulerBook(clock);

    private static SchedulingRound round(Map<Long, SchedulingRound.Unhealthy> unhealthy, int checked) {
        return new SchedulingRound(List.of(), Map.of(), unhealthy.keySet(), unhealthy, checked, List.copyOf(unhealthy.keySet()));
    }

    private static SchedulingRound.Unhealthy relocating() {
        return new SchedulingRound.Unhealthy("REPLICA_RELOCATING", Priority.NORMAL, 7, 3);
    }

    @Test
    void nothingIsShownBeforeTheFirstRound() {
        SchedulerViews views = book.views(List.of(1L), RuntimeConfig.DEFAULTS);
        assertThat(views.stats()).isEmpty();
        assertThat(views.pending()).isEmpty();
        assertThat(views.slots()).singleElement().satisfies(slot -> {
            assertThat(slot.totalSlots()).isEqualTo(4);
            assertThat(slot.availSlots()).isEqualTo(4);
            assertThat(slot.balanceSlot()).isEqualTo(1);
            assertThat(slot.avgRate()).isEqualTo(0.0);
        });
    }

    @Test
    void anUnhealthyTabletIsPendingThenRunningThenHistory() {
        book.scheduleRound();
        book.checked(round(Map.of(100L, relocating()), 8), 3);
        SchedulerViews pending = book.views(List.of(1L, 2L), RuntimeConfig.DEFAULTS);
        assertThat(pending.pendingTotal()).isEqualTo(1);
        assertThat(pending.pending()).singleElement().satisfies(entry -> {
            assertThat(entry.tabletId()).isEqualTo(100);
            assertThat(entry.type()).isEqualTo(Type.REPAIR);
            assertThat(entry.status()).isEqualTo("REPLICA_RELOCATING");
            assertThat(entry.state()).isEqualTo(State.PENDING);
            assertThat(entry.schedCode()).isEqualTo("NONE");
            assertThat(entry.createMs()).isEqualTo(START_MS);
            assertThat(entry.visibleVersion()).isEqualTo(3);
        });
        assertThat(pending.stat(SchedStat.CHECK_ROUNDS)).isEqualTo(1);
        assertThat(pending.stat(SchedStat.TABLETS_CHECKED)).isEqualTo(8);
        assertThat(pending.stat(SchedStat.UNHEALTHY_CHECKED)).isEqualTo(1);
        assertThat(pending.stat(SchedStat.ADDED_TO_SCHEDULER)).isEqualTo(1);
        assertThat(pending.stat(SchedStat.CHECK_COST_MS)).isEqualTo(3);

        clock.advance(1, TimeUnit.SECONDS);
        book.cloneStarted(new Clone(100, 7, 1, 2, Clone.Reason.RELOCATE_DECOMMISSION, Priority.NORMAL), 4000,
                60_000, 3);
        book.decided(1, 1, 0);
        SchedulerViews running = book.views(List.of(1L, 2L, 3L), RuntimeConfig.DEFAULTS);
        assertThat(running.pending()).isEmpty();
        assertThat(running.running()).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(State.RUNNING);
            assertThat(entry.srcBe()).isEqualTo(1);
            assertThat(entry.destBe()).isEqualTo(2);
            assertThat(entry.srcPath()).isEqualTo(-1);
            assertThat(entry.timeoutMs()).isEqualTo(60_000);
            assertThat(entry.createMs()).isEqualTo(START_MS);
            assertThat(entry.lastSchedMs()).isEqualTo(START_MS + 1000);
        });
        assertThat(running.slots()).extracting(SlotUsage::availSlots).containsExactly(3, 3, 4);
        assertThat(running.stat(SchedStat.CLONE_TASKS)).isEqualTo(1);
        assertThat(running.stat(SchedStat.REPLICA_UNAVAILABLE)).isEqualTo(1);
        assertThat(running.stat(SchedStat.SCHEDULED_SUCCEEDED)).isEqualTo(1);

        clock.advance(2, TimeUnit.SECONDS);
        book.cloneFinished(100, true, "");
        SchedulerViews done = book.views(List.of(1L, 2L), RuntimeConfig.DEFAULTS);
        assertThat(done.running()).isEmpty();
        assertThat(done.history()).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(State.FINISHED);
            assertThat(entry.finishedMs()).isEqualTo(START_MS + 3000);
            assertThat(entry.copyTimeMs()).isEqualTo(2000);
            assertThat(entry.errMsg()).isEmpty();
        });
        assertThat(done.slots()).extracting(SlotUsage::avgRate).containsExactly(2000.0, 2000.0);
        assertThat(done.stat(SchedStat.CLONE_SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void aFailedCloneIsCancelledWithItsErrorAndCounted() {
        book.scheduleRound();
        book.checked(round(Map.of(5L, relocating()), 1), 0);
        book.cloneStarted(new Clone(5, 7, 1, 2, Clone.Reason.RELOCATE_DECOMMISSION, Priority.NORMAL), 10, 1000, 3);
        book.cloneFinished(5, false, "disk full");
        SchedulerViews views = book.views(List.of(), RuntimeConfig.DEFAULTS);
        assertThat(views.history()).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(State.CANCELLED);
            assertThat(entry.errMsg()).isEqualTo("disk full");
            assertThat(entry.failedRunning()).isEqualTo(1);
        });
        assertThat(views.pending()).singleElement().satisfies(entry -> assertThat(entry.failedRunning()).isEqualTo(1));
        assertThat(views.stat(SchedStat.CLONE_FAILED)).isEqualTo(1);
    }

    @Test
    void aRemovalWaitsForLoadsThenFinishes() {
        book.scheduleRound();
        book.checked(round(Map.of(9L, new SchedulingRound.Unhealthy("REDUNDANT", Priority.VERY_HIGH, 7, 2)), 1), 0);
        book.removalQueued(9, 900, 3, 2);
        SchedulerViews waiting = book.views(List.of(), RuntimeConfig.DEFAULTS);
        assertThat(waiting.pendingTotal()).isEqualTo(1);
        assertThat(waiting.pending()).singleElement().satisfies(entry -> {
            assertThat(entry.schedCode()).isEqualTo("WAITING_DECOMMISSION");
            assertThat(entry.status()).isEqualTo("REDUNDANT");
            assertThat(entry.srcBe()).isEqualTo(3);
            assertThat(entry.destBe()).isEqualTo(-1);
        });
        book.removalFinished(900, true, "");
        SchedulerViews done = book.views(List.of(), RuntimeConfig.DEFAULTS);
        assertThat(done.history()).singleElement().satisfies(entry -> assertThat(entry.state()).isEqualTo(State.FINISHED));
        assertThat(done.stat(SchedStat.REPLICA_REDUNDANT)).isEqualTo(1);
    }

    @Test
    void historyKeepsTheThousandMostRecent() {
        for (long tablet = 1; tablet <= SchedulerBook.HISTORY_LIMIT + 5; tablet++) {
            book.cloneStarted(new Clone(tablet, 7, 1, 2, Clone.Reason.BALANCE, Priority.LOW), 0, 1000, 1);
            book.cloneFinished(tablet, true, "");
        }
        List<TabletSchedEntry> history = book.views(List.of(), RuntimeConfig.DEFAULTS).history();
        assertThat(history).hasSize(SchedulerBook.HISTORY_LIMIT);
        assertThat(history.get(0).tabletId()).isEqualTo(6);
        assertThat(history.get(0).type()).isEqualTo(Type.BALANCE);
        assertThat(history.get(history.size() - 1).tabletId()).isEqualTo(SchedulerBook.HISTORY_LIMIT + 5);
    }

    @Test
    void aBalanceCloneTakesTheBalanceSlot() {
        book.cloneStarted(new Clone(1, 7, 1, 2, Clone.Reason.BALANCE, Priority.LOW), 0, 1000, 1);
        List<SlotUsage> slots = book.views(Set.of(1L, 3L), RuntimeConfig.DEFAULTS).slots();
        assertThat(slots).extracting(SlotUsage::balanceSlot).containsExactly(0, 1);
        assertThat(slots).extracting(SlotUsage::usedSlots).containsExactly(1, 0);
    }

    @Test
    void realPriorityFavoursOlderAndMoreUrgentWork() {
        long now = START_MS + 600_000;
        assertThat(SchedulerBook.realPriorityVal(START_MS, Priority.VERY_HIGH, now))
                .isGreaterThan(SchedulerBook.realPriorityVal(START_MS, Priority.LOW, now));
        assertThat(SchedulerBook.realPriorityVal(START_MS, Priority.LOW, now))
                .isGreaterThan(SchedulerBook.realPriorityVal(START_MS + 1000, Priority.LOW, now));
        assertThat(SchedulerBook.realPriorityVal(START_MS, Priority.VERY_HIGH, now)).isEqualTo(36_000 + 600 - 60);
    }
}
