package io.tessera.fe.testing;

import io.tessera.be.server.Backend;

/**
 * One BE of an {@link InProcessCluster}.
 *
 * @param index 0-based position in the cluster
 * @param host  its loopback address, 127.3.block.(index + 1)
 * @param node  the running backend (ports, replicas)
 */
public record ClusterBackend(int index, String host, Backend node) {
    /** {@code "host:heartbeat_port"}, as ALTER SYSTEM statements name a backend. */
    public String hostPort() {
        return host + ":" + node.heartbeatPort();
    }
}
