package io.tessera.common;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC listener of a node on its configured address, with a keep-alive policy that lets an FE
 * ping every second (an FE that watches a BE closely must not be cut off for pinging), and bounded
 * work ({@link GrpcServerLimits}): calls run on a fixed pool of its own, never on gRPC's default
 * cached pool (which grows one thread per blocked call) nor on Netty's transport threads; a
 * connection has a capped number of open calls (flow control holds the rest back at the client);
 * and calls beyond the listener's limit are refused at once with RESOURCE_EXHAUSTED.
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
        this.name = name;
        this.address = address;
        this.port = port;
        this.services = List.copyOf(services);
        this.limits = limits;
    }

    /** Binds the port; fails with "port ... is in use by another process" when it is taken. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException(name + " already started");
        }
        ThreadPoolExecutor calls = BoundedExecutors.fixed("grpc-" + name, limits.threads(), limits.queueCapacity());
        CallsInFlightLimit inFlight = new CallsInFlightLimit(name, limits.maxCallsInFlight());
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                .executor(calls)
                .maxConcurrentCallsPerConnection(limits.maxCallsPerConnection())
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
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

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException(name + " not started");
        }
        return server.getPort();
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
