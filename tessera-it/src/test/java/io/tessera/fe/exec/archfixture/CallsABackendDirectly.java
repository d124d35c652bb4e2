package io.tessera.fe.exec.archfixture;

import io.grpc.Channel;
import io.tessera.proto.backend.BackendServiceGrpc;

/** Fixture for ArchitectureRulesSelfTest: a gRPC stub outside the FE's door package. */
public final class CallsABackendDirectly {
    public Object stub(Channel channel) {
        return BackendServiceGrpc.newStub(channel);
    }
}
