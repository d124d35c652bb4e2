package io.tessera.fe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every predicate of the view against one backend in each situation, and what a view captures. */
class ClusterViewTest {
    static final long GIB = 1024L * 1024 * 1024;
    static final long ID = 10_000;
    static final String HOST = "10.0.0.1";

    /** A registry and a runtime map the test sets by hand: the two halves the view is built from. */
    static final class FakeCluster {
        final BackendRegistry registry = new BackendRegistry();
        final Map<Long, BackendRuntime> runtimes = new HashMap<>();

        FakeCluster add(Backend backend, BackendRuntime runtime) {
            registry.replay(BackendRegistry.toImage(backend));
            runtimes.put(backend.id(), runtime);
            return this;
        }

        ClusterView view() {
            return ClusterView.of(registry.snapshot(),
                    id -> runtimes.getOrDefault(id, BackendRuntime.NEVER_CONTACTED));
        }
    }

    static Backend backend(long id, String host, int heartbeatPort, String location) {
        return new Backend(id, host, heartbeatPort, Map.of(BackendTags.LOCATION, location), false, false, false);
    }

    static BackendRuntime runtime(boolean alive, int bePort, int httpPort, long availableBytes, long totalBytes,
                                  boolean shuttingDown) {
        return new BackendRuntime(bePort, httpPort, -1, -1, 1, 1, alive, "", "v", 0, "mix", 1, 0, 1, 0, 0,
                availableBytes, totalBytes, 0.0, 0, shuttingDown);
    }

    static BackendRuntime healthy() {
        return runtime(true, 9060, 8040, 50 * GIB, 100 * GIB, false);
    }

    /**
     * What each predicate says about one backend. The clone destination is asked for location
     * {@code default} with no host holding the tablet; the clone source for a healthy replica.
     */
    record Expected(boolean alive, boolean scheduleAvailable, boolean newReplica, boolean storageRoom,
                    boolean query, boolean load, boolean publish, boolean cloneSource, boolean cloneDestination) {
    }

    record Row(String situation, Backend backend, BackendRuntime runtime, Expected expected) {
        @Override
        public String toString() {
            return situation;
        }
    }

    private static final Backend PLAIN = backend(ID, HOST, 9050, BackendTags.DEFAULT_LOCATION);

