package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A mutable model of backends and tablets for scheduler tests: builds the immutable
 * {@link CatalogSnapshot}, {@link ClusterView} and {@link UnreadableReplicas} a round decides from,
 * and applies decisions. Test code; one thread.
 */
final class SimCluster {
    static final long GIB = 1024L * 1024 * 1024;
    static final long TOTAL_BYTES = 1000 * GIB;

    final TreeMap<Long, Backend> backends = new TreeMap<>();
    final Map<Long, Boolean> alive = new HashMap<>();
    final Map<Long, Long> availableBytes = new HashMap<>();
    final Set<Long> shuttingDown = new HashSet<>();
    final List<SimTable> tables = new ArrayList<>();
    final Set<Long> unreadableReplicaIds = new HashSet<>();
    private long nextId = 1_000;

    /** A table: its allocation and partitions. */
    record SimTable(long tableId, List<TagReplicaCount> allocation, List<SimPartition> partitions) {
        int replicationNum() {
            return allocation.stream().mapToInt(TagReplicaCount::getCount).sum();
        }
    }

    /** A partition: visible version and tablets (mutable). */
    static final class SimPartition {
        final long partitionId;
        long visibleVersion = 1;
        final List<SimTablet> tablets = new ArrayList<>();

        SimPartition(long partitionId) {
            this.partitionId = partitionId;
        }
    }

    /** A tablet and its replicas (mutable list of immutable protos). */
    static final class SimTablet {
        final long tabletId;
        final List<ReplicaDefinition> replicas = new ArrayList<>();

        SimTablet(long tabletId) {
            this.tabletId = tabletId;
        }
    }

    long nextId() {
        return nextId++;
    }

    long addBackend(String host, String location) {
        long id = nextId();
        backends.put(id, new Backend(id, host, (int) id, Map.of(BackendTags.LOCATION, location), false, false, false));
        alive.put(id, true);
        availableBytes.put(id, TOTAL_BYTES / 2);
        return id;
    }

    void decommission(long backendId) {
        backends.put(backendId, backends.get(backendId).withDecommissioned(true));
    }

    void dropBackend(long backendId) {
        backends.remove(backendId);
        alive.remove(backendId);
        availableBytes.remove(backendId);
        shuttingDown.remove(backendId);
    }

    ClusterView view() {
        Map<HostPort, Long> byHostPort = new HashMap<>();
        for (Backend backend : backends.values()) {
            byHostPort.put(new HostPort(backend.host(), (int) backend.id()), backend.id());
        }
        BackendRegistry.Snapshot snapshot = new BackendRegistry.Snapshot(new TreeMap<>(backends), byHostPort);
        return ClusterView.of(snapshot, id -> runtime(alive.get(id), availableBytes.get(id), shuttingDown.contains(id)));
    }

    static BackendRuntime runtime(boolean isAlive, long available, boolean stopping) {
        return new BackendRuntime(9060, 8040, 8060, -1, 0, 0, isAlive, "", "", 0, "mix", 1, 0, 0, 0, 0,
                available, TOTAL_BYTES, 0.0, 0, stopping);
    }

    UnreadableReplicas unreadable() {
        Set<Long> copy = Set.copyOf(unreadableReplicaIds);
        return (replicaId, backendId) -> copy.contains(replicaId);
    }

    CatalogSnapshot catalog() {
        Map<String, TableDefinition> byName = new TreeMap<>();
        Map<Long, Long> counts = new HashMap<>();
        for (SimTable table : tables) {
            TableDefinition.Builder definition = TableDefinition.newBuilder().setTableId(table.tableId())
                    .setName("t" + table.tableId()).addAllReplicaAllocation(table.allocation());
            for (SimPartition partition : table.partitions()) {
                PartitionDefinition.Builder builder = PartitionDefinition.newBuilder()
                        .setPartitionId(partition.partitionId).setName("p" + partition.partitionId)
                        .setVisibleVersion(partition.visibleVersion);
                for (SimTablet tablet : partition.tablets) {
                    builder.addTablets(TabletDefinition.newBuilder().setTabletId(tablet.tabletId)
                            .addAllReplicas(tablet.replicas));
                    for (ReplicaDefinition replica : tablet.replicas) {
                        counts.merge(replica.getBackendId(), 1L, Long::sum);
                    }
                }
                definition.addPartitions(builder);
            }
            byName.put("t" + table.tableId(), definition.build());
        }
        return new CatalogSnapshot(Map.of("db", new DatabaseEntry(1, "db", 0, byName)), counts, Map.of(), Map.of(), 0);
    }

