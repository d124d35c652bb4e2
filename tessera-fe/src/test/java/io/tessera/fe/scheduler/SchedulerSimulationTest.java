package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.scheduler.SimCluster.Located;
import io.tessera.fe.scheduler.SimCluster.SimPartition;
import io.tessera.fe.scheduler.SimCluster.SimTable;
import io.tessera.fe.scheduler.SimCluster.SimTablet;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 9: thousands of random histories from one fixed seed. Each history builds a random
 * cluster (3 to 12 backends over a few hosts and one or two location tags), tables with
 * replication 1 to 3, then random events (a backend dies, returns, is decommissioned, dropped or
 * added; a load bumps a partition's version with some replicas failing; a disk fills or empties; a
 * replica is reported bad; a backend starts or stops shutting down; the FE restarts, forgetting its
 * clones in flight and repair delays, with some backends not judged yet, which settle over the
 * next rounds), each followed by scheduling
 * rounds whose decisions are applied to the model (drops at once, clones at the next round, so
 * they occupy slots meanwhile). After every round: no clone onto a dead, decommissioned, dropped,
 * shutting-down, full or wrongly tagged backend or onto a host that already holds the tablet; no
 * clone from an incomplete replica; no drop leaves fewer alive complete replicas than the
 * replication number (or loses the last one); slots and the batch are never exceeded; nothing is
 * decided for an unrecoverable tablet; SHOW DECOMMISSION BLOCKERS ({@link DrainBlockers}) agrees
 * with the round (a replica it calls blocked by its sources or destinations is not cloned, and one
 * it does not call blocked gets a decision once budgets and slots are out of the way); while some
 * backends are not judged yet, nothing is decided for a tablet with a replica there and nothing is
 * balanced. Then the cluster goes quiet (every backend alive with room);
 * when enough clean hosts remain per tag, rounds converge within a bound to every recoverable
 * tablet having exactly its allocation of complete replicas, none on a decommissioned backend. A
 * failure names the history's seed; replay it with {@code -Dtessera.schedulerSeed=<seed>}.
 */
class SchedulerSimulationTest {
    private static final long MASTER_SEED = 0x5C4ED_11L;
    private static final int HISTORIES = 3_000;
    private static final int CONVERGENCE_ROUNDS = 300;
    private static final List<String> LOCATIONS = List.of(BackendTags.DEFAULT_LOCATION, "east");

    @Test
    void randomHistoriesKeepTheInvariantsAndConverge() {
        String replay = System.getProperty("tessera.schedulerSeed");
        if (replay != null) {
            new History(Long.parseLong(replay)).run();
            return;
        }
        Random seeds = new Random(MASTER_SEED);
        Map<String, Integer> decisionCounts = new java.util.TreeMap<>();
        Map<String, Integer> blockerCounts = new java.util.TreeMap<>();
        int converged = 0;
        int restarts = 0;
        int unsettledRounds = 0;
        int unsettledDecisions = 0;
        for (int i = 0; i < HISTORIES; i++) {
            long seed = seeds.nextLong();
            try {
                History history = new History(seed);
                boolean quiet = history.run();
                history.decisionCounts.forEach((kind, count) -> decisionCounts.merge(kind, count, Integer::sum));
                history.blockerCounts.forEach((kind, count) -> blockerCounts.merge(kind, count, Integer::sum));
                if (quiet) {
                    converged++;
                }
                restarts += history.restarts;
                unsettledRounds += history.unsettledRounds;
                unsettledDecisions += history.unsettledDecisions;
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("history " + i + " failed; replay with -Dtessera.schedulerSeed=" + seed, e);
            }
        }
        System.out.println("scheduler simulation: " + HISTORIES + " histories, " + converged
                + " checked for convergence, " + restarts + " FE restarts, " + unsettledRounds + " rounds with "
                + "backends not judged yet (" + unsettledDecisions + " decisions in them), decisions " + decisionCounts
                + ", drain blockers " + blockerCounts);
        assertThat(blockerCounts).as("the blockers the scheduler's state can give").containsKeys("NO_DESTINATION",
                "NOT_ENOUGH_SPACE", "SOURCE_DEAD", "NO_COMPLETE_SOURCE");
        // Most histories end with a cluster quiet enough to check convergence, and every kind of
        // decision is exercised.
        assertThat(converged).isGreaterThan(HISTORIES / 2);
        assertThat(restarts).as("FE restarts exercised").isPositive();
        assertThat(unsettledDecisions).as("tablets on judged backends decided while others are not").isPositive();
        assertThat(decisionCounts).containsKeys("REPAIR_MISSING", "REPAIR_VERSION", "RELOCATE_DECOMMISSION",
                "BALANCE", "BACKEND_DROPPED", "BAD_REPLICA", "BACKEND_DECOMMISSIONED", "REDUNDANT");
    }

