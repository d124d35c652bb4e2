package io.tessera.be.report;

import io.grpc.ManagedChannel;
import io.tessera.be.heartbeat.FrontendLocator.FrontendAddress;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import io.tessera.common.BoundedExecutors;
import io.tessera.common.GrpcTransport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends tablet reports over gRPC to the FE's rpc_port, on one channel that is rebuilt when the FE's
 * address changes, each call with its own deadline; the node's {@link GrpcTransport} carries it
 * (Netty in production, in memory in a test cluster).
 *
 * <p>Threading: thread-safe (synchronized); the reporter calls it from one thread anyway. The call
 * is blocking (its answer arrives on the caller's thread); the channel's own work runs on one
 * thread of its own ({@code report-channel-1}).
 */
public final class GrpcReportSender implements ReportSender {
    private final ExecutorService channelWork = BoundedExecutors.fixedUnqueued("report-channel", 1);
    private final long deadlineMs;
    private final GrpcTransport transport;
    private ManagedChannel channel;
    private String target;

    /**
     * @param deadlineMs how long one report may take
     * @param transport  what carries the channel to the FE
     */
    public GrpcReportSender(long deadlineMs, GrpcTransport transport) {
        this.deadlineMs = deadlineMs;
        this.transport = transport;
    }

    @Override
    public synchronized TabletReportResponse send(FrontendAddress frontend, TabletReport report) {
        String wanted = frontend.host() + ":" + frontend.rpcPort();
        if (channel == null || !wanted.equals(target)) {
            if (channel != null) {
                channel.shutdownNow();
            }
            channel = transport.channelBuilder(frontend.host(), frontend.rpcPort())
                    .executor(channelWork).offloadExecutor(channelWork).build();
            target = wanted;
        }
        return TabletReportServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .reportTablets(report);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
        channelWork.shutdownNow();
    }
}
