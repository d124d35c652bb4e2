package io.tessera.be.report;

import io.tessera.be.heartbeat.FrontendLocator;
import io.tessera.be.heartbeat.FrontendLocator.FrontendAddress;
import io.tessera.be.storage.tablet.Replica;
import io.tessera.be.storage.tablet.ReplicaStatus;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.common.Clock;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the FE what this backend holds: every replica with its version, rowset count, bytes, rows,
 * damage and pending rowsets, sent to the FE of the latest heartbeat ({@link FrontendLocator}).
 * A full report (every replica) goes out every {@code report_tablet_interval_seconds} (60, Doris's
 * default), first to an FE newly known, changed or restarted, and whenever the FE asks for one. In between,
 * the tablets that changed ({@link TabletChanges}: loads written, published or aborted, clones,
 * drops, compactions) go out as an incremental report {@value #SOON_DELAY_MS} ms after a change,
 * so a burst of changes makes one report: the replicas changed since the last report the FE
 * acknowledged, the tablets removed, and that report's sequence number as the base, so the FE can
 * tell a gap (a Tessera addition; Doris's BEs send full reports only). A report that does not reach
 * the FE, is refused, or is answered busy puts its changes back, so the next one carries them;
 * busy is retried after the FE's {@code retry_after_ms}, spread by backend, an unreachable FE after
 * {@value #RETRY_AFTER_FAILURE_MS} ms (a full report or one the FE asked for too, though it carries no
 * change); until then no report goes out, whatever asks for one. When the FE answers {@code report_again_in_ms} (a grace period
 * of an unknown replica or stray transaction here ends then), a report goes out at that time even
 * if nothing changed, so the FE's decision does not wait for the next full report. Nothing is sent before a
 * heartbeat named the FE. A refused report or an unreachable FE is logged once when it starts and
 * once when it ends, not every interval.
 *
 * <p>Threading: reports are built and sent on the given single-threaded scheduler (owned by the
 * caller), one at a time (synchronized); {@link #reportSoon} may be called from any thread,
 * including a replica's while it changes.
 */
public final class TabletReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TabletReporter.class);
    static final long SOON_DELAY_MS = 200;
    /** When the changes of a report that could not be sent are tried again (sooner than the full report). */
    static final long RETRY_AFTER_FAILURE_MS = 5_000;

    private final TabletStore store;
    private final FrontendLocator frontend;
    private final ReportSender sender;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final long intervalMs;
    private final String host;
    private final IntSupplier bePort;
    private final long epoch;
    private final AtomicBoolean soonQueued = new AtomicBoolean();
    /** The FE asked for a report by now (report_again_in_ms): the next one goes out even with no change. */
    private final AtomicBoolean reportRequested = new AtomicBoolean();
    /** A new FE (or a restarted one) was named: the next report is full (set without the lock, by heartbeats). */
    private final AtomicBoolean fullRequested = new AtomicBoolean();
    private volatile boolean closed;
    /** No report before this (monotonic time) once the FE answered busy. */
    private volatile long notBeforeNs;
    private ScheduledFuture<?> rounds;
    /**
     * The one pending report the FE asked for (report_again_in_ms) and when it is due (monotonic
     * time): a later ask leaves it, an earlier one replaces it, so answers never multiply reports.
     */
    private ScheduledFuture<?> reportAgain;
    private long reportAgainAtNs;
    /** The last report's sequence number (each report sent gets the next). */
    private long sequence;
    /** The sequence number of the last report the FE acknowledged, and the FE (and backend id) that did. */
    private long acknowledged;
    private FrontendAddress acknowledgedBy;
    /** Whether the next report must be full (the interval passed, or the FE asked for one). */
    private boolean fullDue = true;
    /**
     * The last failure logged, so the same one is not logged again; null when the last report went
     * through. Starts non-null so the first report that goes through is logged.
     */
    private String lastFailure = "no report sent yet";

    /**
     * @param intervalMs how often a full report goes out
     * @param host       this backend's address for the report; when it is a wildcard address, the
     *                   host the FE registered is sent instead
     * @param bePort     this backend's bound be_port
     * @param epoch      tells this process's reports from an earlier process's (its start time)
     */
    public TabletReporter(TabletStore store, FrontendLocator frontend, ReportSender sender,
                          ScheduledExecutorService scheduler, Clock clock, long intervalMs, String host,
                          IntSupplier bePort, long epoch) {
        this.store = store;
        this.frontend = frontend;
        this.sender = sender;
        this.scheduler = scheduler;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.host = host;
        this.bePort = bePort;
        this.epoch = epoch;
        this.notBeforeNs = clock.monotonicNanos();
    }

    /**
     * Reports in full every interval from now on, and soon whenever the FE's address changes or a
     * tablet changes.
     */
    public synchronized void start() {
        if (rounds != null || closed) {
            throw new IllegalStateException("the tablet reporter was already started");
        }
        frontend.addListener(address -> {
            fullRequested.set(true);
            reportSoon();
        });
        store.changes().onChange(this::reportSoon);
        rounds = scheduler.scheduleWithFixedDelay(() -> {
            try {
                intervalPassed();
            } catch (RuntimeException | Error e) {
                LOG.error("tablet report failed; the next one runs as usual", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        if (frontend.current().isPresent() || store.changes().any()) {
            reportSoon();
        }
    }

    /** Sends a report shortly (not before a busy FE said to retry); calls while one is queued add nothing. */
    public void reportSoon() {
        if (closed || !soonQueued.compareAndSet(false, true)) {
            return;
        }
        long delayMs = Math.max(SOON_DELAY_MS, TimeUnit.NANOSECONDS.toMillis(notBeforeNs - clock.monotonicNanos()));
        try {
            scheduler.schedule(() -> {
                soonQueued.set(false);
                reportQuietly();
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            soonQueued.set(false);
        }
    }

    /**
     * Sends a report (empty if nothing changed) after {@code delayMs}: the FE has a decision due then.
     * Keeps one such report pending: an ask for a later time than the pending one adds nothing (that
     * report's answer asks again if still needed), an earlier one replaces it. Under the lock.
     */
    private void reportAgainIn(long delayMs) {
        long atNs = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        if (reportAgain != null && !reportAgain.isDone()) {
            if (reportAgainAtNs <= atNs) {
                return;
            }
            reportAgain.cancel(false);
        }
        try {
            reportAgainAtNs = atNs;
            reportAgain = scheduler.schedule(() -> reportAgainDue(atNs), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            reportAgain = null; // closing
        }
    }

    /** The report the FE asked for is due: sends it, even empty; its answer may ask for the next one. */
    private synchronized void reportAgainDue(long atNs) {
        if (reportAgainAtNs == atNs) {
            reportAgain = null;
        }
        reportRequested.set(true);
        reportQuietly();
    }

    /** The interval passed: sends a full report now. // VisibleForTesting */
    synchronized Optional<TabletReportResponse> intervalPassed() {
        fullDue = true;
        return report();
    }

    /**
     * Builds and sends one report now: full when one is due or the FE is not the one that
     * acknowledged the last report, else the changes since (nothing when there are none). Empty when
     * nothing was sent: the FE is not known yet, could not be reached, or nothing changed, or a busy
     * or unreachable FE is not to be asked again yet (the report then goes out when it may).
     * // VisibleForTesting
     */
    synchronized Optional<TabletReportResponse> report() {
        Optional<FrontendAddress> address = frontend.current();
        if (address.isEmpty() || closed) {
            return Optional.empty();
        }
        if (clock.monotonicNanos() - notBeforeNs < 0) {
            reportSoon(); // a busy or unreachable FE: whatever asked for this report waits until then
            return Optional.empty();
        }
        fullDue |= fullRequested.getAndSet(false);
        boolean full = fullDue || !address.get().equals(acknowledgedBy);
        long[] taken = store.changes().take();
        boolean requested = reportRequested.getAndSet(false);
        if (!full && taken.length == 0 && !requested) {
            return Optional.empty();
        }
        TabletReport report = full ? buildFull(address.get()) : buildChanges(address.get(), taken);
        TabletReportResponse response;
        try {
            response = sender.send(address.get(), report);
        } catch (RuntimeException e) {
            store.changes().restore(taken);
            noteFailure("cannot send a tablet report to " + address.get().host() + ":" + address.get().rpcPort()
                    + ": " + e);
            if (taken.length > 0 || full || requested) {
                if (requested) {
                    reportRequested.set(true);
                }
                notBeforeNs = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_FAILURE_MS);
                reportSoon();
            }
            return Optional.empty();
        }
        if (!response.getErrorMessage().isEmpty()) {
            store.changes().restore(taken);
            noteFailure("the FE at " + address.get().host() + ":" + address.get().rpcPort()
                    + " refused the tablet report: " + response.getErrorMessage());
        } else if (response.getBusy()) {
            store.changes().restore(taken);
            long retryMs = Math.max(1, response.getRetryAfterMs());
            long spreadMs = Math.floorMod(address.get().backendId() * 7919 + sequence * 31, retryMs);
            notBeforeNs = clock.monotonicNanos() + TimeUnit.MILLISECONDS.toNanos(retryMs + spreadMs);
            LOG.debug("the FE is busy with tablet reports; report {} again in {} ms", sequence, retryMs + spreadMs);
            reportSoon();
        } else if (response.getFullReportRequired()) {
            store.changes().restore(taken);
            fullDue = true;
            LOG.info("the FE at {}:{} asked for a full tablet report", address.get().host(), address.get().rpcPort());
            reportSoon();
        } else {
            if (response.getReportAgainInMs() > 0) {
                reportAgainIn(response.getReportAgainInMs());
            }
            acknowledged = report.getSequence();
            acknowledgedBy = address.get();
            fullDue = fullDue && !full;
            if (lastFailure != null) {
                LOG.info("tablet reports reach the FE at {}:{} as backend {} ({} replicas)", address.get().host(),
                        address.get().rpcPort(), address.get().backendId(), report.getReplicasCount());
                lastFailure = null;
            }
        }
        return Optional.of(response);
    }

    private TabletReport buildFull(FrontendAddress address) {
        TabletReport.Builder report = header(address);
        for (ReplicaStatus replica : store.replicas()) {
            report.addReplicas(replica(replica));
        }
        return report.build();
    }

    private TabletReport buildChanges(FrontendAddress address, long[] tabletIds) {
        TabletReport.Builder report = header(address).setIncremental(true).setBaseSequence(acknowledged);
        for (long tabletId : tabletIds) {
            Optional<Replica> held = store.replica(tabletId);
            if (held.isPresent()) {
                report.addReplicas(replica(held.get().status()));
            } else {
                report.addRemovedTabletIds(tabletId);
            }
        }
        return report.build();
    }

    private TabletReport.Builder header(FrontendAddress address) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
        return TabletReport.newBuilder()
                .setBackendId(address.backendId())
                .setHost(wildcard && !address.backendHost().isBlank() ? address.backendHost() : host)
                .setBePort(bePort.getAsInt())
                .setReportTimeMs(clock.wallMillis())
                .setSequence(++sequence)
                .setReporterEpoch(epoch);
    }

    private static ReplicaReport replica(ReplicaStatus replica) {
        return ReplicaReport.newBuilder()
                .setTabletId(replica.tabletId())
                .setReplicaId(replica.replicaId())
                .setVersion(replica.version())
                .setRowsetCount(replica.rowsetCount())
                .setDataSizeBytes(replica.dataBytes())
                .setRowCount(replica.rowCount())
                .setBad(replica.damage().isPresent())
                .setBadReason(replica.damage().orElse(""))
                .setPendingRowsetCount(replica.pendingCount())
                .addAllPendingTransactionIds(replica.pendingTransactionIds())
                .setTableId(replica.tableId())
                .setPartitionId(replica.partitionId())
                .build();
    }

    private void noteFailure(String message) {
        if (!message.equals(lastFailure)) {
            LOG.warn("{} (logged once until it changes)", message);
            lastFailure = message;
        }
    }

    /** Never throws: an escaping throwable would silently end the reports. */
    private void reportQuietly() {
        try {
            report();
        } catch (RuntimeException | Error e) {
            LOG.error("tablet report failed; the next one runs as usual", e);
        }
    }

    /** Stops reporting; the scheduler and the sender are closed by their owner. */
    @Override
    public synchronized void close() {
        closed = true;
        if (rounds != null) {
            rounds.cancel(false);
        }
        if (reportAgain != null) {
            reportAgain.cancel(false);
        }
    }
}