    /** One random history. */
    private static final class History {
        private final long seed;
        private final Random random;
        private final SimCluster model = new SimCluster();
        private final RuntimeConfig config;
        private long nowMs = 1_000_000;
        private Map<Long, Long> unhealthySinceMs = Map.of();
        private List<Clone> running = List.of();
        private int restarts;
        private int round;
        private final Map<String, Integer> decisionCounts = new HashMap<>();
        private final Map<String, Integer> blockerCounts = new HashMap<>();
        private final RuntimeConfig generousConfig;
        /** Backends not judged yet since the last FE restart; each settles with even odds every round. */
        private Set<Long> unsettled = Set.of();
        /** Its own draws, so the histories' other events are those they were before this was added. */
        private final Random settling;
        private int unsettledRounds;
        private int unsettledDecisions;
        /** Whether the last round left tablets out (some backends were not judged yet). */
        private boolean lastRoundLeftOut;

        History(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            this.settling = new Random(seed * 31 + 7);
            Map<String, String> values = new HashMap<>();
            values.put("schedule_slot_num_per_hdd_path", Integer.toString(1 + random.nextInt(4)));
            values.put("schedule_batch_size", Integer.toString(2 + random.nextInt(40)));
            values.put("max_balancing_tablets", Integer.toString(1 + random.nextInt(8)));
            values.put("tablet_repair_delay_factor_second", Integer.toString(random.nextInt(61)));
            values.put("disable_balance", Boolean.toString(random.nextInt(3) == 0));
            this.config = RuntimeConfig.of(values);
            values.put("schedule_slot_num_per_hdd_path", "100000");
            values.put("schedule_batch_size", "100000");
            values.put("max_scheduling_tablets", "100000");
            this.generousConfig = RuntimeConfig.of(values);
        }

        /** Runs the history; true when its end was quiet enough to check convergence. */
        boolean run() {
            buildCluster();
            int events = 5 + random.nextInt(20);
            for (int i = 0; i < events; i++) {
                event();
                int rounds = 1 + random.nextInt(3);
                for (int r = 0; r < rounds; r++) {
                    nowMs += 1_000 + random.nextInt(100_000);
                    round();
                }
            }
            return quietAndConverge();
        }

        private void buildCluster() {
            int hosts = 2 + random.nextInt(8);
            List<String> locations = random.nextBoolean() ? LOCATIONS.subList(0, 1) : LOCATIONS;
            int backends = 3 + random.nextInt(10);
            for (int i = 0; i < backends; i++) {
                model.addBackend("10.0.0." + random.nextInt(hosts), locations.get(random.nextInt(locations.size())));
            }
            int tables = 1 + random.nextInt(4);
            for (int t = 0; t < tables; t++) {
                List<TagReplicaCount> allocation = new ArrayList<>();
                if (locations.size() > 1 && random.nextInt(4) == 0) {
                    allocation.add(TagReplicaCount.newBuilder().setLocation(locations.get(0)).setCount(1).build());
                    allocation.add(TagReplicaCount.newBuilder().setLocation(locations.get(1))
                            .setCount(1 + random.nextInt(2)).build());
                } else {
                    allocation.add(TagReplicaCount.newBuilder()
                            .setLocation(locations.get(random.nextInt(locations.size())))
                            .setCount(1 + random.nextInt(3)).build());
                }
                List<List<Long>> placements = new ArrayList<>();
                int tabletCount = 1 + random.nextInt(6);
                for (int i = 0; i < tabletCount; i++) {
                    List<Long> placed = place(allocation);
                    if (placed == null) {
                        break;
                    }
                    placements.add(placed);
                }
                if (placements.size() < tabletCount) {
                    continue;
                }
                SimTable table = model.addTable(allocation);
                SimPartition partition = model.addPartition(table);
                for (List<Long> placed : placements) {
                    model.addTablet(partition, placed.stream().mapToLong(Long::longValue).toArray());
                }
            }
        }

