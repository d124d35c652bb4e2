package io.tessera.fe.rpc;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendRegistry;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.tessera.common.BoundedExecutors;
import io.tessera.common.ErrorCode;
import io.tessera.common.GrpcTransport;
import io.tessera.common.TesseraException;
import io.tessera.proto.backend.BackendServiceGrpc;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * One gRPC channel per backend to its data service on {@code be_port} (the port its heartbeats
 * report): what DDL, loads and queries use to reach replicas. A channel is opened on first use and
 * replaced when the backend's address or port changes; channels of backends that left the
 * registry are closed on the next use of {@link #closeRemoved}. The {@link GrpcTransport} carries
 * the channels (Netty in production, in memory in a test cluster).
 *
 * <p>Threading: thread-safe (a concurrent map; gRPC channels and stubs are thread-safe). Answers of
 * every channel arrive on one fixed pool of {@value #CALLBACK_THREADS} threads
 * ({@code backend-calls-<n>}), never on gRPC's growing default pool; its queue holds at most the
 * answers of the calls in flight, which {@link CallPermits} bounds. Only {@link GrpcBackendCalls}
 * uses the stubs.
 */
public final class DataChannels implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private static final int CALLBACK_THREADS = 8;

    private final ExecutorService callbacks = BoundedExecutors.fixedUnqueued("backend-calls", CALLBACK_THREADS);

    private final Supplier<BackendRegistry.Snapshot> registry;
    private final LongFunction<BackendRuntime> runtime;
    private final GrpcTransport transport;
    private final Map<Long, Endpoint> channels = new ConcurrentHashMap<>();

    private record Endpoint(String host, int port, ManagedChannel channel) {
    }

    public DataChannels(Supplier<BackendRegistry.Snapshot> registry, LongFunction<BackendRuntime> runtime,
                        GrpcTransport transport) {
        this.registry = registry;
        this.runtime = runtime;
        this.transport = transport;
    }

    /** An async stub for the backend's data service, or a clear error when it cannot be reached yet. */
    BackendServiceGrpc.BackendServiceStub stub(long backendId) {
        return BackendServiceGrpc.newStub(channel(backendId));
    }

    private ManagedChannel channel(long backendId) {
        Backend backend = registry.get().backend(backendId).orElseThrow(
                () -> new TesseraException(ErrorCode.UNAVAILABLE, "backend " + backendId + " does not exist"));
        BackendRuntime state = runtime.apply(backendId);
        int port = state.bePort();
        if (port <= 0) {
            throw new TesseraException(ErrorCode.UNAVAILABLE, "backend " + backend.hostPort() + " (id " + backendId
                    + ") has not reported its be_port yet: is it alive?");
        }
        Endpoint endpoint = channels.compute(backendId, (id, existing) -> {
            if (existing != null && existing.host.equals(backend.host()) && existing.port == port) {
                return existing;
            }
            if (existing != null) {
                existing.channel.shutdown();
            }
            return new Endpoint(backend.host(), port, transport.channelBuilder(backend.host(), port)
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .executor(callbacks)
                    .offloadExecutor(callbacks)
                    .build());
        });
        // A channel that failed to connect while its backend was down waits out gRPC's connect
        // backoff (up to two minutes) and fails every call at once meanwhile. Heartbeats say the
        // backend is back: connect now, and the call waits for that connection instead of failing.
        if (state.alive() && endpoint.channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            endpoint.channel.resetConnectBackoff();
        }
        return endpoint.channel;
    }

    /** Closes the channels of backends no longer registered. */
    public void closeRemoved() {
        BackendRegistry.Snapshot snapshot = registry.get();
        channels.entrySet().removeIf(entry -> {
            if (snapshot.backend(entry.getKey()).isEmpty()) {
                entry.getValue().channel.shutdown();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        for (Endpoint endpoint : channels.values()) {
            endpoint.channel.shutdown();
        }
        for (Endpoint endpoint : channels.values()) {
            try {
                endpoint.channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.clear();
        callbacks.shutdownNow();
    }
}
