package io.tessera.fe.rpc;

import io.tessera.fe.cluster.Backend;
import java.util.concurrent.Executor;

/**
 * Opens the heartbeat line to one backend. Production uses {@link GrpcHeartbeatLines} over Netty;
 * tests may open lines over in-process channels. The heartbeat manager owns every line it gets and closes it
 * when the backend leaves the registry or the manager closes.
 */
@FunctionalInterface
public interface HeartbeatLines {
    /**
     * A line to the backend's {@code host:heartbeat_port}; must not block on connecting.
     *
     * @param callbacks where the line delivers answers (the heartbeat thread)
     */
    HeartbeatLine open(Backend backend, Executor callbacks);
}
