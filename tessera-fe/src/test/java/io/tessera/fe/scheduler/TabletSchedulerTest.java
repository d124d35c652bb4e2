package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.scheduler.SimCluster.SimPartition;
import io.tessera.fe.scheduler.SimCluster.SimTable;
import io.tessera.fe.scheduler.SimCluster.SimTablet;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision rules one at a time, on small hand-built clusters. */
class TabletSchedulerTest {
    private static final long NOW_MS = 10_000_000;

    /** Three backends on three hosts holding one 3-replica tablet, plus spare backends on new hosts. */
    private static final class Fixture {
        final SimCluster model = new SimCluster();
        final long b1 = model.addBackend("h1", BackendTags.DEFAULT_LOCATION);
        final long b2 = model.addBackend("h2", BackendTags.DEFAULT_LOCATION);
        final long b3 = model.addBackend("h3", BackendTags.DEFAULT_LOCATION);
        final SimTable table;
        final SimPartition partition;
        final SimTablet tablet;

        Fixture(int replicationNum) {
            table = model.addTable(List.of(TagReplicaCount.newBuilder()
                    .setLocation(BackendTags.DEFAULT_LOCATION).setCount(replicationNum).build()));
            partition = model.addPartition(table);
            long[] backends = {b1, b2, b3};
            tablet = model.addTablet(partition, java.util.Arrays.copyOf(backends, replicationNum));
        }

        SchedulingRound round(Map<String, String> config, long nowMs, Map<Long, Long> unhealthySinceMs) {
            return TabletScheduler.schedule(model.input(RuntimeConfig.of(config), nowMs, unhealthySinceMs,
                    RunningClones.NONE), new Random(7));
        }

        SchedulingRound round() {
            return round(Map.of(), NOW_MS, Map.of());
        }
    }

    static Stream<Arguments> repairDelay() {
        // replication, backends killed, first seen unhealthy ms before now, expect a clone
        return Stream.of(
                Arguments.of(3, 1, 0L, false),            // NORMAL: waits 2 × 60 s
                Arguments.of(3, 1, 119_000L, false),
                Arguments.of(3, 1, 120_000L, true),
                Arguments.of(3, 2, 0L, true),             // below a majority: at once
                Arguments.of(2, 1, 0L, true),             // 1 of 2 left is below a majority
                Arguments.of(1, 1, 0L, false));           // nothing alive: UNAVAILABLE, left alone
    }

    @ParameterizedTest
    @MethodSource
    void repairDelay(int replicationNum, int killed, long unhealthyForMs, boolean expectClone) {
        Fixture fixture = new Fixture(replicationNum);
        fixture.model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        List<Long> victims = List.of(fixture.b1, fixture.b2, fixture.b3).subList(0, killed);
        victims.forEach(id -> fixture.model.alive.put(id, false));
        long tabletId = fixture.tablet.tabletId;
        SchedulingRound round = fixture.round(Map.of(), NOW_MS, Map.of(tabletId, NOW_MS - unhealthyForMs));
        assertThat(round.unhealthy()).contains(tabletId);
        assertThat(round.decisions()).hasSize(expectClone ? 1 : 0);
        if (expectClone) {
            Clone clone = (Clone) round.decisions().get(0);
            assertThat(clone.reason()).isEqualTo(Clone.Reason.REPAIR_MISSING);
            assertThat(victims).doesNotContain(clone.sourceBackendId(), clone.destinationBackendId());
        }
        if (replicationNum == 1) {
            assertThat(round.unrecoverable()).containsEntry(tabletId, TabletHealth.Status.UNAVAILABLE);
        }
    }

    @Test
    void relocatesOffADecommissionedBackendAtOnceEvenWithBalanceDisabled() {
        Fixture fixture = new Fixture(3);
        long spare = fixture.model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        fixture.model.decommission(fixture.b1);
        SchedulingRound round = fixture.round(Map.of("disable_balance", "true"), NOW_MS, Map.of());
        assertThat(round.decisions()).singleElement().isEqualTo(new Clone(fixture.tablet.tabletId,
                fixture.partition.partitionId, ((Clone) round.decisions().get(0)).sourceBackendId(), spare,
                Clone.Reason.RELOCATE_DECOMMISSION, TabletHealth.Priority.LOW));
        assertThat(fixture.round(Map.of("disable_tablet_scheduler", "true"), NOW_MS, Map.of()).decisions())
                .isEmpty();
    }

