package io.tessera.fe.placement;

import java.util.Objects;

/**
 * A backend that may receive new replicas (the caller filters, with the cluster view's
 * {@code canHoldNewReplica}), with what placement weighs.
 *
 * @param backendId    the backend
 * @param host         its host; two replicas of a tablet never share one
 * @param location     its {@code tag.location}
 * @param replicaCount replicas it holds now
 */
public record PlacementCandidate(long backendId, String host, String location, long replicaCount) {
    public PlacementCandidate {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(location, "location is null");
    }
}
