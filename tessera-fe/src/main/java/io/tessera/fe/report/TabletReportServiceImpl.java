package io.tessera.fe.report;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tessera.common.Clock;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * frontend.proto's TabletReportService on the FE's rpc_port: hands each report to the
 * {@link TabletReportHandler}. A refusal is an answer with an error message, not a gRPC error;
 * only an unexpected failure is (logged with the backend it came from).
 *
 * <p>Report work is bounded: at most {@code reportsAtOnce} reports are handled at once, and a
 * report beyond them is answered at once with {@code busy} and {@code retry_after_ms} (the backend
 * sends it again later, nothing lost) instead of waiting; the delay comes from {@link ReportPacing},
 * which spreads the backends turned away over the time the FE needs to take their reports. So a flood of reports (a thousand
 * backends starting at once) holds at most that many of rpc_port's call threads, which Stream
 * Load's calls share, and at most that many cores; heartbeats (the FE's own thread and channels)
 * and statements (their own threads) never wait for reports. The handler applies reports one at a
 * time anyway; the second permit lets one report be compacted while another is applied.
 *
 * <p>Threading: called on gRPC's threads, concurrently; the handler is thread-safe.
 */
public final class TabletReportServiceImpl extends TabletReportServiceGrpc.TabletReportServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(TabletReportServiceImpl.class);

    private final TabletReportHandler handler;
    private final Semaphore permits;
    private final ReportPacing pacing;
    private final Clock clock;

    /**
     * @param reportsAtOnce how many reports may be handled at the same time
     * @param pacing        when a backend answered busy should try again; told how long each report took
     */
    public TabletReportServiceImpl(TabletReportHandler handler, int reportsAtOnce, ReportPacing pacing, Clock clock) {
        if (reportsAtOnce < 1) {
            throw new IllegalArgumentException("reports at once must be positive: " + reportsAtOnce);
        }
        this.handler = handler;
        this.permits = new Semaphore(reportsAtOnce);
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    public void reportTablets(TabletReport request, StreamObserver<TabletReportResponse> response) {
        if (!permits.tryAcquire()) {
            LOG.debug("tablet report of backend {} answered busy", request.getBackendId());
            response.onNext(TabletReportResponse.newBuilder().setBusy(true).setRetryAfterMs(pacing.retryAfterMs())
                    .build());
            response.onCompleted();
            return;
        }
        TabletReportResponse answer;
        long startNs = clock.monotonicNanos();
        try {
            answer = handler.handle(request);
        } catch (RuntimeException e) {
            LOG.error("tablet report of backend {} ({}:{}) failed", request.getBackendId(), request.getHost(),
                    request.getBePort(), e);
            response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            return;
        } finally {
            pacing.handled(clock.monotonicNanos() - startNs);
            permits.release();
        }
        response.onNext(answer);
        response.onCompleted();
    }
}
