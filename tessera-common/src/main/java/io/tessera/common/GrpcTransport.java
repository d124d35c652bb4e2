package io.tessera.common;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import java.net.InetAddress;

/**
 * How a node's gRPC listeners and channels are carried: the one place that picks the transport,
 * so that the classes that open listeners ({@link GrpcServer}) and channels (the FE's data
 * channels and heartbeat lines, a BE's report sender and peer channels) never name one.
 * Production always uses {@link NettyGrpcTransport} (HTTP/2 over TCP, TLS with {@code enable_tls}); a test may carry
 * every call of an in-JVM cluster in memory instead, with the same {@code host:port} addressing, so
 * that backends registered as {@code host:heartbeat_port}, the {@code be_port} heartbeats report
 * and the {@code rpc_port} an FE tells its backends keep working unchanged.
 *
 * <p>A transport only makes builders: the caller still sets what it always sets (executors from
 * {@link BoundedExecutors}, message sizes, keep-alive; a transport without connections ignores
 * keep-alive) and owns what it builds.
 *
 * <p>Threading: implementations are thread-safe; builders they return are not, and are used by
 * one thread.
 */
public interface GrpcTransport {
    /**
     * A builder for a listener on {@code address:port}, with the transport's share of the limits
     * applied (calls per connection, the keep-alive policy); the caller adds the executor and the
     * services.
     *
     * @param port the port to listen on; 0 asks for a free one when the transport has real ports
     */
    ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits);

    /**
     * The port a started listener of this transport is reached on: the bound one for a socket,
     * the requested one for a transport that names listeners by {@code host:port}.
     */
    int listeningPort(Server started, int requestedPort);

    /**
     * A builder for a channel to the listener on {@code host:port} (plaintext, or TLS when the
     * transport has it); the caller sets its executors and limits and builds it.
     */
    ManagedChannelBuilder<?> channelBuilder(String host, int port);
}
