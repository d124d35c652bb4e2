package io.tessera.bench.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a simulated backend's next report is scheduled: one pending report per backend, the earliest asked. */
class SimulatedReporterTest {
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final SimulatedReporter reporter = new SimulatedReporter(scheduler, null, Runnable::run,
            new ManualClock(1_764_000_000_000L), 60_000, new Random(1));
    private final SimulatedBackend backend = new SimulatedBackend(0, "127.0.0.1", 9050, 9060, 1L);

    SimulatedReporterTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void close() {
        reporter.close();
        scheduler.shutdownNow();
    }

    private long pendingDelayMs() {
        return ((ScheduledFuture<?>) scheduler.getQueue().peek()).getDelay(TimeUnit.MILLISECONDS);
    }

    @Test
    void askingToReportAgainRepeatedlyKeepsOneReportPending() {
        for (int i = 0; i < 5; i++) {
            reporter.reportAfter(backend, 50_000);
        }
        assertThat(scheduler.getQueue()).hasSize(1);

        reporter.reportAfter(backend, 90_000);
        assertThat(scheduler.getQueue()).as("a later ask adds nothing").hasSize(1);
        assertThat(pendingDelayMs()).isLessThanOrEqualTo(50_000);

        reporter.reportSoon(backend);
        assertThat(scheduler.getQueue()).as("a change is not held back by the later report").hasSize(1);
        assertThat(pendingDelayMs()).isLessThanOrEqualTo(SimulatedReporter.SOON_DELAY_MS);
    }
}
