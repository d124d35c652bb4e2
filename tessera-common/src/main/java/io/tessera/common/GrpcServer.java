package io.tessera.common;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC listener of a node on its configured address, carried by a {@link GrpcTransport}
 * (Netty over TCP unless a test says otherwise; the transport adds its keep-alive policy, which
 * lets an FE ping every second, and the cap on open calls per connection), with bounded work
 * ({@link GrpcServerLimits}): calls run on a fixed pool of its own, never on gRPC's default cached
 * pool (which grows one thread per blocked call) nor on the transport's threads; and calls beyond
 * the listener's limit are refused at once with RESOURCE_EXHAUSTED.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread; calls run
 * on the listener's pool ({@code <name>-<n>} threads).
 */
public final class GrpcServer implements AutoCloseable {
    private static final long STOP_WAIT_MS = 5_000;

    private final String name;
    private final InetAddress address;
    private final int port;
    private final List<BindableService> services;
    private final GrpcServerLimits limits;
    private final GrpcTransport transport;
    private Server server;
    private ThreadPoolExecutor executor;

    /**
     * @param name     what the listener is, for messages ({@code heartbeat_service_port})
     * @param port     the port to listen on; 0 picks a free one (see {@link #port()})
     * @param services what it serves; may be empty (every call is then UNIMPLEMENTED)
     */
    public GrpcServer(String name, InetAddress address, int port, List<BindableService> services) {
        this(name, address, port, services, GrpcServerLimits.DEFAULT);
    }

    /**
     * @param limits how many threads run its calls and how many calls it takes on at once
     */
    public GrpcServer(String name, InetAddress address, int port, List<BindableService> services,
                      GrpcServerLimits limits) {
        this(name, address, port, services, limits, new NettyGrpcTransport());
    }

    /**
     * @param transport what carries its calls ({@link NettyGrpcTransport} in production)
     */
    public GrpcServer(String name, InetAddress address, int port, List<BindableService> services,
                      GrpcServerLimits limits, GrpcTransport transport) {
        this.name = name;
        this.address = address;
        this.port = port;
        this.services = List.copyOf(services);
        this.limits = limits;
        this.transport = transport;
    }

    /** Binds the port; fails with "port ... is in use by another process" when it is taken. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException(name + " already started");
        }
        ThreadPoolExecutor calls = BoundedExecutors.fixed("grpc-" + name, limits.threads(), limits.queueCapacity());
        CallsInFlightLimit inFlight = new CallsInFlightLimit(name, limits.maxCallsInFlight());
        ServerBuilder<?> builder = transport.serverBuilder(address, port, limits).executor(calls);
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, inFlight)));
        Server built = builder.build();
        try {
            built.start();
        } catch (IOException e) {
            built.shutdownNow();
            calls.shutdownNow();
            if (PortInUse.isCause(e)) {
                throw PortInUse.error(port, address, e);
            }
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port
                    + " (" + name + ")", e);
        }
        server = built;
        executor = calls;
    }

    /** The port it is reached on: the bound one when it asked for port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException(name + " not started");
        }
        return transport.listeningPort(server, port);
    }

    /** Stops taking calls, waits up to 5 s for running ones, then cancels the rest. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
        }
    }
}
