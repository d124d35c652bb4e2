package io.tessera.be.load;

import io.grpc.ManagedChannel;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.frontend.LoadServiceGrpc;
import io.tessera.common.BoundedExecutors;
import io.tessera.common.GrpcTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * gRPC channels from this backend to others (their {@code be_port}, to write replicas) and to the
 * FE ({@code rpc_port}, for load transactions), one per host and port, opened on first use and
 * kept until close, carried by the node's {@link GrpcTransport} (Netty in production, in memory in
 * a test cluster).
 *
 * <p>Threading: thread-safe (a concurrent map; gRPC channels and stubs are thread-safe). Call
 * callbacks run on a fixed pool of {@value #CALLBACK_THREADS} threads shared by every channel
 * ({@code peer-calls-<n>}); they only record answers and wake the load's thread, never block.
 */
public final class PeerChannels implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private static final int CALLBACK_THREADS = 4;

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final ExecutorService callbacks = BoundedExecutors.fixedUnqueued("peer-calls", CALLBACK_THREADS);
    private final GrpcTransport transport;

    public PeerChannels(GrpcTransport transport) {
        this.transport = transport;
    }

    public BackendServiceGrpc.BackendServiceStub backend(String host, int port) {
        return BackendServiceGrpc.newStub(channel(host, port));
    }

    /**
     * A blocking stub to another backend, for a caller on its own worker thread (a clone's puller):
     * a blocking call runs its callbacks on the calling thread, and a server stream read through
     * it asks for one message at a time, so the sender never gets ahead of the reader.
     */
    public BackendServiceGrpc.BackendServiceBlockingStub backendBlocking(String host, int port) {
        return BackendServiceGrpc.newBlockingStub(channel(host, port));
    }

    public LoadServiceGrpc.LoadServiceBlockingStub frontend(String host, int port) {
        return LoadServiceGrpc.newBlockingStub(channel(host, port));
    }

    private ManagedChannel channel(String host, int port) {
        return channels.computeIfAbsent(host + ":" + port, key -> transport.channelBuilder(host, port)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES).executor(callbacks)
                .offloadExecutor(callbacks).build());
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.clear();
        callbacks.shutdownNow();
    }
}