        /** Replicas on distinct hosts per the allocation, or null when the cluster cannot hold them. */
        private List<Long> place(List<TagReplicaCount> allocation) {
            List<Long> placed = new ArrayList<>();
            Set<String> hosts = new HashSet<>();
            for (TagReplicaCount count : allocation) {
                List<Backend> candidates = new ArrayList<>(model.backends.values().stream()
                        .filter(b -> b.location().equals(count.getLocation())).toList());
                Collections.shuffle(candidates, random);
                int needed = count.getCount();
                for (Backend backend : candidates) {
                    if (needed > 0 && hosts.add(backend.host())) {
                        placed.add(backend.id());
                        needed--;
                    }
                }
                if (needed > 0) {
                    return null;
                }
            }
            return placed;
        }

        private Long anyBackend(java.util.function.Predicate<Backend> filter) {
            List<Backend> matching = model.backends.values().stream().filter(filter).toList();
            return matching.isEmpty() ? null : matching.get(random.nextInt(matching.size())).id();
        }

        private void event() {
            switch (random.nextInt(12)) {
                case 0 -> {
                    Long id = anyBackend(b -> model.alive.get(b.id()));
                    if (id != null) {
                        model.alive.put(id, false);
                    }
                }
                case 1 -> {
                    Long id = anyBackend(b -> !model.alive.get(b.id()));
                    if (id != null) {
                        model.alive.put(id, true);
                    }
                }
                case 2 -> {
                    Long id = anyBackend(b -> !b.decommissioned());
                    if (id != null) {
                        model.decommission(id);
                    }
                }
                case 3 -> {
                    Long id = anyBackend(b -> random.nextInt(3) == 0 || b.decommissioned());
                    if (id != null && model.backends.size() > 1) {
                        model.dropBackend(id);
                    }
                }
                case 4 -> {
                    String location = model.backends.isEmpty() ? BackendTags.DEFAULT_LOCATION
                            : model.backends.values().stream().toList()
                                    .get(random.nextInt(model.backends.size())).location();
                    model.addBackend("10.0.0." + random.nextInt(12), location);
                }
                case 5, 6, 7 -> load();
                case 8 -> {
                    Long id = anyBackend(b -> true);
                    if (id != null) {
                        model.availableBytes.put(id, random.nextBoolean() ? SimCluster.TOTAL_BYTES / 30
                                : SimCluster.TOTAL_BYTES / 2);
                    }
                }
                case 9 -> {
                    List<Located> tablets = model.tablets();
                    if (!tablets.isEmpty()) {
                        SimTablet tablet = tablets.get(random.nextInt(tablets.size())).tablet();
                        if (!tablet.replicas.isEmpty()) {
                            model.unreadableReplicaIds.add(
                                    tablet.replicas.get(random.nextInt(tablet.replicas.size())).getReplicaId());
                        }
                    }
                }
                case 10 -> {
                    // An FE restart: the soft state is gone. Clones in flight are never recorded (the
                    // new leader does not know them), and the repair delays start again.
                    running = List.of();
                    unhealthySinceMs = Map.of();
                    unsettled = model.backends.keySet().stream().filter(id -> settling.nextBoolean())
                            .collect(Collectors.toSet());
                    restarts++;
                }
                default -> {
                    Long id = anyBackend(b -> true);
                    if (id != null && !model.shuttingDown.remove(id)) {
                        model.shuttingDown.add(id);
                    }
                }
            }
        }

