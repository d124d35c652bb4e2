package io.tessera.bench.simulated;

import io.grpc.stub.StreamObserver;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
import io.tessera.proto.backend.Status;
import io.tessera.proto.backend.TabletToCreate;
import java.util.function.Consumer;

/**
 * The data service of one simulated backend (be_port): CreateTablet, DropTablet and CloneTablet
 * keep replica metadata (a clone copies nothing: the new replica is recorded at the version asked
 * for, as if the copy were instant); loads and scans are not simulated (UNIMPLEMENTED, the base class's answer), since the
 * scale benchmark measures metadata only.
 *
 * <p>Threading: called on the fleet's shared executor, concurrently; the backend is thread-safe.
 */
final class SimulatedBackendService extends BackendServiceGrpc.BackendServiceImplBase {
    private final SimulatedBackend backend;
    private final Consumer<SimulatedBackend> changed;

    /** @param changed told when a replica appeared or went (an incremental report goes out soon) */
    SimulatedBackendService(SimulatedBackend backend, Consumer<SimulatedBackend> changed) {
        this.backend = backend;
        this.changed = changed;
    }

    @Override
    public void createTablets(CreateTabletsRequest request, StreamObserver<CreateTabletsResponse> responseObserver) {
        boolean created = false;
        CreateTabletsResponse.Builder answer = CreateTabletsResponse.newBuilder();
        for (TabletToCreate tablet : request.getTabletsList()) {
            created |= backend.createReplica(tablet.getTabletId(), tablet.getReplicaId(), tablet.getVersion());
            answer.addStatuses(Status.getDefaultInstance());
        }
        responseObserver.onNext(answer.build());
        responseObserver.onCompleted();
        if (created) {
            changed.accept(backend);
        }
    }

    @Override
    public void cloneTablet(CloneTabletRequest request, StreamObserver<CloneTabletResponse> responseObserver) {
        boolean created = backend.createReplica(request.getTabletId(), request.getReplicaId(), request.getVersion());
        responseObserver.onNext(CloneTabletResponse.newBuilder().setStatus(Status.getDefaultInstance())
                .setVersion(request.getVersion()).build());
        responseObserver.onCompleted();
        if (created) {
            changed.accept(backend);
        }
    }

    @Override
    public void dropTablet(DropTabletRequest request, StreamObserver<DropTabletResponse> responseObserver) {
        boolean dropped = backend.dropReplica(request.getTabletId(), request.getReplicaId());
        responseObserver.onNext(DropTabletResponse.newBuilder().setStatus(Status.getDefaultInstance()).build());
        responseObserver.onCompleted();
        if (dropped) {
            changed.accept(backend);
        }
    }
}
