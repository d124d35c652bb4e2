package io.tessera.fe.report;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * frontend.proto's TabletReportService on the FE's rpc_port: hands each report to the
 * {@link TabletReportHandler}. A refusal is an answer with an error message, not a gRPC error;
 * only an unexpected failure is (logged with the backend it came from).
 *
 * <p>Threading: called on gRPC's threads, concurrently; the handler is thread-safe.
 */
public final class TabletReportServiceImpl extends TabletReportServiceGrpc.TabletReportServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(TabletReportServiceImpl.class);

    private final TabletReportHandler handler;

    public TabletReportServiceImpl(TabletReportHandler handler) {
        this.handler = handler;
    }

    @Override
    public void reportTablets(TabletReport request, StreamObserver<TabletReportResponse> response) {
        TabletReportResponse answer;
        try {
            answer = handler.handle(request);
        } catch (RuntimeException e) {
            LOG.error("tablet report of backend {} ({}:{}) failed", request.getBackendId(), request.getHost(),
                    request.getBePort(), e);
            response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }
}