        /** A load on one partition: a majority of each tablet's replicas must take it, or it aborts. */
        private void load() {
            List<SimPartition> partitions = model.tables.stream().flatMap(t -> t.partitions().stream()).toList();
            if (partitions.isEmpty()) {
                return;
            }
            SimPartition partition = partitions.get(random.nextInt(partitions.size()));
            SimTable table = model.tables.stream().filter(t -> t.partitions().contains(partition)).findFirst()
                    .orElseThrow();
            long version = partition.visibleVersion + 1;
            ClusterView view = model.view();
            Map<SimTablet, List<ReplicaDefinition>> written = new HashMap<>();
            for (SimTablet tablet : partition.tablets) {
                List<ReplicaDefinition> next = new ArrayList<>();
                int successes = 0;
                for (ReplicaDefinition replica : tablet.replicas) {
                    boolean writable = view.isAlive(replica.getBackendId())
                            && TabletHealth.versionComplete(replica, partition.visibleVersion, model.unreadable());
                    if (writable && random.nextInt(8) != 0) {
                        successes++;
                        next.add(replica.toBuilder().setVersion(version).build());
                    } else if (view.isAlive(replica.getBackendId())) {
                        next.add(replica.toBuilder().setLastFailedVersion(version).build());
                    } else {
                        next.add(replica);
                    }
                }
                if (successes < table.replicationNum() / 2 + 1) {
                    return;
                }
                written.put(tablet, next);
            }
            for (Map.Entry<SimTablet, List<ReplicaDefinition>> entry : written.entrySet()) {
                entry.getKey().replicas.clear();
                entry.getKey().replicas.addAll(entry.getValue());
            }
            partition.visibleVersion = version;
        }

        /** One round: decide with the running clones, check, apply the drops, finish the running clones. */
        private int round() {
            round++;
            Map<Long, Integer> slots = new HashMap<>();
            for (Clone clone : running) {
                slots.merge(clone.sourceBackendId(), 1, Integer::sum);
                slots.merge(clone.destinationBackendId(), 1, Integer::sum);
            }
            RunningClones inFlight = new RunningClones(
                    running.stream().map(Clone::tabletId).collect(Collectors.toSet()), slots);
            SchedulerInput settled = model.input(config, nowMs, unhealthySinceMs, inFlight);
            SchedulerInput input = unsettled.isEmpty() ? settled : new SchedulerInput(settled.catalog(),
                    settled.cluster(), settled.unreadable(), settled.config(), nowMs, settled.unhealthySinceMs(),
                    inFlight, settled.plan(), settled.priorityPartitionIds(), settled.pausedBackendIds(), unsettled);
            SchedulingRound result = TabletScheduler.schedule(input, random);
            unhealthySinceMs = UnhealthySince.next(unhealthySinceMs, result.unhealthy(), nowMs);
            check(input, inFlight, result);
            lastRoundLeftOut = !unsettled.isEmpty();
            if (unsettled.isEmpty()) {
                checkBlockers(input, inFlight, result);
            } else {
                checkUnsettled(result);
                unsettledRounds++;
                unsettledDecisions += result.decisions().size();
                unsettled = unsettled.stream().filter(id -> settling.nextBoolean()).collect(Collectors.toSet());
            }
            for (SchedulerDecision decision : result.decisions()) {
                String kind = decision instanceof Clone clone ? clone.reason().name()
                        : ((DropReplica) decision).reason().name();
                decisionCounts.merge(kind, 1, Integer::sum);
            }
            for (SchedulerDecision decision : result.decisions()) {
                if (decision instanceof DropReplica drop) {
                    checkDrop(input, drop);
                    model.applyDrop(drop);
                }
            }
            finishRunning();
            running = result.decisions().stream().filter(Clone.class::isInstance).map(Clone.class::cast).toList();
            return result.decisions().size();
        }

        /** A running clone completes when its source still holds a complete replica and its destination is alive. */
        private void finishRunning() {
            ClusterView view = model.view();
            for (Clone clone : running) {
                Located located = model.tablet(clone.tabletId());
                boolean sourceComplete = located.tablet().replicas.stream()
                        .anyMatch(r -> r.getBackendId() == clone.sourceBackendId() && view.isAlive(r.getBackendId())
                                && TabletHealth.versionComplete(r, located.partition().visibleVersion,
                                        model.unreadable()));
                if (sourceComplete && view.isAlive(clone.destinationBackendId())) {
                    model.applyClone(clone);
                }
            }
        }

