package io.tessera.common;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link GrpcTransport}: plaintext Netty over TCP. Listeners take at most
 * {@link GrpcServerLimits#maxCallsPerConnection} open calls per connection (HTTP/2 flow control
 * holds the rest back at the client) and let a client ping every second, so an FE that watches a
 * BE closely is not cut off for pinging. The builders carry no executor: {@link GrpcServer} gives
 * every listener its bounded call pool, and every channel's owner sets its bounded callback and
 * offload executors, so no call runs on Netty's event loops (gRPC's shared, core-sized groups).
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class NettyGrpcTransport implements GrpcTransport {
    private static final long PERMIT_KEEPALIVE_MS = 1_000;

    @Override
    public ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits) {
        return NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                .maxConcurrentCallsPerConnection(limits.maxCallsPerConnection())
                .permitKeepAliveTime(PERMIT_KEEPALIVE_MS, TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
    }

    @Override
    public int listeningPort(Server started, int requestedPort) {
        return started.getPort();
    }

    @Override
    public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
        return NettyChannelBuilder.forAddress(host, port).usePlaintext();
    }
}
