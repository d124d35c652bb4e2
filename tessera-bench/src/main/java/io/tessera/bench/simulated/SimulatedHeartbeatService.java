package io.tessera.bench.simulated;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import io.tessera.proto.heartbeat.HeartbeatResponse;
import io.tessera.proto.heartbeat.HeartbeatServiceGrpc;
import io.tessera.proto.heartbeat.WatchEvent;
import io.tessera.proto.heartbeat.WatchRequest;
import java.util.function.Consumer;

/**
 * The heartbeat service of one simulated backend (heartbeat_service_port): heartbeats and the
 * Watch stream the FE keeps open, as tessera-be's HeartbeatServiceImpl serves them.
 *
 * <p>Threading: called on the fleet's shared executor, concurrently; the backend is thread-safe.
 */
final class SimulatedHeartbeatService extends HeartbeatServiceGrpc.HeartbeatServiceImplBase {
    private final SimulatedBackend backend;
    private final Consumer<SimulatedBackend> frontendChanged;

    /** @param frontendChanged told when a heartbeat names a new FE address (a report goes out soon) */
    SimulatedHeartbeatService(SimulatedBackend backend, Consumer<SimulatedBackend> frontendChanged) {
        this.backend = backend;
        this.frontendChanged = frontendChanged;
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> responseObserver) {
        SimulatedBackend.HeartbeatOutcome outcome = backend.heartbeat(request);
        responseObserver.onNext(outcome.response());
        responseObserver.onCompleted();
        if (outcome.frontendChanged()) {
            frontendChanged.accept(backend);
        }
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<WatchEvent> responseObserver) {
        backend.watch((ServerCallStreamObserver<WatchEvent>) responseObserver);
    }
}