        /**
         * SHOW DECOMMISSION BLOCKERS agrees with the scheduler: a leaving replica blocked by its
         * sources gets no clone, one blocked by its location's destinations no clone into that
         * location; and with budgets and slots out of the way, every leaving replica not blocked
         * and not cloning gets a decision for its tablet in the same state.
         */
        private void checkBlockers(SchedulerInput input, RunningClones inFlight, SchedulingRound result) {
            String at = "seed " + seed + " round " + round + ": ";
            List<DrainBlocker> blockers = DrainBlockers.find(input, DrainBlockers.Observed.NONE);
            Map<Long, List<Clone>> clones = new HashMap<>();
            for (SchedulerDecision decision : result.decisions()) {
                if (decision instanceof Clone clone) {
                    clones.computeIfAbsent(clone.tabletId(), id -> new ArrayList<>()).add(clone);
                }
            }
            Set<Long> blockedTablets = new HashSet<>();
            for (DrainBlocker blocker : blockers) {
                blockerCounts.merge(blocker.reason().name(), 1, Integer::sum);
                blockedTablets.add(blocker.tabletId());
                String location = TabletScheduler.location(blocker.backendId(), input);
                for (Clone clone : clones.getOrDefault(blocker.tabletId(), List.of())) {
                    boolean inPlace = model.tablet(clone.tabletId()).tablet().replicas.stream()
                            .anyMatch(replica -> replica.getBackendId() == clone.destinationBackendId());
                    if (inPlace && blocker.reason() != DrainBlocker.Reason.NO_COMPLETE_SOURCE) {
                        continue; // a version repair in place: other work on the tablet, not a move of this replica
                    }
                    switch (blocker.reason()) {
                        case SOURCE_DEAD, NO_COMPLETE_SOURCE -> throw new AssertionError(at + "blocked " + blocker
                                + " yet cloned " + clone);
                        case NO_DESTINATION, NOT_ENOUGH_SPACE -> assertThat(TabletScheduler.location(
                                clone.destinationBackendId(), input)).as(at + "blocked " + blocker + " yet cloned " + clone)
                                .isNotEqualTo(location);
                        default -> { }
                    }
                }
            }
            SchedulerInput generous = new SchedulerInput(input.catalog(), input.cluster(), input.unreadable(),
                    generousConfig, input.nowMs(), input.unhealthySinceMs(),
                    new RunningClones(inFlight.tabletIds(), Map.of()), input.plan());
            SchedulingRound unbounded = TabletScheduler.schedule(generous, new Random(seed), false);
            Set<Long> decided = unbounded.decisions().stream().map(SchedulerDecision::tabletId)
                    .collect(Collectors.toSet());
            for (Located located : model.tablets()) {
                long tabletId = located.tablet().tabletId;
                boolean leaving = located.tablet().replicas.stream().anyMatch(replica ->
                        input.cluster().backend(replica.getBackendId()).map(Backend::decommissioned).orElse(false));
                if (leaving && !blockedTablets.contains(tabletId) && !inFlight.tabletIds().contains(tabletId)) {
                    assertThat(decided).as(at + "tablet " + tabletId + " not blocked, yet nothing decided: "
                            + located.tablet().replicas).contains(tabletId);
                }
            }
        }

        /** While backends are not judged yet: no decision touches their tablets, and nothing is balanced. */
        private void checkUnsettled(SchedulingRound result) {
            for (SchedulerDecision decision : result.decisions()) {
                long tabletId = decision instanceof Clone clone ? clone.tabletId() : ((DropReplica) decision).tabletId();
                assertThat(model.tablet(tabletId).tablet().replicas).as("round %d: %s touches a tablet on a backend "
                        + "not judged yet (%s)", round, decision, unsettled)
                        .noneMatch(replica -> unsettled.contains(replica.getBackendId()));
                assertThat(decision instanceof Clone clone && clone.reason() == Clone.Reason.BALANCE)
                        .as("round %d: %s balances while %s are not judged", round, decision, unsettled).isFalse();
            }
        }