    @Test
    void singleReplicaOnADecommissionedBackendIsClonedFromIt() {
        Fixture fixture = new Fixture(1);
        fixture.model.decommission(fixture.b1);
        Clone clone = (Clone) fixture.round().decisions().get(0);
        assertThat(clone.sourceBackendId()).isEqualTo(fixture.b1);
        assertThat(clone.destinationBackendId()).isIn(fixture.b2, fixture.b3);
    }

    static Stream<Arguments> redundantDrop() {
        // how the extra replica's backend is spoiled, expected reason
        return Stream.of(
                Arguments.of("dropped", DropReplica.Reason.BACKEND_DROPPED),
                Arguments.of("bad", DropReplica.Reason.BAD_REPLICA),
                Arguments.of("decommissioned", DropReplica.Reason.BACKEND_DECOMMISSIONED),
                Arguments.of("incomplete", DropReplica.Reason.VERSION_INCOMPLETE),
                Arguments.of("none", DropReplica.Reason.REDUNDANT));
    }

    @ParameterizedTest
    @MethodSource
    void redundantDrop(String spoil, DropReplica.Reason expected) {
        Fixture fixture = new Fixture(3);
        long extra = fixture.model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        fixture.tablet.replicas.add(SimCluster.completeReplica(fixture.model.nextId(), extra, 1));
        long extraReplicaId = fixture.tablet.replicas.get(3).getReplicaId();
        // the extra backend is the most loaded, so "none" picks it too
        fixture.model.addTablet(fixture.model.addPartition(fixture.table), extra);
        switch (spoil) {
            case "dropped" -> fixture.model.dropBackend(extra);
            case "bad" -> fixture.model.unreadableReplicaIds.add(extraReplicaId);
            case "decommissioned" -> fixture.model.decommission(extra);
            case "incomplete" -> fixture.tablet.replicas.set(3, fixture.tablet.replicas.get(3).toBuilder()
                    .setLastFailedVersion(1).build());
            default -> { }
        }
        List<SchedulerDecision> decisions = fixture.round(Map.of("disable_balance", "true"), NOW_MS, Map.of())
                .decisions().stream().filter(d -> d.tabletId() == fixture.tablet.tabletId).toList();
        assertThat(decisions).containsExactly(
                new DropReplica(fixture.tablet.tabletId, extraReplicaId, extra, expected));
    }

    @Test
    void neverDropsBelowTheReplicationNumberOfCompleteReplicas() {
        Fixture fixture = new Fixture(2);
        // a third replica, but the two originals: one incomplete, so the extra complete one stays
        fixture.tablet.replicas.add(SimCluster.completeReplica(fixture.model.nextId(), fixture.b3, 1));
        fixture.tablet.replicas.set(0, fixture.tablet.replicas.get(0).toBuilder().setLastFailedVersion(1).build());
        List<SchedulerDecision> decisions = fixture.round().decisions();
        assertThat(decisions).singleElement().isInstanceOfSatisfying(DropReplica.class,
                drop -> assertThat(drop.backendId()).isEqualTo(fixture.b1));
    }

    static Stream<Arguments> destinationFilters() {
        return Stream.of(
                Arguments.of("dead", true),
                Arguments.of("decommissioned", true),
                Arguments.of("shutting down", true),
                Arguments.of("over the high watermark", true),
                Arguments.of("under 2 GiB free", true),
                Arguments.of("same host", true),
                Arguments.of("other tag", true),
                Arguments.of("usable", false));
    }

    @ParameterizedTest
    @MethodSource
    void destinationFilters(String spoil, boolean refused) {
        Fixture fixture = new Fixture(3);
        fixture.model.alive.put(fixture.b1, false);
        String host = spoil.equals("same host") ? "h2" : "h4";
        String location = spoil.equals("other tag") ? "east" : BackendTags.DEFAULT_LOCATION;
        long candidate = fixture.model.addBackend(host, location);
        switch (spoil) {
            case "dead" -> fixture.model.alive.put(candidate, false);
            case "decommissioned" -> fixture.model.decommission(candidate);
            case "shutting down" -> fixture.model.shuttingDown.add(candidate);
            case "over the high watermark" -> fixture.model.availableBytes.put(candidate, SimCluster.TOTAL_BYTES / 10);
            case "under 2 GiB free" -> fixture.model.availableBytes.put(candidate, SimCluster.GIB);
            default -> { }
        }
        // two of three replicas dead, below a majority: repair is due at once; the dead replicas are kept
        fixture.model.alive.put(fixture.b2, false);
        List<SchedulerDecision> decisions = fixture.round().decisions();
        if (refused) {
            assertThat(decisions).as(spoil).isEmpty();
        } else {
            assertThat(decisions).singleElement().isInstanceOfSatisfying(Clone.class,
                    clone -> assertThat(clone.destinationBackendId()).isEqualTo(candidate));
        }
    }

