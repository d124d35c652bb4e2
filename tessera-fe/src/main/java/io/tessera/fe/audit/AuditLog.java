package io.tessera.fe.audit;

import io.tessera.common.Clock;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE's audit log, {@code fe.audit.log}: {@link #record} queues a statement's event and returns
 * at once; one writer thread formats the lines ({@link AuditLineFormat}: passwords masked there)
 * and appends them to a {@link RollingAuditFile} in batches: it wakes every {@value #BATCH_INTERVAL_MILLIS} ms,
 * writes everything queued and flushes once, so a line reaches the file at most that long after
 * its statement ended.
 *
 * <p>Why a beat and not a wake-up per event: waking the writer for every statement cost each one
 * a futex wake on the statement's thread, a context switch and a write(2) of its own, the largest
 * cost of a {@code SELECT 1} after the socket (profiled with {@code strace -f} under
 * {@code mariadb-slap}). A producer now only adds to the queue; nobody waits on it.
 *
 * <p>Why a queue: the statement path must never wait on a disk. The queue is bounded
 * ({@code queueCapacity}); an ordinary statement's event is dropped once the queue holds
 * {@code queueCapacity - reservedForAlwaysKept}, a node-management, config, user or grant
 * statement's only when it is full, so those survive a flood of queries. Dropped events and write
 * failures never reach a statement: they are counted and reported to fe.log, one line per episode.
 *
 * <p>Threading: {@link #record} is called from any thread (event loops, the statement pool, the
 * metadata writer) and never blocks; the {@code audit-log} thread owns the file; {@link #close}
 * wakes it, writes what is queued (waiting at most a few seconds) and stops the thread.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final long BATCH_INTERVAL_MILLIS = 100;
    /** Events written between two looks at the clock and the closing flag. */
    private static final int BATCH_EVENTS = 1_024;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Under a flood the queue never runs empty: drops are still reported this often. */
    private static final long DROP_REPORT_INTERVAL_NANOS = 10_000_000_000L;

    private final AuditLogConfig config;
    private final Clock clock;
    private final AuditLineFormat format;
    private final RollingAuditFile file;
    private final BlockingQueue<AuditEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    /** Set when close has waited long enough: the writer stops even with events queued. */
    private volatile boolean stopped;
    /** Writer thread only: the lines lost since writing last failed, -1 while writing works. */
    private long lostSinceFailure = -1;
    /** Writer thread only: when dropped events were last reported. */
    private long droppedReportedAtNanos;

    public AuditLog(AuditLogConfig config, Clock clock, String frontendIp) {
        this.config = config;
        this.clock = clock;
        this.droppedReportedAtNanos = clock.monotonicNanos();
        this.format = new AuditLineFormat(clock.zone(), config.maxStatementBytes(), frontendIp);
        this.file = new RollingAuditFile(config, clock);
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.writer = new Thread(this::run, "audit-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues the event for the file; never blocks and never throws. */
    public void record(AuditEvent event) {
        if (closing) {
            return;
        }
        boolean accepted = admits(config, event.alwaysKept(), queue.size()) && queue.offer(event);
        if (!accepted) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Whether an event may join a queue holding {@code queued} events: an always-kept one while
     * there is room, any other only below the reserved part.
     */
    static boolean admits(AuditLogConfig config, boolean alwaysKept, int queued) {
        int limit = alwaysKept ? config.queueCapacity() : config.queueCapacity() - config.reservedForAlwaysKept();
        return queued < limit;
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(BATCH_EVENTS);
        while (!stopped) {
            boolean closingNow = closing;
            while (!stopped && queue.drainTo(batch, BATCH_EVENTS) > 0) {
                batch.forEach(this::write);
                batch.clear();
                if (clock.monotonicNanos() - droppedReportedAtNanos > DROP_REPORT_INTERVAL_NANOS) {
                    reportDropped();
                }
            }
            flush();
            reportDropped();
            if (closingNow) {
                break; // the queue was drained after close began: nothing more is accepted
            }
            // parkNanos, not sleep: close() wakes the writer with unpark, and an interrupt would
            // close the file channel under a write.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BATCH_INTERVAL_MILLIS));
        }
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("audit log: closing {} failed: {}", config.file(), e.toString());
        }
    }

    private void write(AuditEvent event) {
        try {
            file.write(format.format(event), event.endWallMillis());
            if (lostSinceFailure >= 0) {
                LOG.info("audit log: writing {} works again; {} line(s) were lost", config.file(), lostSinceFailure);
                lostSinceFailure = -1;
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void flush() {
        try {
            file.flush();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        if (lostSinceFailure < 0) {
            LOG.warn("audit log: cannot write {} ({}); statements go on, their audit lines are lost until it"
                    + " works again", config.file(), e.toString());
            lostSinceFailure = 0;
        }
        lostSinceFailure++;
    }

    private void reportDropped() {
        droppedReportedAtNanos = clock.monotonicNanos();
        long count = dropped.getAndSet(0);
        if (count > 0) {
            LOG.warn("audit log: {} statement(s) not written, the queue of {} events was full", count,
                    config.queueCapacity());
        }
    }

    /** Writes what is queued, at most for a few seconds, then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_WAIT_MILLIS);
            if (writer.isAlive()) {
                stopped = true;
                LockSupport.unpark(writer);
                LOG.warn("audit log: {} event(s) still queued at close are not written", queue.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
