package io.tessera.fe.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotPolicyTest {
    private final ManualClock clock = new ManualClock(0);
    private final SnapshotPolicy policy = new SnapshotPolicy(new SnapshotConfig(10, 60_000, 4096), clock);

    @Test
    void dueAfterEnoughRecordsAndAgainOnlyAfterAnotherRound() {
        assertThat(policy.recordApplied(4)).isFalse();
        assertThat(policy.recordApplied(5)).isFalse();
        assertThat(policy.recordApplied(1)).isTrue();
        // Not started (a write was still running): still due at the next entry.
        assertThat(policy.recordApplied(1)).isTrue();
        policy.snapshotStarted();
        assertThat(policy.recordApplied(9)).isFalse();
        assertThat(policy.recordApplied(1)).isTrue();
    }

    @Test
    void dueAfterTheIntervalOnlyWhenSomethingWasApplied() {
        clock.advance(61, TimeUnit.SECONDS);
        assertThat(policy.recordApplied(0)).isFalse();
        assertThat(policy.recordApplied(1)).isTrue();
        policy.snapshotStarted();
        clock.advance(59, TimeUnit.SECONDS);
        assertThat(policy.recordApplied(1)).isFalse();
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(policy.recordApplied(1)).isTrue();
    }
}
