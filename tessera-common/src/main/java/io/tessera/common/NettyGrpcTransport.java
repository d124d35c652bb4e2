package io.tessera.common;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link GrpcTransport}: Netty over TCP, plaintext or, with {@link InternalTls}
 * ({@code enable_tls}), TLS on every listener and every channel, so that a plaintext call to a listener
 * fails its handshake and is refused. Listeners take at most
 * {@link GrpcServerLimits#maxCallsPerConnection} open calls per connection (HTTP/2 flow control
 * holds the rest back at the client) and let a client ping every second, so an FE that watches a
 * BE closely is not cut off for pinging. The builders carry no executor: {@link GrpcServer} gives
 * every listener its bounded call pool, and every channel's owner sets its bounded callback and
 * offload executors, so no call runs on Netty's event loops (gRPC's shared, core-sized groups).
 *
 * <p>Threading: immutable and thread-safe.
 */
public final class NettyGrpcTransport implements GrpcTransport {
    private static final long PERMIT_KEEPALIVE_MS = 1_000;

    /** The TLS contexts, or null for plaintext. */
    private final InternalTls tls;

    /** Plaintext. */
    public NettyGrpcTransport() {
        this.tls = null;
    }

    /** TLS on every listener and channel. */
    public NettyGrpcTransport(InternalTls tls) {
        this.tls = Objects.requireNonNull(tls, "tls is null");
    }

    /**
     * What a node's settings ask for: TLS when {@code enable_tls} is true, else plaintext.
     *
     * @throws IllegalArgumentException one line when TLS is asked for and its files cannot be used
     */
    public static NettyGrpcTransport of(InternalTlsSettings settings) {
        return settings.enabled() ? new NettyGrpcTransport(InternalTls.load(settings)) : new NettyGrpcTransport();
    }

    /** True when listeners and channels use TLS. */
    public boolean tls() {
        return tls != null;
    }

    @Override
    public ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                .maxConcurrentCallsPerConnection(limits.maxCallsPerConnection())
                .permitKeepAliveTime(PERMIT_KEEPALIVE_MS, TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
        return tls == null ? builder : builder.sslContext(tls.server());
    }

    @Override
    public int listeningPort(Server started, int requestedPort) {
        return started.getPort();
    }

    @Override
    public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port);
        return tls == null ? builder.usePlaintext() : builder.sslContext(tls.client());
    }
}
