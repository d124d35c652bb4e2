package io.tessera.fe.session;

import io.tessera.common.Cancellation;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One statement while it runs: its query id, when it started, the {@link Cancellation} KILL QUERY
 * and the timeout checker stop it through, and what its scans have read so far (SHOW PROC
 * '/current_queries' shows it).
 *
 * <p>Threading: thread-safe. The statement's own thread adds to the counters and checks the
 * cancellation; other connections and the timeout checker read the counters and cancel.
 */
public final class RunningStatement {
    private final String queryId;
    private final long startNanos;
    private final Cancellation cancellation;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong bytesScanned = new AtomicLong();
    private volatile boolean scanned;

    public RunningStatement(String queryId, long startNanos, Cancellation cancellation) {
        this.queryId = Objects.requireNonNull(queryId, "queryId is null");
        this.startNanos = startNanos;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation is null");
    }

    /** Doris's {@code <hi hex>-<lo hex>}. */
    public String queryId() {
        return queryId;
    }

    public long startNanos() {
        return startNanos;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** Rows the backends read for it (before filters); the scanner adds to it as answers arrive. */
    public AtomicLong rowsRead() {
        scanned = true;
        return rowsRead;
    }

    /** Bytes the backends returned for it. */
    public AtomicLong bytesScanned() {
        scanned = true;
        return bytesScanned;
    }

    /** Whether it has scanned a table (until then its progress is unknown, {@code N/A}). */
    public boolean scanned() {
        return scanned;
    }

    public long rowsReadSoFar() {
        return rowsRead.get();
    }

    public long bytesScannedSoFar() {
        return bytesScanned.get();
    }
}
