package io.tessera.fe.rpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The FE's heartbeat line to one backend over gRPC ({@code heartbeat.proto} on
 * {@code heartbeat_port}): a channel and the calls the heartbeat manager makes on it, so that no
 * class outside this package touches gRPC stubs or channels.
 *
 * <p>Every heartbeat is a real try to reach the backend. gRPC's pick-first policy stays in
 * TRANSIENT_FAILURE after a failed connect and fails new calls at once with the old error until a
 * new connection is ready, so a call sent right after a restarted backend came back would still
 * fail. A heartbeat on a channel in that state therefore first moves it to IDLE
 * ({@link ManagedChannel#enterIdle}): the call then waits for a fresh connect and fails, fast,
 * only with that connect's own error.
 *
 * <p>Threading: thread-safe (gRPC channels and stubs are). The channel runs gRPC's own work
 * directly on its transport threads (its executor is a direct one, see {@link GrpcHeartbeatLines});
 * each call's observer is handed its callbacks on the executor given at creation (the heartbeat
 * thread), through {@link HandedOverObservers}, so a busy heartbeat thread delays answers, never
 * the start of a call.
 */
public final class GrpcHeartbeatLine implements HeartbeatLine {
    private final ManagedChannel channel;
    private final HeartbeatServiceGrpc.HeartbeatServiceStub stub;
    private final Executor callbacks;

    /**
     * @param channel   owned by the line from now on; built with a direct executor
     * @param callbacks where every answer of its calls is delivered
     */
    public GrpcHeartbeatLine(ManagedChannel channel, Executor callbacks) {
        this.channel = channel;
        this.stub = HeartbeatServiceGrpc.newStub(channel);
        this.callbacks = callbacks;
    }

    @Override
    public void heartbeat(HeartbeatRequest request, long timeoutMs, StreamObserver<HeartbeatResponse> answer) {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.enterIdle();
        }
        stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).heartbeat(request, HandedOverObservers.of(answer, callbacks));
    }

    @Override
    public void watch(WatchRequest request, ClientResponseObserver<WatchRequest, WatchEvent> events) {
        stub.watch(request, HandedOverObservers.of(events, callbacks));
    }

    @Override
    public void resetConnectBackoff() {
        channel.resetConnectBackoff();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    @Override
    public boolean awaitTermination(long timeoutMs) throws InterruptedException {
        return channel.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
