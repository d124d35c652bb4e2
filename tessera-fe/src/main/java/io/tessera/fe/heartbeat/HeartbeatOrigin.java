package io.tessera.fe.heartbeat;

import io.tessera.fe.cluster.Backend;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import java.util.Objects;

/**
 * Who sends the heartbeats: the cluster's identity and where a backend can reach this FE. Every
 * request a backend gets is built from it. An immutable value; thread-safe.
 *
 * @param identity         the cluster id and token from meta_dir/VERSION
 * @param frontendHost     the FE's bind address
 * @param frontendRpcPort  the FE's {@code rpc_port} (BE to FE gRPC)
 * @param frontendHttpPort the FE's {@code http_port}
 * @param epoch            the FE leader's epoch
 * @param frontendStartTimeMs when this FE process started: a backend that sees it change sends a
 *                         full tablet report soon (a restarted FE knows no reports)
 */
public record HeartbeatOrigin(ClusterIdentity identity, String frontendHost, int frontendRpcPort,
                              int frontendHttpPort, long epoch, long frontendStartTimeMs) {
    public HeartbeatOrigin {
        Objects.requireNonNull(identity, "identity is null");
        Objects.requireNonNull(frontendHost, "frontendHost is null");
    }

    /** An origin that does not say when its FE started. */
    public HeartbeatOrigin(ClusterIdentity identity, String frontendHost, int frontendRpcPort, int frontendHttpPort,
                           long epoch) {
        this(identity, frontendHost, frontendRpcPort, frontendHttpPort, epoch, 0);
    }

    /** The request for one backend, carrying the id and host the FE registered it under. */
    public HeartbeatRequest requestFor(Backend backend) {
        return HeartbeatRequest.newBuilder()
                .setClusterId(identity.clusterId())
                .setToken(identity.token())
                .setBackendId(backend.id())
                .setBackendHost(backend.host())
                .setFrontendHost(frontendHost)
                .setFrontendRpcPort(frontendRpcPort)
                .setFrontendHttpPort(frontendHttpPort)
                .setEpoch(epoch)
                .setFrontendStartTimeMs(frontendStartTimeMs)
                .build();
    }
}
