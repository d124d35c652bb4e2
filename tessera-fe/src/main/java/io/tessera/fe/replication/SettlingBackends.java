package io.tessera.fe.replication;

import io.tessera.common.Clock;
import io.tessera.common.LogRateLimiter;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.report.TabletReports;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which backends the tablet scheduler cannot judge yet after an FE start ({@link ClusterShape#waiting}:
 * not heard from, or alive with no tablet report reconciled), asked once per round. Their tablets
 * wait; every other tablet is scheduled. Says what it waits for every
 * {@value #WAITING_LINE_SECONDS} s, and the first time nothing is left runs the loop's one-off
 * step (adopting the decommission flags journaled before this FE started).
 *
 * <p>Threading: the replication loop's thread only.
 */
final class SettlingBackends {
    private static final Logger LOG = LoggerFactory.getLogger(SettlingBackends.class);
    private static final long WAITING_LINE_SECONDS = 10;

    private final TabletReports reports;
    private final Runnable firstSettled;
    private final LogRateLimiter waitingLines;
    private boolean settledOnce;

    /** @param firstSettled runs once, the first round every backend is settled */
    SettlingBackends(TabletReports reports, Clock clock, Runnable firstSettled) {
        this.reports = reports;
        this.firstSettled = firstSettled;
        this.waitingLines = new LogRateLimiter(clock, Duration.ofSeconds(WAITING_LINE_SECONDS), 1);
    }

    /** The backends not judged yet; none once every backend is settled. */
    ClusterShape.Waiting waiting(ClusterView view) {
        if (ClusterShape.known(view, reports)) {
            if (!settledOnce) {
                settledOnce = true;
                LOG.info("tablet scheduler: every backend's liveness is known and its first report reconciled; "
                        + "balance and decommission completion start");
                firstSettled.run();
            }
            return ClusterShape.Waiting.NONE;
        }
        ClusterShape.Waiting waiting = ClusterShape.waiting(view, reports);
        waitingLines.log("waiting", "tablet scheduler waits for " + waiting + "; tablets with a replica there are "
                + "not scheduled before, nothing is balanced", LOG::info);
        return waiting;
    }
}