    SchedulerInput input(io.tessera.fe.config.RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs,
                         RunningClones running) {
        return input(config, nowMs, unhealthySinceMs, running, java.util.Set.of());
    }

    /** The same, with partitions queued by ADMIN REPAIR TABLE. */
    SchedulerInput input(io.tessera.fe.config.RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs,
                         RunningClones running, java.util.Set<Long> priorityPartitionIds) {
        return input(config, nowMs, unhealthySinceMs, running, priorityPartitionIds, java.util.Set.of());
    }

    /** The same, with decommissioned backends whose job is paused. */
    SchedulerInput input(io.tessera.fe.config.RuntimeConfig config, long nowMs, Map<Long, Long> unhealthySinceMs,
                         RunningClones running, java.util.Set<Long> priorityPartitionIds,
                         java.util.Set<Long> pausedBackendIds) {
        CatalogSnapshot catalog = catalog();
        ClusterView view = view();
        // Relocation follows a drain plan, as the FE's loop gives it, planned again each round.
        DrainPlan plan = DrainPlanner.plan(catalog, view);
        return new SchedulerInput(catalog, view, unreadable(), config, nowMs, unhealthySinceMs, running, plan,
                priorityPartitionIds, pausedBackendIds);
    }

    /** Adds a table with one partition and the given tablets' replicas on the given backends. */
    SimTable addTable(List<TagReplicaCount> allocation) {
        SimTable table = new SimTable(nextId(), allocation, new ArrayList<>());
        tables.add(table);
        return table;
    }

    SimPartition addPartition(SimTable table) {
        SimPartition partition = new SimPartition(nextId());
        table.partitions().add(partition);
        return partition;
    }

    SimTablet addTablet(SimPartition partition, long... backendIds) {
        SimTablet tablet = new SimTablet(nextId());
        for (long backendId : backendIds) {
            tablet.replicas.add(completeReplica(nextId(), backendId, partition.visibleVersion));
        }
        partition.tablets.add(tablet);
        return tablet;
    }

    static ReplicaDefinition completeReplica(long replicaId, long backendId, long version) {
        return ReplicaDefinition.newBuilder().setReplicaId(replicaId).setBackendId(backendId).setVersion(version)
                .setLastFailedVersion(-1).build();
    }

    /** Every tablet with its partition and table. */
    List<Located> tablets() {
        List<Located> result = new ArrayList<>();
        for (SimTable table : tables) {
            for (SimPartition partition : table.partitions()) {
                for (SimTablet tablet : partition.tablets) {
                    result.add(new Located(table, partition, tablet));
                }
            }
        }
        return result;
    }

    Located tablet(long tabletId) {
        return tablets().stream().filter(l -> l.tablet().tabletId == tabletId).findFirst().orElseThrow();
    }

    record Located(SimTable table, SimPartition partition, SimTablet tablet) {
    }

    /** Completes a clone: the destination's replica becomes complete (in place) or is added. */
    void applyClone(Clone clone) {
        Located located = tablet(clone.tabletId());
        List<ReplicaDefinition> replicas = located.tablet().replicas;
        long version = located.partition().visibleVersion;
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).getBackendId() == clone.destinationBackendId()) {
                replicas.set(i, completeReplica(replicas.get(i).getReplicaId(), clone.destinationBackendId(), version));
                return;
            }
        }
        replicas.add(completeReplica(nextId(), clone.destinationBackendId(), version));
    }

    void applyDrop(DropReplica drop) {
        Located located = tablet(drop.tabletId());
        boolean removed = located.tablet().replicas.removeIf(r -> r.getReplicaId() == drop.replicaId());
        if (!removed) {
            throw new AssertionError("drop of an unknown replica " + drop);
        }
        unreadableReplicaIds.remove(drop.replicaId());
    }
}
