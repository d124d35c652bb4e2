package io.tessera.fe.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicaPlacerTest {
    private static List<PlacementCandidate> three() {
        return List.of(new PlacementCandidate(10000, "127.0.0.1", "default", 0),
                new PlacementCandidate(10001, "127.0.0.2", "default", 0),
                new PlacementCandidate(10002, "127.0.0.3", "default", 0));
    }

    @Test
    void spreadsReplicasEvenlyOnDistinctHosts() {
        List<PlacementCandidate> candidates = List.of(new PlacementCandidate(1, "h1", "default", 0),
                new PlacementCandidate(2, "h2", "default", 0), new PlacementCandidate(3, "h3", "default", 0),
                new PlacementCandidate(4, "h4", "default", 0));
        List<List<Long>> placement = ReplicaPlacer.place(8, Map.of("default", 3), candidates, new Random(7));
        Map<Long, Integer> counts = new HashMap<>();
        for (List<Long> tablet : placement) {
            assertThat(new HashSet<>(tablet)).hasSize(3);
            tablet.forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        assertThat(counts.values()).containsOnly(6);
    }

    @Test
    void isDeterministicForASeed() {
        assertThat(ReplicaPlacer.place(5, Map.of("default", 1), three(), new Random(42)))
                .isEqualTo(ReplicaPlacer.place(5, Map.of("default", 1), three(), new Random(42)));
    }

    @Test
    void prefersEmptierBackends() {
        List<PlacementCandidate> candidates = List.of(new PlacementCandidate(1, "h1", "default", 10),
                new PlacementCandidate(2, "h2", "default", 0), new PlacementCandidate(3, "h3", "default", 0));
        List<List<Long>> placement = ReplicaPlacer.place(4, Map.of("default", 1), candidates, new Random(1));
        assertThat(placement).flatExtracting(list -> list).doesNotContain(1L);
    }

    @Test
    void neverPutsTwoReplicasOnOneHostAndRespectsLocations() {
        List<PlacementCandidate> candidates = List.of(new PlacementCandidate(1, "h1", "a", 0),
                new PlacementCandidate(2, "h1", "a", 0), new PlacementCandidate(3, "h2", "b", 0),
                new PlacementCandidate(4, "h3", "b", 0));
        Map<String, Integer> allocation = new LinkedHashMap<>();
        allocation.put("a", 1);
        allocation.put("b", 2);
        for (List<Long> tablet : ReplicaPlacer.place(6, allocation, candidates, new Random(3))) {
            assertThat(tablet).hasSize(3);
            assertThat(tablet.get(0)).isIn(1L, 2L);
            assertThat(tablet.subList(1, 3)).containsExactlyInAnyOrder(3L, 4L);
        }
    }

    @Test
    void tooFewHostsIsAClearError() {
        List<PlacementCandidate> sameHost = List.of(new PlacementCandidate(1, "h1", "default", 0),
                new PlacementCandidate(2, "h1", "default", 0));
        assertThatThrownBy(() -> ReplicaPlacer.place(1, Map.of("default", 2), sameHost, new Random(1)))
                .isInstanceOf(TesseraException.class)
                .hasMessageStartingWith("Failed to find enough backend")
                .hasMessageContaining("replication num: 2")
                .hasMessageEndingWith("(needs 2 alive, not decommissioned backends on distinct hosts with tag "
                        + "location 'default'; 1 available)");
    }

    @Test
    void manyBackendsEndUpEvenAndEveryBackendGetsUsed() {
        List<PlacementCandidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            candidates.add(new PlacementCandidate(i, "h" + i, "default", i < 500 ? 0 : 1));
        }
        List<List<Long>> placement = ReplicaPlacer.place(10_000, Map.of("default", 3), candidates, new Random(5));
        Map<Long, Integer> counts = new HashMap<>();
        for (List<Long> tablet : placement) {
            assertThat(new HashSet<>(tablet)).hasSize(3);
            tablet.forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        // 30,000 new replicas + 500 existing over 1,000 backends: 30.5 each, so totals of 30 or 31.
        for (PlacementCandidate candidate : candidates) {
            assertThat(candidate.replicaCount() + counts.getOrDefault(candidate.backendId(), 0)).isBetween(30L, 31L);
        }
    }
}