    @Test
    void watermarksComeFromTheRuntimeConfig() {
        var runtime = SimCluster.runtime(true, SimCluster.TOTAL_BYTES / 10, false);
        assertThat(StorageRoom.hasRoom(runtime, RuntimeConfig.DEFAULTS)).isFalse();
        assertThat(StorageRoom.hasRoom(runtime, RuntimeConfig.of(Map.of(
                "storage_high_watermark_usage_percent", "92")))).isTrue();
        assertThat(StorageRoom.hasRoom(runtime, RuntimeConfig.of(Map.of(
                "storage_high_watermark_usage_percent", "99", "storage_flood_stage_usage_percent", "90")))).isFalse();
    }

    @Test
    void slotsAndBatchBoundTheRound() {
        SimCluster model = new SimCluster();
        long source = model.addBackend("h1", BackendTags.DEFAULT_LOCATION);
        model.addBackend("h2", BackendTags.DEFAULT_LOCATION);
        model.addBackend("h3", BackendTags.DEFAULT_LOCATION);
        SimTable table = model.addTable(List.of(TagReplicaCount.newBuilder()
                .setLocation(BackendTags.DEFAULT_LOCATION).setCount(2).build()));
        SimPartition partition = model.addPartition(table);
        long dead = model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        for (int i = 0; i < 10; i++) {
            model.addTablet(partition, source, dead);
        }
        model.alive.put(dead, false);
        Map<String, String> config = new HashMap<>(Map.of("schedule_slot_num_per_hdd_path", "3",
                "tablet_repair_delay_factor_second", "0"));
        SchedulingRound round = TabletScheduler.schedule(model.input(RuntimeConfig.of(config), NOW_MS, Map.of(),
                RunningClones.NONE), new Random(1));
        assertThat(round.decisions()).hasSize(3).allSatisfy(d -> assertThat(((Clone) d).sourceBackendId())
                .isEqualTo(source));
        round = TabletScheduler.schedule(model.input(RuntimeConfig.of(config), NOW_MS, Map.of(),
                new RunningClones(Set.of(), Map.of(source, 2))), new Random(1));
        assertThat(round.decisions()).hasSize(1);
        config.put("schedule_slot_num_per_hdd_path", "100");
        config.put("schedule_batch_size", "4");
        round = TabletScheduler.schedule(model.input(RuntimeConfig.of(config), NOW_MS, Map.of(),
                RunningClones.NONE), new Random(1));
        assertThat(round.decisions()).hasSize(4);
    }

    @Test
    void balanceCountsTheWorkInFlightSoItDoesNotMoveTheSameSurplusTwice() {
        SimCluster model = new SimCluster();
        long full = model.addBackend("h1", BackendTags.DEFAULT_LOCATION);
        long empty = model.addBackend("h2", BackendTags.DEFAULT_LOCATION);
        SimPartition partition = model.addPartition(model.addTable(List.of(TagReplicaCount.newBuilder()
                .setLocation(BackendTags.DEFAULT_LOCATION).setCount(1).build())));
        for (int i = 0; i < 6; i++) {
            model.addTablet(partition, full);
        }
        assertThat(TabletScheduler.schedule(model.input(RuntimeConfig.DEFAULTS, NOW_MS, Map.of(),
                RunningClones.NONE), new Random(3)).decisions()).isNotEmpty();

        // Three balance clones from full to empty are running: the catalog still says 6 and 0.
        RunningClones inFlight = new RunningClones(Set.of(), Map.of(), Map.of(full, -3L, empty, 3L));

        assertThat(TabletScheduler.schedule(model.input(RuntimeConfig.DEFAULTS, NOW_MS, Map.of(), inFlight),
                new Random(3)).decisions()).isEmpty();
    }

