package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Backends answered busy are asked back one slot apart, as fast as the FE takes reports. */
class ReportPacingTest {
    private final ManualClock clock = new ManualClock(1_764_150_930_000L);

    @Test
    void aThousandBackendsTurnedAwayAtOnceAreSpreadOverTheTimeTheirReportsTake() {
        ReportPacing pacing = new ReportPacing(clock, 2, 10, 1_000, 60_000);
        for (int i = 0; i < 50; i++) {
            pacing.handled(TimeUnit.MILLISECONDS.toNanos(40)); // the average moves to 40 ms
        }
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            delays.add(pacing.retryAfterMs());
        }

        // 20 ms a slot (40 ms, two at once): the first 50 get the floor, then one slot each.
        assertThat(delays.subList(0, 49)).containsOnly(1_000L);
        assertThat(delays).isSorted();
        assertThat(delays.get(999)).isBetween(19_900L, 20_100L);
        assertThat(delays.get(500) - delays.get(499)).isBetween(19L, 21L);
    }

    @Test
    void slotsAlreadyPastAreNotKeptAndTheFloorHoldsWhenFewWait() {
        ReportPacing pacing = new ReportPacing(clock, 2, 10, 1_000, 60_000);
        for (int i = 0; i < 300; i++) {
            pacing.retryAfterMs(); // reserved up to 1.5 s ahead at 5 ms a slot
        }
        clock.advance(10, TimeUnit.SECONDS);

        assertThat(pacing.retryAfterMs()).isEqualTo(1_000);
    }

    @Test
    void pastTheCapNoSlotIsReservedAndTheCapIsAnswered() {
        ReportPacing pacing = new ReportPacing(clock, 1, 1_000, 1_000, 5_000);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(pacing.retryAfterMs());
        }

        assertThat(delays).containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 5_000L, 5_000L, 5_000L);
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(pacing.retryAfterMs()).as("the slots reserved before still count").isEqualTo(5_000);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ReportPacing(clock, 0, 10, 1_000, 60_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportPacing(clock, 2, 10, 1_000, 999))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
