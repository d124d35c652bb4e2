package io.tessera.fe.heartbeat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.fe.cluster.Backend;
import java.util.concurrent.TimeUnit;

/**
 * Plaintext Netty channels to {@code host:heartbeat_port}. Keepalive pings notice a backend
 * whose host vanished without closing the connection (a pulled cable, a partition); a killed
 * process needs no ping, its closed socket ends the watch stream at once. Pings go no more often
 * than once a second, the most the BE permits.
 *
 * <p>Threading: stateless after construction; safe from any thread.
 */
public final class NettyBackendChannelFactory implements BackendChannelFactory {
    private static final long MIN_KEEPALIVE_MS = 1000;

    private final long keepAliveTimeMs;
    private final long keepAliveTimeoutMs;

    public NettyBackendChannelFactory(HeartbeatConfig config) {
        this.keepAliveTimeMs = Math.max(MIN_KEEPALIVE_MS, config.intervalMs());
        this.keepAliveTimeoutMs = config.timeoutMs();
    }

    @Override
    public ManagedChannel open(Backend backend) {
        return NettyChannelBuilder.forAddress(backend.host(), backend.heartbeatPort())
                .usePlaintext()
                .keepAliveTime(keepAliveTimeMs, TimeUnit.MILLISECONDS)
                .keepAliveTimeout(keepAliveTimeoutMs, TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true)
                .build();
    }
}
