package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.scheduler.DrainBlocker.Reason;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each reason SHOW DECOMMISSION BLOCKERS gives, from a hand-built cluster: a replica on a leaving
 * backend is blocked for the first reason that holds, and one that only waits for a slot, or is
 * being cloned, is not listed.
 */
class DrainBlockersTest {
    private static final List<TagReplicaCount> THREE = List.of(
            TagReplicaCount.newBuilder().setLocation("default").setCount(3).build());
    private static final List<TagReplicaCount> ONE = List.of(
            TagReplicaCount.newBuilder().setLocation("default").setCount(1).build());
    private static final long NOW_MS = 10_000_000;

    private final SimCluster model = new SimCluster();
    private long a;
    private long b;
    private long c;
    private long d;
    private SimCluster.SimTablet tablet;

    @BeforeEach
    void fourBackendsOneTabletOnThreeOfThem() {
        a = model.addBackend("127.0.0.1", "default");
        b = model.addBackend("127.0.0.2", "default");
        c = model.addBackend("127.0.0.3", "default");
        d = model.addBackend("127.0.0.4", "default");
        tablet = model.addTablet(model.addPartition(model.addTable(THREE)), a, b, c);
        model.decommission(a);
    }

    @Test
    void aReplicaWithADestinationAndASourceIsNotBlocked() {
        assertThat(find(RuntimeConfig.DEFAULTS, Set.of(), DrainBlockers.Observed.NONE)).isEmpty();
    }

    @Test
    void aTabletBeingClonedIsMoving() {
        model.availableBytes.put(d, 0L);

        assertThat(find(RuntimeConfig.DEFAULTS, Set.of(tablet.tabletId), DrainBlockers.Observed.NONE)).isEmpty();
    }

    @Test
    void fullDestinationsAreNotEnoughSpaceAndNamed() {
        model.availableBytes.put(d, SimCluster.GIB);

        DrainBlocker blocker = only(find(RuntimeConfig.DEFAULTS, Set.of(), DrainBlockers.Observed.NONE));

        assertThat(blocker.reason()).isEqualTo(Reason.NOT_ENOUGH_SPACE);
        assertThat(blocker.backendId()).isEqualTo(a);
        assertThat(blocker.tabletId()).isEqualTo(tablet.tabletId);
        assertThat(blocker.detail()).startsWith("backend(s) " + d + " (99.9% used, 1073741824 bytes free) in "
                + "location default are over the storage watermarks");
    }

    @Test
    void noOtherHostIsNoDestination() {
        model.dropBackend(d);

        DrainBlocker blocker = only(find(RuntimeConfig.DEFAULTS, Set.of(), DrainBlockers.Observed.NONE));

        assertThat(blocker.reason()).isEqualTo(Reason.NO_DESTINATION);
        assertThat(blocker.detail()).contains("location default");
    }

    @Test
    void aDeadLeavingBackendWaitsForTheRepairDelayThenMovesFromTheOthers() {
        model.alive.put(a, false);
        RuntimeConfig config = RuntimeConfig.of(Map.of("tablet_repair_delay_factor_second", "60"));

        DrainBlocker blocker = only(DrainBlockers.find(model.input(config, NOW_MS,
                Map.of(tablet.tabletId, NOW_MS - 1_000), RunningClones.NONE), DrainBlockers.Observed.NONE));

        assertThat(blocker.reason()).isEqualTo(Reason.SOURCE_DEAD);
        assertThat(blocker.detail()).startsWith("backend(s) " + a + " holding a replica are dead");
        assertThat(DrainBlockers.find(model.input(config, NOW_MS, Map.of(tablet.tabletId, NOW_MS - 3_600_000),
                RunningClones.NONE), DrainBlockers.Observed.NONE)).as("past the delay").isEmpty();
    }

    @Test
    void aSoleReplicaOnADeadBackendIsSourceDead() {
        SimCluster.SimTablet sole = model.addTablet(model.addPartition(model.addTable(ONE)), a);
        model.alive.put(a, false);

        List<DrainBlocker> blockers = find(RuntimeConfig.DEFAULTS, Set.of(), DrainBlockers.Observed.NONE);

        DrainBlocker blocker = blockers.stream().filter(found -> found.tabletId() == sole.tabletId).findFirst()
                .orElseThrow();
        assertThat(blocker.reason()).isEqualTo(Reason.SOURCE_DEAD);
        assertThat(blocker.detail()).isEqualTo("the only complete replicas are on dead backend(s) " + a
                + "; it moves when one comes back");
    }

