package io.tessera.fe.report;

import io.tessera.common.Clock;
import java.util.concurrent.TimeUnit;

/**
 * When a backend whose tablet report was answered busy should send it again, so that the backends
 * waiting come back about as fast as the FE handles reports, not all at once.
 *
 * <p>Why: a busy answer comes after the whole report has been received and parsed. With a fixed
 * retry delay, a thousand backends reporting at once (an FE restart: each sends its full report as
 * soon as a heartbeat names the new FE) came back every second or two, and the FE spent its cores
 * parsing reports it then refused, starving heartbeats (180 backends flapped dead in the scale
 * benchmark's restart) while the reports it could take waited behind them. Each busy answer now
 * reserves the next free slot: slots follow one another by the average time a report took,
 * divided by the reports handled at once, so the k-th backend turned away is asked back after
 * about k slots. The backend adds its own spread on top (up to the delay again), which only thins
 * the arrivals further. The delay is at least {@code minRetryMs} (the FE's earlier fixed delay)
 * and at most {@code maxRetryMs}.
 *
 * <p>Threading: thread-safe (synchronized; two small updates per report).
 */
public final class ReportPacing {
    /** The weight of the newest report in the running average of report times: 1/8. */
    private static final int AVERAGE_SHIFT = 3;

    private final Clock clock;
    private final int reportsAtOnce;
    private final long minRetryMs;
    private final long maxRetryMs;
    /** The running average time of a handled report. */
    private long averageReportNs;
    /** The monotonic time of the last slot handed out. */
    private long lastSlotNs;

    /**
     * @param reportsAtOnce    how many reports the FE handles at the same time
     * @param initialReportMs  the average report time assumed before any report was handled
     */
    public ReportPacing(Clock clock, int reportsAtOnce, long initialReportMs, long minRetryMs, long maxRetryMs) {
        if (reportsAtOnce < 1 || initialReportMs < 0 || minRetryMs < 1 || maxRetryMs < minRetryMs) {
            throw new IllegalArgumentException("invalid report pacing: " + reportsAtOnce + " at once, "
                    + initialReportMs + " ms a report, retry within [" + minRetryMs + ", " + maxRetryMs + "] ms");
        }
        this.clock = clock;
        this.reportsAtOnce = reportsAtOnce;
        this.minRetryMs = minRetryMs;
        this.maxRetryMs = maxRetryMs;
        this.averageReportNs = TimeUnit.MILLISECONDS.toNanos(initialReportMs);
        this.lastSlotNs = clock.monotonicNanos();
    }

    /** Notes how long a handled report took. */
    public synchronized void handled(long durationNs) {
        averageReportNs += (Math.max(0, durationNs) - averageReportNs) >> AVERAGE_SHIFT;
    }

    /** Reserves the next slot for a backend answered busy; returns the delay to send it in. */
    public synchronized long retryAfterMs() {
        long nowNs = clock.monotonicNanos();
        long slotNs = Math.max(lastSlotNs, nowNs) + Math.max(1, averageReportNs / reportsAtOnce);
        long delayMs = TimeUnit.NANOSECONDS.toMillis(slotNs - nowNs);
        if (delayMs > maxRetryMs) {
            // Past the cap the slots are not reserved: the backend comes back at the cap, as many others may.
            return maxRetryMs;
        }
        lastSlotNs = slotNs;
        return Math.max(minRetryMs, delayMs);
    }
}