        private void check(SchedulerInput input, RunningClones inFlight, SchedulingRound result) {
            String at = "seed " + seed + " round " + round + ": ";
            ClusterView view = input.cluster();
            assertThat(result.decisions().size()).as(at + "batch").isLessThanOrEqualTo(config.scheduleBatchSize());
            Map<Long, Integer> slots = new HashMap<>(inFlight.slotsByBackend());
            Set<Long> decided = new HashSet<>();
            for (SchedulerDecision decision : result.decisions()) {
                assertThat(decided.add(decision.tabletId())).as(at + "one decision per tablet " + decision).isTrue();
                assertThat(inFlight.tabletIds()).as(at + "tablet already cloning " + decision)
                        .doesNotContain(decision.tabletId());
                assertThat(result.unrecoverable()).as(at + "unrecoverable tablet acted on " + decision)
                        .doesNotContainKey(decision.tabletId());
                if (!(decision instanceof Clone clone)) {
                    continue;
                }
                Located located = model.tablet(clone.tabletId());
                long destination = clone.destinationBackendId();
                String what = at + clone;
                assertThat(view.isAlive(destination)).as(what + " onto a dead or dropped backend").isTrue();
                Backend backend = view.backend(destination).orElseThrow();
                assertThat(backend.decommissioned()).as(what + " onto a decommissioned backend").isFalse();
                assertThat(view.runtime(destination).shuttingDown()).as(what + " onto a stopping backend").isFalse();
                assertThat(StorageRoom.hasRoom(view.runtime(destination), config)).as(what + " onto a full disk")
                        .isTrue();
                assertThat(located.table().allocation().stream().map(TagReplicaCount::getLocation))
                        .as(what + " wrong tag").contains(backend.location());
                boolean inPlace = located.tablet().replicas.stream().anyMatch(r -> r.getBackendId() == destination);
                if (!inPlace) {
                    Set<String> hosts = located.tablet().replicas.stream()
                            .map(r -> view.backend(r.getBackendId())).flatMap(java.util.Optional::stream)
                            .map(Backend::host).collect(Collectors.toSet());
                    assertThat(hosts).as(what + " onto a host holding the tablet").doesNotContain(backend.host());
                }
                ReplicaDefinition source = located.tablet().replicas.stream()
                        .filter(r -> r.getBackendId() == clone.sourceBackendId()).findFirst().orElseThrow();
                assertThat(view.isAlive(source.getBackendId())
                        && TabletHealth.versionComplete(source, located.partition().visibleVersion, input.unreadable()))
                        .as(what + " from an incomplete source").isTrue();
                slots.merge(clone.sourceBackendId(), 1, Integer::sum);
                slots.merge(destination, 1, Integer::sum);
            }
            for (Map.Entry<Long, Integer> entry : slots.entrySet()) {
                assertThat(entry.getValue()).as(at + "slots of backend " + entry.getKey())
                        .isLessThanOrEqualTo(config.scheduleSlotsPerHddPath());
            }
            if (config.disableTabletScheduler()) {
                assertThat(result.decisions()).isEmpty();
            }
        }

        private void checkDrop(SchedulerInput input, DropReplica drop) {
            Located located = model.tablet(drop.tabletId());
            long visible = located.partition().visibleVersion;
            long before = aliveComplete(located.tablet().replicas, visible, input);
            List<ReplicaDefinition> after = located.tablet().replicas.stream()
                    .filter(r -> r.getReplicaId() != drop.replicaId()).toList();
            long left = aliveComplete(after, visible, input);
            assertThat(left).as("seed " + seed + " round " + round + ": " + drop + " leaves too few complete replicas")
                    .isGreaterThanOrEqualTo(Math.min(before, located.table().replicationNum() / 2 + 1))
                    .isGreaterThanOrEqualTo(1);
        }

        private static long aliveComplete(List<ReplicaDefinition> replicas, long visible, SchedulerInput input) {
            return replicas.stream().filter(r -> input.cluster().isAlive(r.getBackendId())
                    && TabletHealth.versionComplete(r, visible, input.unreadable())).count();
        }

