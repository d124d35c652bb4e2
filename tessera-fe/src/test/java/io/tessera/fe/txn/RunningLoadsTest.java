package io.tessera.fe.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.txn.RunningLoads.RunningLoad;
import io.tessera.proto.journal.TableDefinition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Running Stream Loads: one label per load, committed labels stay taken, expiry by deadline. */
class RunningLoadsTest {
    private final RunningLoads loads = new RunningLoads();

    private static RunningLoad load(long transactionId, long databaseId, String label, long deadlineNanos) {
        return new RunningLoad(transactionId, databaseId, label, TableDefinition.getDefaultInstance(), deadlineNanos,
                600);
    }

    @Test
    void aLabelBelongsToOneRunningLoadPerDatabase() {
        assertThat(loads.register(load(1, 10, "a", 100), Optional::empty)).isEmpty();
        assertThat(loads.register(load(2, 10, "a", 100), Optional::empty)).contains("PREPARE");
        assertThat(loads.register(load(3, 11, "a", 100), Optional::empty)).isEmpty();
        assertThat(loads.holdsLabel(10, "a")).isTrue();
        assertThat(loads.remove(1)).map(RunningLoad::label).contains("a");
        assertThat(loads.holdsLabel(10, "a")).isFalse();
        assertThat(loads.remove(1)).isEmpty();
        assertThat(loads.register(load(4, 10, "a", 100), Optional::empty)).isEmpty();
    }

    @Test
    void aCommittedLabelIsRefusedUnderTheLock() {
        assertThat(loads.register(load(1, 10, "a", 100), () -> Optional.of("VISIBLE"))).contains("VISIBLE");
        assertThat(loads.size()).isZero();
    }

    @Test
    void loadsPastTheirDeadlineExpire() {
        loads.register(load(1, 10, "a", 100), Optional::empty);
        loads.register(load(2, 10, "b", 300), Optional::empty);
        assertThat(loads.removeExpired(100)).isEmpty();
        assertThat(loads.removeExpired(200)).extracting(RunningLoad::transactionId).containsExactly(1L);
        assertThat(loads.holdsLabel(10, "a")).isFalse();
        assertThat(loads.holdsLabel(10, "b")).isTrue();
    }
}
