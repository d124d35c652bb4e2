package io.tessera.fe.cluster;

/**
 * One entry of a backend list in a statement: {@code "host:heartbeat_port"} or {@code "backend_id"}.
 * Produced by {@link BackendIdentifierParser}; resolved against the registry by the executors.
 */
public sealed interface BackendIdentifier permits BackendIdentifier.ById, BackendIdentifier.ByHostPort {

    /** {@code "10002"}. */
    record ById(long id) implements BackendIdentifier {
        @Override
        public String toString() {
            return Long.toString(id);
        }
    }

    /** {@code "127.0.0.1:9050"}. */
    record ByHostPort(HostPort hostPort) implements BackendIdentifier {
        @Override
        public String toString() {
            return hostPort.toString();
        }
    }
}
