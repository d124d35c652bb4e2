package io.tessera.fe.heartbeat;

import io.tessera.common.ClusterCredentials;
import java.util.Objects;

/**
 * Who this cluster is, as every heartbeat tells a backend: a BE binds itself to the first cluster
 * id it hears and refuses heartbeats from any other cluster, so a BE can never serve two clusters.
 *
 * @param clusterId a positive int-range number, chosen at random when the first FE starts
 * @param token     a random UUID-shaped string, chosen with the cluster id
 */
public record ClusterIdentity(long clusterId, String token) {
    public ClusterIdentity {
        if (clusterId <= 0 || clusterId > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cluster id out of range 1.." + Integer.MAX_VALUE + ": " + clusterId);
        }
        Objects.requireNonNull(token, "token is null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is blank");
        }
    }

    /** What every internal gRPC call of this cluster carries. */
    public ClusterCredentials credentials() {
        return new ClusterCredentials(clusterId, token);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ClusterIdentity[clusterId=" + clusterId + ", token=<hidden>]";
    }
}