    @Test
    void balanceMovesFromTheFullestToTheEmptiestAndOnlyWhenEnabled() {
        SimCluster model = new SimCluster();
        long full = model.addBackend("h1", BackendTags.DEFAULT_LOCATION);
        long other = model.addBackend("h2", BackendTags.DEFAULT_LOCATION);
        SimTable table = model.addTable(List.of(TagReplicaCount.newBuilder()
                .setLocation(BackendTags.DEFAULT_LOCATION).setCount(1).build()));
        SimPartition partition = model.addPartition(table);
        for (int i = 0; i < 6; i++) {
            model.addTablet(partition, full);
        }
        model.addTablet(partition, other);
        long empty = model.addBackend("h3", BackendTags.DEFAULT_LOCATION);
        long leaving = model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        model.decommission(leaving);
        SchedulingRound round = TabletScheduler.schedule(model.input(RuntimeConfig.of(Map.of(
                "max_balancing_tablets", "2")), NOW_MS, Map.of(), RunningClones.NONE), new Random(3));
        assertThat(round.decisions()).hasSize(2).allSatisfy(decision -> {
            Clone clone = (Clone) decision;
            assertThat(clone.reason()).isEqualTo(Clone.Reason.BALANCE);
            assertThat(clone.sourceBackendId()).isEqualTo(full);
            assertThat(clone.destinationBackendId()).isIn(empty, other).isNotEqualTo(leaving);
        });
        assertThat(TabletScheduler.schedule(model.input(RuntimeConfig.of(Map.of("disable_balance", "true")), NOW_MS,
                Map.of(), RunningClones.NONE), new Random(3)).decisions()).isEmpty();
    }

    @Test
    void justAfterAStartTabletsOnBackendsNotJudgedYetAreLeftOutAndTheOthersDrainWithoutBalance() {
        SimCluster model = new SimCluster();
        long leaving = model.addBackend("h1", BackendTags.DEFAULT_LOCATION);
        long reported = model.addBackend("h2", BackendTags.DEFAULT_LOCATION);
        long notReported = model.addBackend("h3", BackendTags.DEFAULT_LOCATION);
        long spare = model.addBackend("h4", BackendTags.DEFAULT_LOCATION);
        SimTable table = model.addTable(List.of(TagReplicaCount.newBuilder()
                .setLocation(BackendTags.DEFAULT_LOCATION).setCount(2).build()));
        SimPartition partition = model.addPartition(table);
        SimTablet ready = model.addTablet(partition, leaving, reported);
        SimTablet waiting = model.addTablet(partition, leaving, notReported);
        for (int i = 0; i < 6; i++) {
            model.addTablet(partition, reported, notReported); // a surplus balance would move, once it may
        }
        model.decommission(leaving);
        SchedulerInput settled = model.input(RuntimeConfig.of(Map.of()), NOW_MS, Map.of(), RunningClones.NONE);
        SchedulerInput input = new SchedulerInput(settled.catalog(), settled.cluster(), settled.unreadable(),
                settled.config(), NOW_MS, Map.of(), RunningClones.NONE, settled.plan(), Set.of(), Set.of(),
                Set.of(notReported));

        SchedulingRound round = TabletScheduler.schedule(input, new Random(5));

        assertThat(round.decisions()).singleElement().satisfies(decision -> {
            Clone clone = (Clone) decision;
            assertThat(clone.tabletId()).isEqualTo(ready.tabletId);
            assertThat(clone.reason()).isEqualTo(Clone.Reason.RELOCATE_DECOMMISSION);
            assertThat(clone.destinationBackendId()).isIn(notReported, spare);
        });
        assertThat(round.queue()).containsExactly(ready.tabletId);
        assertThat(round.unhealthy()).doesNotContain(waiting.tabletId);
        // Settled, the waiting tablet is decided too, and balance runs again.
        SchedulingRound after = TabletScheduler.schedule(settled, new Random(5));
        assertThat(after.decisions()).extracting(decision -> ((Clone) decision).tabletId())
                .contains(ready.tabletId, waiting.tabletId);
        assertThat(after.decisions()).anySatisfy(decision ->
                assertThat(((Clone) decision).reason()).isEqualTo(Clone.Reason.BALANCE));
    }

    @Test
    void unhealthySinceKeepsTheFirstTimeAndForgetsHealthyTablets() {
        Map<Long, Long> first = UnhealthySince.next(Map.of(), Set.of(1L, 2L), 100);
        Map<Long, Long> second = UnhealthySince.next(first, Set.of(2L, 3L), 200);
        assertThat(second).isEqualTo(Map.of(2L, 100L, 3L, 200L));
    }
}
