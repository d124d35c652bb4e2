package io.tessera.fe.heartbeat;

import io.grpc.ManagedChannel;
import io.tessera.fe.cluster.Backend;

/**
 * Opens the gRPC channel the heartbeat manager uses for one backend. Production uses
 * {@link NettyBackendChannelFactory}; tests pass in-process channels. The manager owns every
 * channel it gets and shuts it down when the backend leaves the registry or the manager closes.
 */
@FunctionalInterface
public interface BackendChannelFactory {
    /** A channel to the backend's {@code host:heartbeat_port}; must not block on connecting. */
    ManagedChannel open(Backend backend);
}
