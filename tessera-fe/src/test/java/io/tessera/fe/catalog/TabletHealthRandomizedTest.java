package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.TabletHealth.Priority;
import io.tessera.fe.catalog.TabletHealth.Status;
import io.tessera.fe.catalog.TabletShapes.BackendKind;
import io.tessera.fe.catalog.TabletShapes.Replica;
import io.tessera.fe.catalog.TabletShapes.ReplicaKind;
import io.tessera.fe.catalog.TabletShapes.Shape;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.query.ReplicaScanner;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random tablets on random clusters from one fixed seed, each checked against the
 * invariants the classifier's users rely on, and read once through {@link ReplicaScanner}. A
 * failure names the tablet's own seed; replay just that tablet with
 * {@code -Dtessera.tabletHealthSeed=<seed>}.
 */
class TabletHealthRandomizedTest {
    private static final long MASTER_SEED = 0x7AB1E7_4EA1L;
    private static final int TABLETS = 5_000;
    private static final int[] REPLICATION_NUMS = {1, 1, 2, 3, 3, 3, 5};

    @Test
    void invariantsHoldOnRandomTablets() {
        String replay = System.getProperty("tessera.tabletHealthSeed");
        if (replay != null) {
            checkTablet(Long.parseLong(replay));
            return;
        }
        Random seeds = new Random(MASTER_SEED);
        Set<Status> seen = EnumSet.noneOf(Status.class);
        for (int i = 0; i < TABLETS; i++) {
            long seed = seeds.nextLong();
            try {
                seen.add(checkTablet(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("tablet " + i + " failed; replay with -Dtessera.tabletHealthSeed=" + seed, e);
            }
        }
        assertThat(seen).as("the random tablets reach every status").containsExactlyInAnyOrder(Status.values());
    }

    private static Status checkTablet(long seed) {
        Random random = new Random(seed);
        int replicationNum = REPLICATION_NUMS[random.nextInt(REPLICATION_NUMS.length)];
        int count = random.nextInt(replicationNum + 3);
        List<Replica> replicas = new ArrayList<>();
        // Mostly healthy backends and replicas, so every status turns up.
        for (int i = 0; i < count; i++) {
            BackendKind backend = random.nextInt(3) == 0
                    ? BackendKind.values()[random.nextInt(BackendKind.values().length)] : BackendKind.ALIVE;
            ReplicaKind kind = random.nextInt(3) == 0
                    ? ReplicaKind.values()[random.nextInt(ReplicaKind.values().length)] : ReplicaKind.COMPLETE;
            replicas.add(new Replica(backend, kind));
        }
        Shape shape = TabletShapes.shape(replicationNum, replicas, List.of(BackendKind.ALIVE));
        ClusterView cluster = shape.cluster();
        TabletHealth health = shape.classify();
        List<ReplicaDefinition> all = shape.tablet().getReplicasList();
        long completeOnStable = all.stream().filter(r -> complete(shape, r))
                .filter(r -> cluster.isScheduleAvailable(r.getBackendId())).count();
        boolean completeOnAlive = all.stream().anyMatch(r -> complete(shape, r) && cluster.isAlive(r.getBackendId()));

        if (completeOnStable >= replicationNum) {
            assertThat(health.status()).as("enough complete replicas on alive, non-decommissioned backends")
                    .isIn(Status.HEALTHY, Status.REDUNDANT);
        }
        assertThat(health.status().unrecoverable()).as("unrecoverable exactly when no alive backend has it complete")
                .isEqualTo(!completeOnAlive);
        if (health.status() == Status.LOST) {
            assertThat(all).as("a lost tablet has no replica on a registered backend")
                    .noneMatch(r -> cluster.isRegistered(r.getBackendId()));
        }
        if (health.status() == Status.UNAVAILABLE) {
            assertThat(all).as("an unavailable tablet is complete on a registered dead backend")
                    .anyMatch(r -> complete(shape, r) && cluster.isRegistered(r.getBackendId())
                            && !cluster.isAlive(r.getBackendId()));
        }
        if (health.status() == Status.HEALTHY) {
            assertThat(all).hasSize(replicationNum);
        }
        if (health.status() == Status.REDUNDANT || health.status().unrecoverable()) {
            assertThat(health.priority()).isEqualTo(Priority.VERY_HIGH);
        }
        if (health.status() == Status.REPLICA_RELOCATING) {
            assertThat(all).as("relocating: a complete replica sits on an alive decommissioned backend")
                    .anyMatch(r -> complete(shape, r) && cluster.isAlive(r.getBackendId())
                            && !cluster.isScheduleAvailable(r.getBackendId()));
        }
        checkScan(shape, health, new Random(random.nextLong()));
        return health.status();
    }

    /** The scanner reads one complete replica on a backend that serves queries, or fails saying why. */
    private static void checkScan(Shape shape, TabletHealth health, Random random) {
        ClusterView cluster = shape.cluster();
        List<ScanRequest> scans = new ArrayList<>();
        List<Long> scannedBackends = new ArrayList<>();
        BackendCalls calls = (BackendCalls) Proxy.newProxyInstance(BackendCalls.class.getClassLoader(),
                new Class<?>[] {BackendCalls.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("scan")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    scannedBackends.add((Long) args[0]);
                    scans.add((ScanRequest) args[1]);
                    return CompletableFuture.completedFuture(null);
                });
        ReplicaScanner scanner = new ReplicaScanner(() -> cluster, shape.unreadable(), calls, random);
        PartitionDefinition partition = PartitionDefinition.newBuilder().setPartitionId(20).setName("p")
                .setVisibleVersion(TabletShapes.VISIBLE_VERSION).addTablets(shape.tablet()).build();
        boolean readable = shape.tablet().getReplicasList().stream()
                .anyMatch(r -> complete(shape, r) && cluster.canServeQuery(r.getBackendId()));

        Throwable failure = catchThrowable(() -> scanner.scan("t",
                List.of(new ReplicaScanner.TabletRead(partition, shape.tablet())), ScanRequest.getDefaultInstance()));

        if (readable) {
            assertThat(failure).isNull();
            assertThat(scans).hasSize(1);
            ReplicaDefinition read = shape.tablet().getReplicasList().stream()
                    .filter(r -> r.getReplicaId() == scans.get(0).getReplicaId()).findFirst().orElseThrow();
            assertThat(read.getBackendId()).isEqualTo(scannedBackends.get(0));
            assertThat(complete(shape, read)).as("the scanner reads only complete replicas").isTrue();
            assertThat(cluster.canServeQuery(read.getBackendId())).isTrue();
            assertThat(health.status().unrecoverable()).isFalse();
            return;
        }
        assertThat(scans).isEmpty();
        assertThat(failure).isInstanceOf(TesseraException.class)
                .hasMessageStartingWith("Table 't' cannot be read: no queryable replica for tablet(s) ["
                        + TabletShapes.TABLET_ID + "]");
        assertThat(failure.getMessage().contains("(lost")).isEqualTo(health.status() == Status.LOST);
        if (health.status() == Status.LOST && shape.tablet().getReplicasCount() > 0) {
            assertThat(failure).hasMessageContaining("(lost with backend");
        }
        assertThat(failure.getMessage().contains("(unavailable: ")).isEqualTo(health.status() == Status.UNAVAILABLE);
    }

    private static boolean complete(Shape shape, ReplicaDefinition replica) {
        return TabletHealth.versionComplete(replica, TabletShapes.VISIBLE_VERSION, shape.unreadable());
    }
}
