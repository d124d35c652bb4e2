package io.tessera.fe.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.txn.TransactionHistory.Entry;
import io.tessera.fe.txn.TransactionHistory.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionHistoryTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final TransactionHistory history = new TransactionHistory(clock, () -> "127.0.0.9");

    @Test
    void followsATransactionFromPrepareToVisible() {
        history.beginInsert(7, 100, "l7", 14_400_000);
        Entry prepared = history.byId(100, 7).orElseThrow();
        assertThat(prepared.status()).isEqualTo(Status.PREPARE);
        assertThat(prepared.coordinator()).isEqualTo("FE: 127.0.0.9");
        assertThat(prepared.sourceType()).isEqualTo("INSERT_STREAMING");
        assertThat(prepared.prepareTimeMs()).isEqualTo(1_000);
        clock.advance(5, java.util.concurrent.TimeUnit.MILLISECONDS);
        history.committed(7, 200, Map.of(300L, 2L), 1);
        assertThat(history.running(100)).extracting(Entry::status).containsExactly(Status.COMMITTED);
        history.aborted(7, "too late: committed transactions are never aborted");
        clock.advance(5, java.util.concurrent.TimeUnit.MILLISECONDS);
        history.visible(7);
        Entry visible = history.byId(100, 7).orElseThrow();
        assertThat(visible.status()).isEqualTo(Status.VISIBLE);
        assertThat(visible.commitTimeMs()).isEqualTo(1_005);
        assertThat(visible.finishTimeMs()).isEqualTo(1_010);
        assertThat(visible.errorReplicas()).isEqualTo(1);
        assertThat(visible.partitionVersions()).isEqualTo(Map.of(200L, Map.of(300L, 2L)));
        assertThat(history.running(100)).isEmpty();
        assertThat(history.finished(100)).containsExactly(visible);
        assertThat(history.byId(101, 7)).isEmpty();
    }

    @Test
    void keepsTheAbortReasonAndBoundsTheFinished() {
        history.beginStreamLoad(1, 100, "s1", 600_000);
        history.aborted(1, "cancelled by client");
        Entry aborted = history.byId(100, 1).orElseThrow();
        assertThat(aborted.status()).isEqualTo(Status.ABORTED);
        assertThat(aborted.reason()).isEqualTo("cancelled by client");
        assertThat(aborted.sourceType()).isEqualTo("BACKEND_STREAMING");
        for (long id = 2; id < 2 + TransactionHistory.FINISHED_PER_DATABASE; id++) {
            history.beginInsert(id, 100, "l" + id, 1);
            history.visible(id);
        }
        assertThat(history.finished(100)).hasSize(TransactionHistory.FINISHED_PER_DATABASE);
        assertThat(history.byId(100, 1)).isEmpty();
        assertThat(history.finished(100).get(0).transactionId()).isEqualTo(1 + TransactionHistory.FINISHED_PER_DATABASE);
    }
}
