package io.tessera.be.heartbeat;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC face of the heartbeat service: hands heartbeats to the {@link HeartbeatHandler} and Watch
 * calls to the {@link WatchStreams}. Holds no state of its own.
 *
 * <p>Threading: called on gRPC's executor threads, concurrently; both collaborators are thread-safe.
 */
public final class HeartbeatServiceImpl extends HeartbeatServiceGrpc.HeartbeatServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatServiceImpl.class);

    private final HeartbeatHandler handler;
    private final WatchStreams watchStreams;

    public HeartbeatServiceImpl(HeartbeatHandler handler, WatchStreams watchStreams) {
        this.handler = handler;
        this.watchStreams = watchStreams;
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> responseObserver) {
        HeartbeatResponse response;
        try {
            response = handler.handle(request);
        } catch (RuntimeException e) {
            LOG.error("heartbeat from {} failed", request.getFrontendHost(), e);
            responseObserver.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            return;
        }
        responseObserver.onNext(response);
        responseObserver.onCompleted();
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<WatchEvent> responseObserver) {
        watchStreams.open((ServerCallStreamObserver<WatchEvent>) responseObserver);
    }
}