    static Stream<Row> situations() {
        return Stream.of(
                new Row("healthy", PLAIN, healthy(),
                        new Expected(true, true, true, true, true, true, true, true, true)),
                new Row("dead", PLAIN, runtime(false, 9060, 8040, 50 * GIB, 100 * GIB, false),
                        new Expected(false, false, false, true, false, false, false, false, false)),
                new Row("never contacted", PLAIN, BackendRuntime.NEVER_CONTACTED,
                        new Expected(false, false, false, false, false, false, false, false, false)),
                new Row("decommissioned", PLAIN.withDecommissioned(true), healthy(),
                        new Expected(true, false, false, true, true, false, true, true, false)),
                new Row("dead and decommissioned", PLAIN.withDecommissioned(true),
                        runtime(false, 9060, 8040, 50 * GIB, 100 * GIB, false),
                        new Expected(false, false, false, true, false, false, false, false, false)),
                new Row("disable_query", PLAIN.withQueryDisabled(true), healthy(),
                        new Expected(true, true, true, true, false, true, true, true, true)),
                new Row("disable_load", PLAIN.withLoadDisabled(true), healthy(),
                        new Expected(true, true, true, true, true, false, true, true, true)),
                new Row("shutting down", PLAIN, runtime(true, 9060, 8040, 50 * GIB, 100 * GIB, true),
                        new Expected(true, true, false, true, true, false, true, true, false)),
                new Row("tagged location east", backend(ID, HOST, 9050, "east"), healthy(),
                        new Expected(true, true, true, true, true, true, true, true, false)),
                new Row("no web server port yet", PLAIN, runtime(true, 9060, -1, 50 * GIB, 100 * GIB, false),
                        new Expected(true, true, true, true, true, false, true, true, true)),
                new Row("no be_port yet", PLAIN, runtime(true, -1, 8040, 50 * GIB, 100 * GIB, false),
                        new Expected(true, true, true, true, true, true, false, true, true)),
                new Row("disk past the high watermark", PLAIN, runtime(true, 9060, 8040, 10 * GIB, 100 * GIB, false),
                        new Expected(true, true, true, false, true, true, true, true, false)),
                new Row("disk exactly at the high watermark", PLAIN,
                        runtime(true, 9060, 8040, 15 * GIB, 100 * GIB, false),
                        new Expected(true, true, true, true, true, true, true, true, true)),
                new Row("less than 2 GiB left", PLAIN, runtime(true, 9060, 8040, GIB, 4 * GIB, false),
                        new Expected(true, true, true, false, true, true, true, true, false)),
                new Row("no disk reported", PLAIN, runtime(true, 9060, 8040, 1, 0, false),
                        new Expected(true, true, true, false, true, true, true, true, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void everyPredicateInEverySituation(Row row) {
        ClusterView view = new FakeCluster().add(row.backend(), row.runtime()).view();
        assertThat(actual(view, ID)).isEqualTo(row.expected());
        assertThat(view.isRegistered(ID)).isTrue();
        assertThat(view.newReplicaCandidates()).hasSize(row.expected().newReplica() ? 1 : 0);
        assertThat(view.loadCoordinators()).hasSize(row.expected().load() ? 1 : 0);
        assertThat(view.cloneDestinations(BackendTags.DEFAULT_LOCATION, Set.of()))
                .hasSize(row.expected().cloneDestination() ? 1 : 0);
    }

    static Expected actual(ClusterView view, long id) {
        return new Expected(view.isAlive(id), view.isScheduleAvailable(id), view.canHoldNewReplica(id),
                view.hasStorageRoom(id), view.canServeQuery(id), view.canCoordinateLoad(id), view.canTakePublish(id),
                view.canBeCloneSource(id, true), view.canBeCloneDestination(id, BackendTags.DEFAULT_LOCATION, Set.of()));
    }

    @Test
    void diskRoomFollowsTheWatermarksTheViewIsGiven() {
        ClusterView view = new FakeCluster().add(backend(ID, "127.0.0.1", 9050, "default"),
                runtime(true, 9060, 8040, 10 * GIB, 100 * GIB, false)).view();

        assertThat(view.hasStorageRoom(ID)).as("90% used is over Doris's 85%").isFalse();
        ClusterView raised = view.withWatermarks(new StorageWatermarks(92, 2 * GIB, 95, GIB));
        assertThat(raised.hasStorageRoom(ID)).isTrue();
        assertThat(raised.canBeCloneDestination(ID, "default", Set.of())).isTrue();
        assertThat(view.withWatermarks(new StorageWatermarks(99, 2 * GIB, 90, GIB)).hasStorageRoom(ID))
                .as("at flood stage").isFalse();
    }

    @Test
    void anUnregisteredIdIsDeadForEveryPredicate() {
        ClusterView view = new FakeCluster().add(PLAIN, healthy()).view();
        assertThat(view.isRegistered(ID + 1)).isFalse();
        assertThat(actual(view, ID + 1)).isEqualTo(
                new Expected(false, false, false, false, false, false, false, false, false));
        assertThat(view.runtime(ID + 1)).isSameAs(BackendRuntime.NEVER_CONTACTED);
        assertThat(view.backend(ID + 1)).isEmpty();
    }

    @Test
    void anUnhealthyReplicaIsNoCloneSourceEvenOnAHealthyBackend() {
        ClusterView view = new FakeCluster().add(PLAIN, healthy()).view();
        assertThat(view.canBeCloneSource(ID, false)).isFalse();
    }

    @Test
    void noCloneGoesToAHostThatAlreadyHoldsTheTablet() {
        FakeCluster cluster = new FakeCluster()
                .add(PLAIN, healthy())
                .add(backend(ID + 1, HOST, 9051, BackendTags.DEFAULT_LOCATION), healthy())
                .add(backend(ID + 2, "10.0.0.2", 9050, BackendTags.DEFAULT_LOCATION), healthy());
        ClusterView view = cluster.view();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(view.canBeCloneDestination(ID, BackendTags.DEFAULT_LOCATION, Set.of(HOST))).isFalse();
        softly.assertThat(view.canBeCloneDestination(ID + 1, BackendTags.DEFAULT_LOCATION, Set.of(HOST))).isFalse();
        softly.assertThat(view.canBeCloneDestination(ID + 2, BackendTags.DEFAULT_LOCATION, Set.of(HOST))).isTrue();
        softly.assertThat(view.cloneDestinations(BackendTags.DEFAULT_LOCATION, Set.of(HOST)))
                .extracting(Backend::id).containsExactly(ID + 2);
        softly.assertAll();
    }

    @Test
    void aViewKeepsTheInstantItWasBuiltAt() {
        FakeCluster cluster = new FakeCluster().add(PLAIN, healthy());
        ClusterView before = cluster.view();
        cluster.runtimes.put(ID, runtime(false, 9060, 8040, 50 * GIB, 100 * GIB, false));
        cluster.registry.replay(BackendRegistry.toImage(backend(ID + 1, "10.0.0.2", 9050, "default")));
        cluster.runtimes.put(ID + 1, healthy());
        ClusterView after = cluster.view();

        assertThat(before.isAlive(ID)).isTrue();
        assertThat(before.isRegistered(ID + 1)).isFalse();
        assertThat(before.newReplicaCandidates()).extracting(Backend::id).containsExactly(ID);
        assertThat(after.isAlive(ID)).isFalse();
        assertThat(after.newReplicaCandidates()).extracting(Backend::id).containsExactly(ID + 1);
    }

    @Test
    void aSourceBuildsAFreshViewOnEachCall() {
        FakeCluster cluster = new FakeCluster().add(PLAIN, healthy());
        var source = ClusterView.source(cluster.registry::snapshot,
                id -> cluster.runtimes.getOrDefault(id, BackendRuntime.NEVER_CONTACTED));
        assertThat(source.get().canServeQuery(ID)).isTrue();
        cluster.runtimes.put(ID, runtime(false, 9060, 8040, 50 * GIB, 100 * GIB, false));
        assertThat(source.get().canServeQuery(ID)).isFalse();
    }

    @Test
    void candidatesKeepTheRegistryOrderAndLoadCoordinatorsAreById() {
        FakeCluster cluster = new FakeCluster();
        Map<Long, String> hosts = new LinkedHashMap<>();
        for (long id : List.of(ID + 3, ID, ID + 7, ID + 1)) {
            hosts.put(id, "10.0.1." + (id - ID));
            cluster.add(backend(id, hosts.get(id), 9050, "default"), healthy());
        }
        ClusterView view = cluster.view();
        assertThat(view.newReplicaCandidates()).extracting(Backend::id).containsExactly(ID, ID + 1, ID + 3, ID + 7);
        assertThat(view.loadCoordinators()).extracting(Backend::id).containsExactly(ID, ID + 1, ID + 3, ID + 7);
    }
}
