package io.tessera.fe.rpc;

import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;

/**
 * The FE's heartbeat line to one backend: the calls the heartbeat manager makes, whatever carries
 * them. {@link GrpcHeartbeatLine} is the real one; a test may drive the manager's exchange rules
 * through a fake line on a manual clock, answering, failing or letting a call reach its deadline
 * when it chooses.
 *
 * <p>Threading: implementations are thread-safe; answers arrive on the executor the line was
 * opened with.
 */
public interface HeartbeatLine {

    /**
     * Sends one heartbeat with its own deadline; the answer (or failure) goes to the observer. A
     * call that reaches its deadline fails with gRPC's {@code DEADLINE_EXCEEDED}.
     */
    void heartbeat(HeartbeatRequest request, long timeoutMs, StreamObserver<HeartbeatResponse> answer);

    /** Opens the long-lived watch stream; the observer gets a handle to cancel it before it starts. */
    void watch(WatchRequest request, ClientResponseObserver<WatchRequest, WatchEvent> events);

    /** Lets a returning backend be reached at once instead of after a reconnect backoff. */
    void resetConnectBackoff();

    /** Cancels the calls on the line and closes it; idempotent. */
    void close();

    /** Waits up to the given time for a closed line's calls to end; true when they did. */
    boolean awaitTermination(long timeoutMs) throws InterruptedException;
}
