package io.tessera.be.heartbeat;

import io.tessera.proto.heartbeat.HeartbeatRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the FE that last sent this backend an accepted heartbeat takes calls ({@code rpc_port}):
 * what a Stream Load on this backend calls to begin and commit its transaction. Soft state, learnt
 * anew after a restart from the next heartbeat.
 *
 * <p>Threading: thread-safe (an atomic reference).
 */
public final class FrontendAddress {
    /** The FE's host and {@code rpc_port}. */
    public record Endpoint(String host, int rpcPort) {
    }

    private final AtomicReference<Endpoint> latest = new AtomicReference<>();

    /** Records the FE of an accepted heartbeat. */
    public void update(HeartbeatRequest request) {
        if (!request.getFrontendHost().isEmpty() && request.getFrontendRpcPort() > 0) {
            latest.set(new Endpoint(request.getFrontendHost(), request.getFrontendRpcPort()));
        }
    }

    /** The FE to call, or empty before the first accepted heartbeat. */
    public Optional<Endpoint> current() {
        return Optional.ofNullable(latest.get());
    }
}
