package io.tessera.fe.replication;

import io.tessera.common.Clock;

/**
 * When the replication loop's next periodic full check is due, from what the last one's decision
 * part cost. A full check costs the catalog's size: the periodic one waits at least ten times its
 * cost, so checks take at most about a tenth of the loop's thread however large the catalog (a
 * 1M-tablet check every {@code tablet_checker_interval_ms} could take a whole core from
 * statements), but never more than {@link #MAX_GAP_MS} (or the interval, when that is longer):
 * a replica that turns bad without a change of the backends' shape is found within a minute.
 *
 * <p>The cost is the pure decision part (the classification and the scheduler's decisions), never
 * the time spent starting the decided work, which waits for the metadata writer (a slow CREATE
 * TABLE ahead of it is no cost of the check). A change of the backends' shape or ADMIN REPAIR
 * checks at once; the loop decides that, not this class.
 *
 * <p>Threading: the replication loop's thread only.
 */
final class FullCheckPacing {
    /** The longest wait for a periodic full check (unless {@code tablet_checker_interval_ms} is longer). */
    static final long MAX_GAP_MS = 60_000;
    /** The periodic check waits this many times the last check's cost. */
    private static final long COST_FACTOR = 10;

    private final Clock clock;
    private long nextCheckMs;
    private long lastCostNs;
    private long lastEndNs;

    FullCheckPacing(Clock clock) {
        this.clock = clock;
    }

    /** Whether the periodic full check is due at {@code nowMs} (wall time). */
    boolean periodicDue(long nowMs) {
        return nowMs >= nextCheckMs;
    }

    /**
     * Whether the last check's cost has been paid back ten times since it ended: a changed catalog
     * with nothing queued may then be checked again early.
     */
    boolean costPaidBack() {
        return clock.monotonicNanos() - lastEndNs >= COST_FACTOR * lastCostNs;
    }

    /** A full check starts at {@code nowMs}: the next is due one interval on, should this one fail. */
    void started(long nowMs, long intervalMs) {
        nextCheckMs = nowMs + intervalMs;
    }

    /**
     * A full check that started at {@code nowMs} ended; its decision part cost {@code decisionCostNs}.
     * The next is due at {@code nowMs + max(interval, min(10 × cost, max(interval, 60 s)))}.
     */
    void finished(long nowMs, long intervalMs, long decisionCostNs) {
        lastCostNs = decisionCostNs;
        lastEndNs = clock.monotonicNanos();
        long paidBackMs = COST_FACTOR * decisionCostNs / 1_000_000;
        long gapMs = Math.max(intervalMs, Math.min(paidBackMs, Math.max(intervalMs, MAX_GAP_MS)));
        nextCheckMs = nowMs + gapMs;
    }

    /** When the next periodic full check is due (wall ms). */
    long nextCheckMs() {
        return nextCheckMs;
    }

    /** What the last full check's decision part cost. */
    long lastCostNs() {
        return lastCostNs;
    }
}
