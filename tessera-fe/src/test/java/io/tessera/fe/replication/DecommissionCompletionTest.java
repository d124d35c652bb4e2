package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.Backend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The completion check: empty decommissioned backends go, after one full interval (at once when
 * seen draining before), unless turned off or their job is paused.
 */
class DecommissionCompletionTest {
    private static final long INTERVAL_MS = 10_000;

    private static Backend backend(long id, boolean decommissioned) {
        return new Backend(id, "127.0.0." + (id - 9999), 9050, Map.of(), decommissioned, false, false);
    }

    private static CatalogSnapshot replicas(Map<Long, Long> byBackend) {
        return new CatalogSnapshot(Map.of(), byBackend, Map.of(), Map.of(), 1);
    }

    @Test
    void anEmptyDecommissionedBackendIsDroppedOnceSeenForAnInterval() {
        List<Backend> backends = List.of(backend(10000, true), backend(10001, false));
        DecommissionCompletion.Result first = DecommissionCompletion.check(backends, replicas(Map.of()), Map.of(),
                1_000, INTERVAL_MS, true, Set.of(), Set.of());
        assertThat(first.toDrop()).as("just seen: a CANCEL typed next must still find it").isEmpty();
        assertThat(first.firstSeenMs()).containsOnlyKeys(10000L);

        DecommissionCompletion.Result second = DecommissionCompletion.check(backends, replicas(Map.of()),
                first.firstSeenMs(), 1_000 + INTERVAL_MS, INTERVAL_MS, true, Set.of(), Set.of());

        assertThat(second.toDrop()).containsExactly(10000L);
    }

    @Test
    void aBackendWithReplicasLeftOrWithTheKeyOffStays() {
        List<Backend> backends = List.of(backend(10000, true));
        Map<Long, Long> seen = Map.of(10000L, 0L);

        assertThat(DecommissionCompletion.check(backends, replicas(Map.of(10000L, 3L)), seen, INTERVAL_MS * 5,
                INTERVAL_MS, true, Set.of(), Set.of()).toDrop()).isEmpty();
        assertThat(DecommissionCompletion.check(backends, replicas(Map.of()), seen, INTERVAL_MS * 5,
                INTERVAL_MS, false, Set.of(), Set.of()).toDrop()).isEmpty();
    }

    @Test
    void aCancelledDecommissionIsForgotten() {
        DecommissionCompletion.Result result = DecommissionCompletion.check(List.of(backend(10000, false)),
                replicas(Map.of()), Map.of(10000L, 0L), INTERVAL_MS * 5, INTERVAL_MS, true, Set.of(), Set.of());

        assertThat(result.toDrop()).isEmpty();
        assertThat(result.firstSeenMs()).isEmpty();
    }

    @Test
    void anEmptyBackendWhoseJobIsPausedStaysAndGoesOnceResumed() {
        List<Backend> backends = List.of(backend(10000, true), backend(10001, true));
        Map<Long, Long> seen = Map.of(10000L, 0L, 10001L, 0L);

        DecommissionCompletion.Result paused = DecommissionCompletion.check(backends, replicas(Map.of()), seen,
                INTERVAL_MS * 5, INTERVAL_MS, true, Set.of(10000L), Set.of());
        assertThat(paused.toDrop()).as("10000 is paused; 10001 drains on").containsExactly(10001L);
        assertThat(paused.firstSeenMs()).as("still decommissioned, still seen").containsKeys(10000L, 10001L);

        assertThat(DecommissionCompletion.check(backends, replicas(Map.of()), paused.firstSeenMs(), INTERVAL_MS * 6,
                INTERVAL_MS, true, Set.of(), Set.of()).toDrop()).as("resumed").containsExactlyInAnyOrder(10000L, 10001L);
    }

    @Test
    void aBackendSeenDrainingGoesAsSoonAsItIsEmptyButAPausedOneStays() {
        List<Backend> backends = List.of(backend(10000, true), backend(10001, true), backend(10002, true));
        Map<Long, Long> seen = Map.of(10000L, 1_000L, 10001L, 1_000L, 10002L, 1_000L);

        DecommissionCompletion.Result result = DecommissionCompletion.check(backends, replicas(Map.of(10002L, 1L)),
                seen, 1_500, INTERVAL_MS, true, Set.of(10001L), Set.of(10000L, 10001L, 10002L));

        assertThat(result.toDrop()).as("10001 is paused, 10002 still holds a replica").containsExactly(10000L);
        assertThat(DecommissionCompletion.check(backends, replicas(Map.of()), seen, 1_500, INTERVAL_MS, true,
                Set.of(), Set.of()).toDrop()).as("not seen draining: waits the interval").isEmpty();
        assertThat(DecommissionCompletion.check(backends, replicas(Map.of()), seen, 1_500, INTERVAL_MS, false,
                Set.of(), Set.of(10000L)).toDrop()).as("drop_backend_after_decommission off").isEmpty();
    }
}
