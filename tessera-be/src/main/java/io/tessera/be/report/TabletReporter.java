package io.tessera.be.report;

import io.tessera.be.heartbeat.FrontendLocator;
import io.tessera.be.heartbeat.FrontendLocator.FrontendAddress;
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
 * Tells the FE what this backend holds: every replica with its version, rowset count, bytes, rows
 * and damage, sent to the FE of the latest heartbeat ({@link FrontendLocator}) every
 * {@code report_tablet_interval_seconds}, and soon (after {@value #SOON_DELAY_MS} ms, so a burst of
 * changes makes one report) when the FE first becomes known or changes, and after each compaction.
 * Nothing is sent before a heartbeat named the FE. A refused report or an unreachable FE is logged
 * once when it starts and once when it ends, not every interval.
 *
 * <p>Threading: reports are built and sent on the given single-threaded scheduler (owned by the
 * caller); {@link #reportSoon} may be called from any thread.
 */
public final class TabletReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TabletReporter.class);
    static final long SOON_DELAY_MS = 200;

    private final TabletStore store;
    private final FrontendLocator frontend;
    private final ReportSender sender;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final long intervalMs;
    private final String host;
    private final IntSupplier bePort;
    private final AtomicBoolean soonQueued = new AtomicBoolean();
    private volatile boolean closed;
    private ScheduledFuture<?> rounds;
    /**
     * The last failure logged, so the same one is not logged again; null when the last report went
     * through. Starts non-null so the first report that goes through is logged.
     */
    private String lastFailure = "no report sent yet";

    /**
     * @param host   this backend's address for the report; when it is a wildcard address, the
     *               host the FE registered is sent instead
     * @param bePort this backend's bound be_port
     */
    public TabletReporter(TabletStore store, FrontendLocator frontend, ReportSender sender,
                          ScheduledExecutorService scheduler, Clock clock, long intervalMs, String host,
                          IntSupplier bePort) {
        this.store = store;
        this.frontend = frontend;
        this.sender = sender;
        this.scheduler = scheduler;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.host = host;
        this.bePort = bePort;
    }

    /** Reports every interval from now on, and soon whenever the FE's address changes. */
    public synchronized void start() {
        if (rounds != null || closed) {
            throw new IllegalStateException("the tablet reporter was already started");
        }
        frontend.addListener(address -> reportSoon());
        rounds = scheduler.scheduleWithFixedDelay(this::reportQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        if (frontend.current().isPresent()) {
            reportSoon();
        }
    }

    /** Sends a report shortly; calls while one is queued add nothing. */
    public void reportSoon() {
        if (closed || !soonQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                soonQueued.set(false);
                reportQuietly();
            }, SOON_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            soonQueued.set(false);
        }
    }

    /**
     * Builds and sends one report now; empty when the FE is not known yet or could not be reached.
     * // VisibleForTesting
     */
    Optional<TabletReportResponse> report() {
        Optional<FrontendAddress> address = frontend.current();
        if (address.isEmpty() || closed) {
            return Optional.empty();
        }
        TabletReport report = build(address.get());
        TabletReportResponse response;
        try {
            response = sender.send(address.get(), report);
        } catch (RuntimeException e) {
            noteFailure("cannot send a tablet report to " + address.get().host() + ":" + address.get().rpcPort()
                    + ": " + e);
            return Optional.empty();
        }
        if (!response.getErrorMessage().isEmpty()) {
            noteFailure("the FE at " + address.get().host() + ":" + address.get().rpcPort()
                    + " refused the tablet report: " + response.getErrorMessage());
        } else if (lastFailure != null) {
            LOG.info("tablet reports reach the FE at {}:{} as backend {} ({} replicas)", address.get().host(),
                    address.get().rpcPort(), address.get().backendId(), report.getReplicasCount());
            lastFailure = null;
        }
        return Optional.of(response);
    }

    private TabletReport build(FrontendAddress address) {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
        TabletReport.Builder report = TabletReport.newBuilder()
                .setBackendId(address.backendId())
                .setHost(wildcard && !address.backendHost().isBlank() ? address.backendHost() : host)
                .setBePort(bePort.getAsInt())
                .setReportTimeMs(clock.wallMillis());
        for (ReplicaStatus replica : store.replicas()) {
            report.addReplicas(ReplicaReport.newBuilder()
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
                    .setPartitionId(replica.partitionId()));
        }
        return report.build();
    }

    private void noteFailure(String message) {
        if (!message.equals(lastFailure)) {
            LOG.warn("{} (logged once until it changes)", message);
            lastFailure = message;
        }
    }

    /** Never throws: an escaping throwable would silently end the periodic reports. */
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
    }
}
