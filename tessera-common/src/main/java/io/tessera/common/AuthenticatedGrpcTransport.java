package io.tessera.common;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link GrpcTransport} whose every listener checks the cluster's credentials before any handler
 * runs ({@link ClusterAuthInterceptor}, added for all services of the listener) and whose every
 * channel carries them ({@link ClusterCredentialsAttacher}). A node wraps its transport in one of
 * these once it knows where its credentials come from, so no listener or channel it opens (rpc_port,
 * heartbeat_service_port, be_port; data channels, heartbeat lines, report and peer channels) can be
 * opened without them.
 *
 * <p>Threading: thread-safe, as the transport it wraps.
 */
public final class AuthenticatedGrpcTransport implements GrpcTransport {
    private final GrpcTransport delegate;
    private final Supplier<Optional<ClusterCredentials>> credentials;
    private final ClusterAuthInterceptor check;

    /**
     * @param delegate    what carries the calls
     * @param credentials what outgoing calls carry; read per call
     * @param check       what every listener runs first
     */
    public AuthenticatedGrpcTransport(GrpcTransport delegate, Supplier<Optional<ClusterCredentials>> credentials,
                                      ClusterAuthInterceptor check) {
        this.delegate = delegate;
        this.credentials = credentials;
        this.check = check;
    }

    /** An FE's transport: fixed credentials, checked on every call with no exception. */
    public static AuthenticatedGrpcTransport fixed(GrpcTransport delegate, ClusterCredentials credentials) {
        Optional<ClusterCredentials> fixed = Optional.of(credentials);
        return new AuthenticatedGrpcTransport(delegate, () -> fixed, ClusterAuthInterceptor.requiring(credentials));
    }

    @Override
    public ServerBuilder<?> serverBuilder(InetAddress address, int port, GrpcServerLimits limits) {
        return delegate.serverBuilder(address, port, limits).intercept(check);
    }

    @Override
    public int listeningPort(Server started, int requestedPort) {
        return delegate.listeningPort(started, requestedPort);
    }

    @Override
    public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
        return delegate.channelBuilder(host, port).intercept(new ClusterCredentialsAttacher(credentials));
    }
}
