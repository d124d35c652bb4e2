package io.tessera.fe.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Doris's clone timeout: size at 5 MB/s, between 3 min and 2 h. */
class CloneTimeoutsTest {
    private static final long MIB = 1024 * 1024;
    private final CloneTimeouts timeouts = CloneTimeouts.DEFAULT;

    @Test
    void smallTabletsGetTheMinimum() {
        assertThat(timeouts.timeoutMs(0)).isEqualTo(180_000);
        assertThat(timeouts.timeoutMs(-1)).isEqualTo(180_000);
        assertThat(timeouts.timeoutMs(900 * MIB)).isEqualTo(180_000);
    }

    @Test
    void mediumTabletsGetTheirSizeAtFiveMegabytesPerSecond() {
        assertThat(timeouts.timeoutMs(1000 * MIB)).isEqualTo(200_000);
        assertThat(timeouts.timeoutMs(10_000 * MIB)).isEqualTo(2_000_000);
        // Whole MiB, then whole seconds, as Doris divides: 1004 MiB and a bit -> 200 s.
        assertThat(timeouts.timeoutMs(1004 * MIB + 1234)).isEqualTo(200_000);
    }

    @Test
    void largeTabletsGetTheMaximum() {
        assertThat(timeouts.timeoutMs(36_000 * MIB)).isEqualTo(7_200_000);
        assertThat(timeouts.timeoutMs(1L << 50)).isEqualTo(7_200_000);
        assertThat(timeouts.timeoutMs(Long.MAX_VALUE)).isEqualTo(7_200_000);
    }

    @Test
    void otherLimitsApply() {
        CloneTimeouts fast = new CloneTimeouts(1_000, 10_000, 100);
        assertThat(fast.timeoutMs(500 * MIB)).isEqualTo(5_000);
        assertThat(fast.timeoutMs(0)).isEqualTo(1_000);
        assertThatThrownBy(() -> new CloneTimeouts(10, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CloneTimeouts(10, 50, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