        /** Every backend alive with room; if enough clean hosts per tag, rounds must converge. */
        private boolean quietAndConverge() {
            for (long id : model.backends.keySet()) {
                model.alive.put(id, true);
                model.availableBytes.put(id, SimCluster.TOTAL_BYTES / 2);
            }
            model.shuttingDown.clear();
            if (!quietEnough()) {
                return false;
            }
            if (lastRoundLeftOut) {
                // The last backends settle: their tablets are seen again, and their repair delays
                // start now (a tablet left out had its first-unhealthy time forgotten), so one round
                // sees them before the long wait below lets every delay pass.
                unsettled = Set.of();
                nowMs += 1_000;
                round();
            }
            nowMs += 10_000_000;
            int quietRounds = 0;
            for (int r = 0; r < CONVERGENCE_ROUNDS && quietRounds < 2; r++) {
                nowMs += 1_000;
                int decisions = round();
                quietRounds = decisions == 0 && running.isEmpty() ? quietRounds + 1 : 0;
            }
            assertThat(quietRounds).as("seed " + seed + ": no quiet round within " + CONVERGENCE_ROUNDS).isEqualTo(2);
            ClusterView view = model.view();
            for (Located located : model.tablets()) {
                long visible = located.partition().visibleVersion;
                SimTablet tablet = located.tablet();
                TabletHealth health = TabletHealth.classify(
                        model.catalog().databases().get("db").table("t" + located.table().tableId()).orElseThrow()
                                .getPartitionsList().stream()
                                .filter(p -> p.getPartitionId() == located.partition().partitionId).findFirst()
                                .orElseThrow().getTabletsList().stream()
                                .filter(t -> t.getTabletId() == tablet.tabletId).findFirst().orElseThrow(),
                        visible, located.table().allocation(), view, model.unreadable());
                if (health.status().unrecoverable()) {
                    continue;
                }
                String what = "seed " + seed + ": tablet " + tablet.tabletId + " of " + located.table().allocation()
                        .stream().map(c -> c.getLocation() + ":" + c.getCount()).toList() + " at v" + visible
                        + " replicas " + tablet.replicas.stream().map(r -> r.getReplicaId() + "@" + r.getBackendId()
                                + " v" + r.getVersion() + " f" + r.getLastFailedVersion()).toList()
                        + " backends " + model.backends.values().stream().map(b -> b.id() + "/" + b.host() + "/"
                                + b.location() + (b.decommissioned() ? "/decom" : "")).toList()
                        + " config slots " + config.scheduleSlotsPerHddPath();
                assertThat(health.status()).as(what).isEqualTo(TabletHealth.Status.HEALTHY);
                assertThat(tablet.replicas).as(what).hasSize(located.table().replicationNum());
                Map<String, Integer> perLocation = new HashMap<>();
                Set<String> hosts = new HashSet<>();
                for (ReplicaDefinition replica : tablet.replicas) {
                    assertThat(view.isScheduleAvailable(replica.getBackendId())).as(what).isTrue();
                    assertThat(TabletHealth.versionComplete(replica, visible, model.unreadable())).as(what).isTrue();
                    Backend backend = view.backend(replica.getBackendId()).orElseThrow();
                    assertThat(hosts.add(backend.host())).as(what + " two replicas on a host").isTrue();
                    perLocation.merge(backend.location(), 1, Integer::sum);
                }
                Map<String, Integer> wanted = new HashMap<>();
                located.table().allocation().forEach(c -> wanted.merge(c.getLocation(), c.getCount(), Integer::sum));
                assertThat(perLocation).as(what).isEqualTo(wanted);
            }
            return true;
        }

        /**
         * Per wanted location, enough clean hosts: with a schedule-available backend, no
         * decommissioned one and no backend of another location (the scheduler, like Doris, does
         * not move a healthy replica off a host to make room for another location's).
         */
        private boolean quietEnough() {
            Map<String, Integer> wanted = new HashMap<>();
            for (SimTable table : model.tables) {
                for (TagReplicaCount count : table.allocation()) {
                    wanted.merge(count.getLocation(), count.getCount(), Math::max);
                }
            }
            Set<String> decommissionedHosts = model.backends.values().stream().filter(Backend::decommissioned)
                    .map(Backend::host).collect(Collectors.toSet());
            Map<String, Set<String>> locationsByHost = new HashMap<>();
            model.backends.values().forEach(b -> locationsByHost.computeIfAbsent(b.host(), h -> new HashSet<>())
                    .add(b.location()));
            locationsByHost.forEach((host, locations) -> {
                if (locations.size() > 1) {
                    decommissionedHosts.add(host);
                }
            });
            for (Map.Entry<String, Integer> entry : wanted.entrySet()) {
                long cleanHosts = model.backends.values().stream()
                        .filter(b -> !b.decommissioned() && b.location().equals(entry.getKey()))
                        .map(Backend::host).filter(host -> !decommissionedHosts.contains(host)).distinct().count();
                if (cleanHosts < entry.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }
}
