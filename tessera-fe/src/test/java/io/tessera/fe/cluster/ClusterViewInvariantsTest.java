package io.tessera.fe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.cluster.ClusterViewTest.FakeCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random clusters from one fixed seed, each checked against the invariants every user
 * of the view relies on. A failure names the cluster's own seed; replay just that cluster with
 * {@code -Dtessera.clusterViewSeed=<seed>}.
 */
class ClusterViewInvariantsTest {
    private static final long MASTER_SEED = 0x7E55E4A_10L;
    private static final int CLUSTERS = 3_000;
    private static final List<String> LOCATIONS = List.of(BackendTags.DEFAULT_LOCATION, "east", "west");
    private static final long GIB = ClusterViewTest.GIB;

    @Test
    void invariantsHoldOnRandomClusters() {
        String replay = System.getProperty("tessera.clusterViewSeed");
        if (replay != null) {
            checkCluster(Long.parseLong(replay));
            return;
        }
        Random seeds = new Random(MASTER_SEED);
        for (int i = 0; i < CLUSTERS; i++) {
            long seed = seeds.nextLong();
            try {
                checkCluster(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("cluster " + i + " failed; replay with -Dtessera.clusterViewSeed=" + seed, e);
            }
        }
    }

    private static void checkCluster(long seed) {
        Random random = new Random(seed);
        FakeCluster cluster = randomCluster(random);
        ClusterView view = cluster.view();
        Set<Long> registered = new HashSet<>(cluster.registry.snapshot().byId().keySet());

        List<Long> candidates = ids(view.newReplicaCandidates());
        assertThat(registered).containsAll(candidates);
        for (long id : candidates) {
            Backend backend = view.backend(id).orElseThrow();
            BackendRuntime state = view.runtime(id);
            assertThat(state.alive()).as("dead backend %d is a new-replica candidate", id).isTrue();
            assertThat(backend.decommissioned()).as("decommissioned backend %d is a candidate", id).isFalse();
            assertThat(state.shuttingDown()).as("stopping backend %d is a candidate", id).isFalse();
        }
        assertThat(candidates).as("candidates are exactly those that can hold a new replica")
                .containsExactlyElementsOf(registered.stream().sorted().filter(view::canHoldNewReplica).toList());

        List<Long> coordinators = ids(view.loadCoordinators());
        assertThat(registered).containsAll(coordinators);
        assertThat(coordinators).isSortedAccordingTo(Comparator.naturalOrder());
        for (long id : coordinators) {
            Backend backend = view.backend(id).orElseThrow();
            assertThat(view.isAlive(id) && !backend.loadDisabled() && !backend.decommissioned()
                    && view.runtime(id).httpPort() > 0).as("backend %d coordinates loads", id).isTrue();
        }

        String location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
        Set<String> holders = new HashSet<>();
        for (Backend backend : view.backends()) {
            if (random.nextInt(4) == 0) {
                holders.add(backend.host());
            }
        }
        List<Long> destinations = ids(view.cloneDestinations(location, holders));
        assertThat(candidates).containsAll(destinations);
        for (long id : destinations) {
            Backend backend = view.backend(id).orElseThrow();
            assertThat(backend.location()).isEqualTo(location);
            assertThat(holders).doesNotContain(backend.host());
            assertThat(view.hasStorageRoom(id)).isTrue();
        }

        List<Long> probes = new ArrayList<>(registered);
        for (int i = 0; i < 3; i++) {
            probes.add(10_000L + random.nextInt(40));
        }
        for (long id : probes) {
            boolean known = registered.contains(id);
            Backend backend = view.backend(id).orElse(null);
            assertThat(view.isRegistered(id)).isEqualTo(known);
            if (!view.isAlive(id)) {
                assertThat(view.canServeQuery(id) || view.canHoldNewReplica(id) || view.canCoordinateLoad(id)
                        || view.canTakePublish(id) || view.canBeCloneSource(id, true)
                        || view.canBeCloneDestination(id, location, Set.of()))
                        .as("dead or unknown backend %d may do something", id).isFalse();
            }
            if (backend != null && backend.queryDisabled()) {
                assertThat(view.canServeQuery(id)).as("query-disabled backend %d serves queries", id).isFalse();
            }
            if (backend != null && backend.decommissioned()) {
                assertThat(view.canHoldNewReplica(id) || view.canBeCloneDestination(id, location, Set.of()))
                        .as("decommissioned backend %d takes new replicas", id).isFalse();
                assertThat(view.canBeCloneSource(id, true)).isEqualTo(view.isAlive(id));
            }
            assertThat(view.canBeCloneSource(id, false)).isFalse();
            if (view.canBeCloneDestination(id, location, holders)) {
                assertThat(view.canHoldNewReplica(id)).isTrue();
            }
            if (view.canServeQuery(id) || view.canTakePublish(id)) {
                assertThat(view.isAlive(id)).isTrue();
            }
        }
    }

    private static FakeCluster randomCluster(Random random) {
        FakeCluster cluster = new FakeCluster();
        int backends = random.nextInt(13);
        int hosts = 1 + random.nextInt(6);
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < backends; i++) {
            long id = 10_000L + random.nextInt(40);
            if (!used.add(id)) {
                continue;
            }
            String host = "10.0.0." + random.nextInt(hosts);
            Backend backend = new Backend(id, host, (int) (9000 + id - 10_000),
                    Map.of(BackendTags.LOCATION, LOCATIONS.get(random.nextInt(LOCATIONS.size()))),
                    random.nextInt(4) == 0, random.nextInt(4) == 0, random.nextInt(4) == 0);
            cluster.add(backend, random.nextInt(8) == 0 ? BackendRuntime.NEVER_CONTACTED : randomRuntime(random));
        }
        return cluster;
    }

    private static BackendRuntime randomRuntime(Random random) {
        long totalBytes = random.nextInt(5) == 0 ? 0 : 1 + (long) (random.nextDouble() * 100 * GIB);
        long availableBytes = totalBytes == 0 ? 1 : (long) (random.nextDouble() * totalBytes);
        return ClusterViewTest.runtime(random.nextInt(10) < 7, random.nextInt(5) == 0 ? -1 : 9060,
                random.nextInt(5) == 0 ? -1 : 8040, availableBytes, totalBytes, random.nextInt(10) == 0);
    }

    private static List<Long> ids(List<Backend> backends) {
        return backends.stream().map(Backend::id).toList();
    }
}
