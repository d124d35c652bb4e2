package io.tessera.fe.placement;

import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Chooses backends for the replicas of new tablets: a pure function of the candidates, the
 * request and a seeded {@link Random}, so tests can assert exact layouts.
 *
 * <p>Goals, in order: (1) every replica of a tablet on a distinct host; (2) each location tag gets
 * exactly its replica count, on backends of that tag; (3) replica counts stay even: each replica
 * goes to the candidate that holds the fewest replicas so far (counting those placed by this call),
 * ties broken by a shuffle from the given random source so equal backends share the load.
 *
 * <p>Threading: stateless; the {@link Random} is the caller's.
 */
public final class ReplicaPlacer {
    private ReplicaPlacer() {
    }

    /**
     * @param tablets             how many tablets to place
     * @param replicasPerLocation e.g. {@code {default=3}}
     * @return per tablet, the chosen backend ids (location by location, in the map's order)
     * @throws TesseraException when some location lacks enough backends on distinct hosts
     */
    public static List<List<Long>> place(int tablets, Map<String, Integer> replicasPerLocation,
                                         List<PlacementCandidate> candidates, Random random) {
        Map<Long, Long> load = new HashMap<>();
        for (PlacementCandidate candidate : candidates) {
            load.put(candidate.backendId(), candidate.replicaCount());
        }
        Map<String, List<PlacementCandidate>> byLocation = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : replicasPerLocation.entrySet()) {
            List<PlacementCandidate> usable = candidates.stream()
                    .filter(c -> c.location().equals(entry.getKey())).toList();
            long hosts = usable.stream().map(PlacementCandidate::host).distinct().count();
            if (hosts < entry.getValue()) {
                throw notEnough(entry.getKey(), entry.getValue(), hosts);
            }
            byLocation.put(entry.getKey(), usable);
        }
        List<List<Long>> placements = new ArrayList<>(tablets);
        for (int t = 0; t < tablets; t++) {
            List<Long> chosen = new ArrayList<>();
            Set<String> usedHosts = new HashSet<>();
            for (Map.Entry<String, Integer> entry : replicasPerLocation.entrySet()) {
                List<PlacementCandidate> order = new ArrayList<>(byLocation.get(entry.getKey()));
                Collections.shuffle(order, random);
                order.sort(Comparator.comparingLong(c -> load.get(c.backendId())));
                int needed = entry.getValue();
                for (PlacementCandidate candidate : order) {
                    if (needed == 0) {
                        break;
                    }
                    if (usedHosts.add(candidate.host())) {
                        chosen.add(candidate.backendId());
                        load.merge(candidate.backendId(), 1L, Long::sum);
                        needed--;
                    }
                }
            }
            placements.add(List.copyOf(chosen));
        }
        return placements;
    }

    private static TesseraException notEnough(String location, int needed, long available) {
        return new TesseraException("Failed to find enough backend, please check the replication num,"
                + "replication tag and storage medium and avail capacity of backends or maybe all be on same host."
                + " Create failed replications: replication tag: {\"location\" : \"" + location
                + "\"}, replication num: " + needed + ", storage medium: HDD (needs " + needed
                + " alive, not decommissioned backends on distinct hosts with tag location '" + location + "'; "
                + available + " available)");
    }
}
