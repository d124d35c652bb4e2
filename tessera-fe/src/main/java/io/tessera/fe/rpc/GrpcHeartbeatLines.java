package io.tessera.fe.rpc;

import io.tessera.common.BoundedExecutors;
import io.tessera.common.GrpcTransport;
import io.tessera.fe.cluster.Backend;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeat lines to {@code host:heartbeat_port} over the node's {@link GrpcTransport} (plaintext
 * Netty in production; a test cluster's lines may run in memory, where keep-alive does nothing and
 * a closed server ends the watch stream just the same). Keepalive pings notice a
 * backend whose host vanished without closing the connection (a pulled cable, a partition); a
 * killed process needs no ping, its closed socket ends the watch stream at once. grpc-java sends
 * keep-alive pings at most every 10 s whatever is asked (its floor), so a hung backend is found by
 * the heartbeat deadline first; the pings matter for a connection that carries no heartbeat. gRPC's own work (starting a call
 * once its connection is ready, delivering its answer) runs directly on the transport's threads;
 * only the answers are handed to the executor the manager passes (its single heartbeat thread,
 * see {@link GrpcHeartbeatLine}); the channels' blocking work (name resolution) runs
 * on {@value #OFFLOAD_THREADS} threads of their own: no pool grows with the number of backends.
 *
 * <p>Threading: thread-safe; safe from any thread. {@link #close} ends the offload threads at once
 * (idle ones would end after a minute anyway), so a closed FE leaves no thread behind.
 */
public final class GrpcHeartbeatLines implements HeartbeatLines, AutoCloseable {
    private static final long MIN_KEEPALIVE_MS = 1000;
    private static final int OFFLOAD_THREADS = 2;

    /** Idle threads end after a minute; {@link #close} ends them at once. */
    private final ExecutorService offload = BoundedExecutors.fixedUnqueued("heartbeat-channels", OFFLOAD_THREADS);

    private final GrpcTransport transport;
    private final long keepAliveTimeMs;
    private final long keepAliveTimeoutMs;

    /**
     * @param intervalMs the heartbeat interval: keepalive pings go as often (at most once a second)
     * @param timeoutMs  the heartbeat deadline: how long a ping may go unanswered
     * @param transport  what carries the lines ({@code NettyGrpcTransport} in production)
     */
    public GrpcHeartbeatLines(long intervalMs, long timeoutMs, GrpcTransport transport) {
        this.transport = transport;
        this.keepAliveTimeMs = Math.max(MIN_KEEPALIVE_MS, intervalMs);
        this.keepAliveTimeoutMs = timeoutMs;
    }

    @Override
    public HeartbeatLine open(Backend backend, Executor callbacks) {
        return new GrpcHeartbeatLine(transport.channelBuilder(backend.host(), backend.heartbeatPort())
                .directExecutor()
                .offloadExecutor(offload)
                .keepAliveTime(keepAliveTimeMs, TimeUnit.MILLISECONDS)
                .keepAliveTimeout(keepAliveTimeoutMs, TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true)
                .build(), callbacks);
    }

    /** Ends the offload threads; call after every line is closed (the heartbeat manager's close). */
    @Override
    public void close() {
        offload.shutdown();
    }
}
