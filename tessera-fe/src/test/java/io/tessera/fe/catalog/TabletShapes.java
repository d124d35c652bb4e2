package io.tessera.fe.catalog;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import io.tessera.fe.cluster.ClusterView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a tablet and the cluster around it from a compact description, for the classifier's
 * tests: one backend per replica, of a {@link BackendKind}, and a {@link ReplicaKind} per replica.
 */
final class TabletShapes {
    static final long VISIBLE_VERSION = 5;
    static final long TABLET_ID = 30;

    /** What the backend a replica sits on is. */
    enum BackendKind {
        /** Registered, alive, not decommissioned. */
        ALIVE,
        /** Registered, alive, decommissioned. */
        DECOMMISSIONED,
        /** Registered, dead by its heartbeats. */
        DEAD,
        /** Registered, dead and decommissioned. */
        DEAD_DECOMMISSIONED,
        /** Registered, alive, with {@code disable_query}. */
        QUERY_DISABLED,
        /** Not registered: dropped. */
        DROPPED
    }

    /** What the replica itself is. */
    enum ReplicaKind {
        /** At the visible version, no failed version. */
        COMPLETE,
        /** Behind the visible version. */
        BEHIND,
        /** At the visible version, but with a failed version recorded. */
        FAILED,
        /** Reported bad or missing by its backend. */
        UNREADABLE
    }

    record Replica(BackendKind backend, ReplicaKind kind) {
    }

    /** A tablet with its cluster and the report soft state. */
    record Shape(TabletDefinition tablet, List<TagReplicaCount> allocation, ClusterView cluster,
                 UnreadableReplicas unreadable) {
        TabletHealth classify() {
            return TabletHealth.classify(tablet, VISIBLE_VERSION, allocation, cluster, unreadable);
        }
    }

    private TabletShapes() {
    }

    static Replica replica(BackendKind backend, ReplicaKind kind) {
        return new Replica(backend, kind);
    }

    static Replica replica(BackendKind backend) {
        return new Replica(backend, ReplicaKind.COMPLETE);
    }

    /**
     * Replica i has id 300 + i on backend 10000 + i; {@code extra} backends (ids from 20000) are
     * registered, alive and hold nothing.
     */
    static Shape shape(int replicationNum, List<Replica> replicas, List<BackendKind> extra) {
        BackendRegistry registry = new BackendRegistry();
        Map<Long, BackendRuntime> runtimes = new HashMap<>();
        Set<Long> unreadable = new HashSet<>();
        TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(TABLET_ID);
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get(i);
            long backendId = 10000 + i;
            register(registry, runtimes, backendId, replica.backend());
            ReplicaDefinition.Builder definition = ReplicaDefinition.newBuilder().setReplicaId(300 + i)
                    .setBackendId(backendId).setVersion(VISIBLE_VERSION).setLastFailedVersion(-1);
            switch (replica.kind()) {
                case BEHIND -> definition.setVersion(VISIBLE_VERSION - 1);
                case FAILED -> definition.setLastFailedVersion(VISIBLE_VERSION - 1);
                case UNREADABLE -> unreadable.add(300L + i);
                default -> { }
            }
            tablet.addReplicas(definition);
        }
        for (int i = 0; i < extra.size(); i++) {
            register(registry, runtimes, 20000 + i, extra.get(i));
        }
        ClusterView view = ClusterView.of(registry.snapshot(),
                id -> runtimes.getOrDefault(id, BackendRuntime.NEVER_CONTACTED));
        return new Shape(tablet.build(),
                List.of(TagReplicaCount.newBuilder().setLocation("default").setCount(replicationNum).build()), view,
                (replicaId, backendId) -> unreadable.contains(replicaId));
    }

    private static void register(BackendRegistry registry, Map<Long, BackendRuntime> runtimes, long id,
                                 BackendKind kind) {
        if (kind == BackendKind.DROPPED) {
            return;
        }
        boolean decommissioned = kind == BackendKind.DECOMMISSIONED || kind == BackendKind.DEAD_DECOMMISSIONED;
        boolean alive = kind == BackendKind.ALIVE || kind == BackendKind.DECOMMISSIONED
                || kind == BackendKind.QUERY_DISABLED;
        Backend backend = new Backend(id, "127.0." + (id / 256 % 256) + "." + (id % 256), 9050,
                Map.of("location", "default"), false, false, false).withDecommissioned(decommissioned)
                .withQueryDisabled(kind == BackendKind.QUERY_DISABLED);
        registry.replay(BackendRegistry.toImage(backend));
        runtimes.put(id, new BackendRuntime(9060, 8040, -1, -1, 1, 1, alive, "", "v", 0, "mix", 1, 0, 1, 0, 0,
                50L << 30, 100L << 30, 0.0, 0, false));
    }
}
