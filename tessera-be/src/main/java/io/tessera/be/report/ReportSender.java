package io.tessera.be.report;

import io.tessera.be.heartbeat.FrontendLocator.FrontendAddress;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;

/** Delivers a tablet report to the FE; a fake in tests, gRPC for real ({@link GrpcReportSender}). */
public interface ReportSender extends AutoCloseable {
    /**
     * @return the FE's answer (an error message when it refused the report)
     * @throws RuntimeException when the FE could not be reached
     */
    TabletReportResponse send(FrontendAddress frontend, TabletReport report);

    @Override
    void close();
}