    @Test
    void noReplicaWithEveryVersionIsNoCompleteSource() {
        SimCluster.SimPartition partition = model.addPartition(model.addTable(ONE));
        SimCluster.SimTablet behind = model.addTablet(partition, a);
        partition.visibleVersion = 5;

        DrainBlocker blocker = find(RuntimeConfig.DEFAULTS, Set.of(), DrainBlockers.Observed.NONE).stream()
                .filter(found -> found.tabletId() == behind.tabletId).findFirst().orElseThrow();

        assertThat(blocker.reason()).isEqualTo(Reason.NO_COMPLETE_SOURCE);
        assertThat(blocker.detail()).isEqualTo("no alive replica holds every version up to 5");
    }

    @Test
    void aPendingRemovalWaitsForLoads() {
        long replicaOnA = replicaOn(a).getReplicaId();
        DrainBlockers.Observed observed = new DrainBlockers.Observed(Set.of(replicaOnA),
                Set.of(tablet.tabletId), Map.of(), Map.of(), Long.MAX_VALUE);

        assertThat(only(find(RuntimeConfig.DEFAULTS, Set.of(), observed)).reason()).isEqualTo(Reason.WAITING_FOR_LOADS);
    }

    @Test
    void aFailedCloneIsCloneFailingWithItsLastError() {
        DrainBlockers.Observed observed = new DrainBlockers.Observed(Set.of(), Set.of(),
                Map.of(tablet.tabletId, new DrainBlockers.CloneFailure("connection refused", NOW_MS - 5, 3)), Map.of(),
                Long.MAX_VALUE);

        DrainBlocker blocker = only(find(RuntimeConfig.DEFAULTS, Set.of(), observed));

        assertThat(blocker.reason()).isEqualTo(Reason.CLONE_FAILING);
        assertThat(blocker.lastError()).isEqualTo("connection refused");
        assertThat(blocker.sinceMs()).isEqualTo(NOW_MS - 5);
        assertThat(blocker.detail()).isEqualTo("3 failure(s) in a row; tried again");
    }

    @Test
    void aPausedJobAndADisabledSchedulerBlockEverything() {
        SchedulerInput paused = model.input(RuntimeConfig.DEFAULTS, NOW_MS, Map.of(), RunningClones.NONE, Set.of(),
                Set.of(a));

        assertThat(only(DrainBlockers.find(paused, DrainBlockers.Observed.NONE)).reason()).isEqualTo(Reason.PAUSED);
        tablet.replicas.add(SimCluster.completeReplica(model.nextId(), d, 1));
        assertThat(DrainBlockers.find(model.input(RuntimeConfig.DEFAULTS, NOW_MS, Map.of(), RunningClones.NONE,
                Set.of(), Set.of(a)), DrainBlockers.Observed.NONE))
                .as("a clone finished before the pause: its redundant replica's drop proceeds").isEmpty();
        assertThat(only(find(RuntimeConfig.of(Map.of("disable_tablet_scheduler", "true")), Set.of(),
                DrainBlockers.Observed.NONE)).reason()).isEqualTo(Reason.SCHEDULER_DISABLED);
    }

    @Test
    void aReplicaOnlyWaitingIsStalledOnceItsDrainMadeNoProgressForTheStallTime() {
        DrainBlockers.Observed recent = new DrainBlockers.Observed(Set.of(), Set.of(), Map.of(),
                Map.of(a, NOW_MS - 59_000), 60_000);
        DrainBlockers.Observed stalled = new DrainBlockers.Observed(Set.of(), Set.of(), Map.of(),
                Map.of(a, NOW_MS - 60_000), 60_000);

        assertThat(find(RuntimeConfig.DEFAULTS, Set.of(), recent)).isEmpty();
        DrainBlocker blocker = only(find(RuntimeConfig.DEFAULTS, Set.of(), stalled));
        assertThat(blocker.reason()).isEqualTo(Reason.STALLED);
        assertThat(blocker.sinceMs()).isEqualTo(NOW_MS - 60_000);
    }

    @Test
    void namesComeFromTheCatalog() {
        model.availableBytes.put(d, 0L);

        DrainBlocker blocker = only(find(RuntimeConfig.DEFAULTS, Set.of(), DrainBlockers.Observed.NONE));

        assertThat(List.of(blocker.database(), blocker.table(), blocker.partition())).containsExactly("db",
                "t" + model.tables.get(0).tableId(), "p" + model.tables.get(0).partitions().get(0).partitionId);
        assertThat(blocker.replicaId()).isEqualTo(replicaOn(a).getReplicaId());
    }

    private List<DrainBlocker> find(RuntimeConfig config, Set<Long> cloning, DrainBlockers.Observed observed) {
        return DrainBlockers.find(model.input(config, NOW_MS, Map.of(), new RunningClones(cloning, Map.of())),
                observed);
    }

    private ReplicaDefinition replicaOn(long backendId) {
        return tablet.replicas.stream().filter(replica -> replica.getBackendId() == backendId).findFirst()
                .orElseThrow();
    }

    private static DrainBlocker only(List<DrainBlocker> blockers) {
        assertThat(blockers).hasSize(1);
        return blockers.get(0);
    }
}
