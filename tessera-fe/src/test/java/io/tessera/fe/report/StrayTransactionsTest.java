package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.proto.frontend.ReplicaReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which pending rowsets are aborted, on a manual clock. */
class StrayTransactionsTest {
    private static final long GRACE_MS = 60_000;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Set<Long> live = new HashSet<>();
    private final List<StrayTransactions.AbortOrder> aborted = new ArrayList<>();
    private final StrayTransactions strays = new StrayTransactions(clock, GRACE_MS, () -> Set.copyOf(live),
            aborted::add);

    private static ReplicaReport replica(long replicaId, Long... pendingTransactions) {
        return ReplicaReport.newBuilder().setTabletId(replicaId - 1).setReplicaId(replicaId)
                .setPendingRowsetCount(pendingTransactions.length)
                .addAllPendingTransactionIds(List.of(pendingTransactions)).build();
    }

    private void advanceMs(long ms) {
        clock.advance(ms, TimeUnit.MILLISECONDS);
    }

    @Test
    void aTransactionNoLoadKnowsIsAbortedAfterTheGracePeriodOnTheBackendThatHoldsIt() {
        strays.handle(1, List.of(replica(11, 500L), replica(12, 500L, 501L)));
        advanceMs(GRACE_MS - 1);
        strays.handle(1, List.of(replica(11, 500L), replica(12, 500L, 501L)));
        assertThat(aborted).isEmpty();

        advanceMs(1);
        strays.handle(1, List.of(replica(11, 500L), replica(12, 500L, 501L)));
        assertThat(aborted).extracting(StrayTransactions.AbortOrder::transactionId).containsExactly(500L, 501L);
        assertThat(aborted).extracting(StrayTransactions.AbortOrder::backendId).containsOnly(1L);

        // Not aborted yet (the call did not reach the backend): ordered again at the next report.
        strays.handle(1, List.of(replica(11, 500L)));
        assertThat(aborted).extracting(StrayTransactions.AbortOrder::transactionId).containsExactly(500L, 501L, 500L);
    }

    @Test
    void aLiveTransactionIsNeverAbortedAndStartsItsGraceAgainOnceItIsNot() {
        live.add(500L);
        strays.handle(1, List.of(replica(11, 500L)));
        advanceMs(GRACE_MS * 2);
        strays.handle(1, List.of(replica(11, 500L)));
        assertThat(aborted).isEmpty();

        live.clear();
        strays.handle(1, List.of(replica(11, 500L)));
        advanceMs(GRACE_MS - 1);
        strays.handle(1, List.of(replica(11, 500L)));
        assertThat(aborted).isEmpty();
    }

    @Test
    void aTransactionThatLeavesTheReportsIsForgottenAndEachBackendHasItsOwnGrace() {
        strays.handle(1, List.of(replica(11, 500L)));
        advanceMs(GRACE_MS / 2);
        strays.handle(1, List.of(replica(11)));
        strays.handle(2, List.of(replica(21, 500L)));
        advanceMs(GRACE_MS / 2);
        strays.handle(1, List.of(replica(11, 500L)));
        strays.handle(2, List.of(replica(21, 500L)));
        assertThat(aborted).isEmpty();

        advanceMs(GRACE_MS / 2);
        strays.handle(1, List.of(replica(11, 500L)));
        strays.handle(2, List.of(replica(21, 500L)));
        assertThat(aborted).extracting(StrayTransactions.AbortOrder::backendId).containsExactly(2L);
    }
}
