package io.tessera.fe.mysql;

import io.tessera.common.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters for one server instance, reported by COM_STATISTICS ({@code mysqladmin status}):
 * uptime, open connections and queries received.
 *
 * <p>Thread-safe: connections on every event loop update it.
 */
final class ServerStatistics {
    private final Clock clock;
    private final long startNanos;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong questions = new AtomicLong();

    ServerStatistics(Clock clock) {
        this.clock = clock;
        this.startNanos = clock.monotonicNanos();
    }

    void connectionOpened() {
        openConnections.incrementAndGet();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    void questionAsked() {
        questions.incrementAndGet();
    }

    int openConnections() {
        return openConnections.get();
    }

    /** The text of a COM_STATISTICS answer, in MySQL's format. */
    String describe() {
        long uptimeSeconds = TimeUnit.NANOSECONDS.toSeconds(clock.monotonicNanos() - startNanos);
        long asked = questions.get();
        double perSecond = uptimeSeconds == 0 ? 0.0 : (double) asked / uptimeSeconds;
        return String.format(Locale.ROOT,
                "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  Flush tables: 0"
                        + "  Open tables: 0  Queries per second avg: %.3f",
                uptimeSeconds, openConnections.get(), asked, perSecond);
    }
}
