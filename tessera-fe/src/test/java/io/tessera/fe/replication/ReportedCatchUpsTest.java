package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportedCatchUpsTest {
    private static final long VISIBLE = 7;

    /** Reports by replica id: the version a backend reported, and whether bad or otherwise unreadable. */
    private static final class FakeReports implements ReportedCatchUps.Reported {
        final Map<Long, ReplicaStats> stats = new HashMap<>();
        final Set<Long> unreadable = new HashSet<>();

        FakeReports report(long replicaId, long backendId, long version, boolean bad) {
            stats.put(replicaId, new ReplicaStats(backendId, 1, replicaId, version, 1, 100, 10, bad, "", 0));
            return this;
        }

        @Override
        public Optional<ReplicaStats> replica(long replicaId, long backendId) {
            return Optional.ofNullable(stats.get(replicaId)).filter(s -> s.backendId() == backendId);
        }

        @Override
        public boolean unreadable(long replicaId, long backendId) {
            return unreadable.contains(replicaId);
        }
    }

    private static ReplicaDefinition replica(long id, long backendId, long version, long lastFailedVersion) {
        return ReplicaDefinition.newBuilder().setReplicaId(id).setBackendId(backendId).setVersion(version)
                .setLastFailedVersion(lastFailedVersion).build();
    }

    private static TabletLocation tablet(long tabletId, long visibleVersion, ReplicaDefinition... replicas) {
        TabletDefinition tablet = TabletDefinition.newBuilder().setTabletId(tabletId).addAllReplicas(List.of(replicas))
                .build();
        PartitionDefinition partition = PartitionDefinition.newBuilder().setPartitionId(20).setVisibleVersion(
                visibleVersion).addTablets(tablet).build();
        TableDefinition table = TableDefinition.newBuilder().setTableId(10).addPartitions(partition).build();
        return new TabletLocation(1, table, partition, tablet);
    }

    @Test
    void everyReplicaMarkedFailedButReportedAtTheVisibleVersionIsRecordedComplete() {
        // The publish answers of all three were lost: the catalog marks every replica failed at 7,
        // while each backend published it.
        TabletLocation place = tablet(100, VISIBLE, replica(1, 11, 6, 7), replica(2, 12, 6, 7), replica(3, 13, 6, 7));
        FakeReports reports = new FakeReports().report(1, 11, 7, false).report(2, 12, 7, false).report(3, 13, 7, false);

        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), reports)).containsExactly(
                new ReportedCatchUps.CatchUp(place, 1, 11, VISIBLE), new ReportedCatchUps.CatchUp(place, 2, 12, VISIBLE),
                new ReportedCatchUps.CatchUp(place, 3, 13, VISIBLE));
    }

    @Test
    void aReplicaReportedBehindTheVisibleVersionStillNeedsAClone() {
        TabletLocation place = tablet(100, VISIBLE, replica(1, 11, 7, -1), replica(2, 12, 5, 7));
        FakeReports reports = new FakeReports().report(1, 11, 7, false).report(2, 12, 6, false);

        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), reports)).isEmpty();
    }

    @Test
    void aReportAheadOfTheVisibleVersionRecordsOnlyTheVisibleVersion() {
        TabletLocation place = tablet(100, VISIBLE, replica(1, 11, 5, 6));
        FakeReports reports = new FakeReports().report(1, 11, 9, false);

        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), reports))
                .containsExactly(new ReportedCatchUps.CatchUp(place, 1, 11, VISIBLE));
    }

    @Test
    void badUnreadableUnreportedOrBusyReplicasAreLeftToTheScheduler() {
        TabletLocation place = tablet(100, VISIBLE, replica(1, 11, 6, 7), replica(2, 12, 6, 7), replica(3, 13, 6, 7));
        FakeReports reports = new FakeReports().report(1, 11, 7, true).report(2, 12, 7, false);
        reports.unreadable.add(2L);
        // Replica 3: no report of it (its backend has not reported since the FE started).
        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), reports)).isEmpty();

        FakeReports allGood = new FakeReports().report(1, 11, 7, false);
        assertThat(ReportedCatchUps.find(List.of(place), Set.of(100L), allGood)).as("a clone runs on the tablet")
                .isEmpty();
        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), allGood)).hasSize(1);
    }

    @Test
    void aReportOfAnotherBackendSaysNothingOfThisReplica() {
        TabletLocation place = tablet(100, VISIBLE, replica(1, 11, 6, 7));
        FakeReports reports = new FakeReports().report(1, 99, 7, false);

        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), reports)).isEmpty();
    }

    @Test
    void completeReplicasAreNeverRecordedAgain() {
        TabletLocation place = tablet(100, VISIBLE, replica(1, 11, 7, -1), replica(2, 12, 8, -1));
        FakeReports reports = new FakeReports().report(1, 11, 7, false).report(2, 12, 8, false);

        assertThat(ReportedCatchUps.find(List.of(place), Set.of(), reports)).isEmpty();
    }

    /**
     * Random tablets and reports (seeded; a failing seed replays): a catch-up is found exactly for
     * the incomplete, readable, reported, not-bad replicas of idle tablets whose own backend reports
     * the visible version, and always at the visible version.
     */
    @Test
    void randomTabletsAndReportsFindExactlyTheProvenCatchUps() {
        for (long seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            List<TabletLocation> places = new ArrayList<>();
            FakeReports reports = new FakeReports();
            Set<Long> busy = new HashSet<>();
            long replicaId = 1;
            for (int t = 0; t < 1 + random.nextInt(4); t++) {
                long visible = 2 + random.nextInt(6);
                List<ReplicaDefinition> replicas = new ArrayList<>();
                for (int r = 0; r < 1 + random.nextInt(3); r++) {
                    long version = 1 + random.nextInt((int) visible);
                    long lastFailed = random.nextBoolean() ? -1 : version + 1 + random.nextInt((int) visible);
                    long backendId = 10 + r;
                    replicas.add(replica(replicaId, backendId, version, lastFailed));
                    if (random.nextInt(4) > 0) {
                        reports.report(replicaId, random.nextInt(8) == 0 ? 99 : backendId,
                                1 + random.nextInt((int) visible + 2), random.nextInt(8) == 0);
                    }
                    if (random.nextInt(8) == 0) {
                        reports.unreadable.add(replicaId);
                    }
                    replicaId++;
                }
                long tabletId = 100 + t;
                if (random.nextInt(6) == 0) {
                    busy.add(tabletId);
                }
                places.add(tablet(tabletId, visible, replicas.toArray(ReplicaDefinition[]::new)));
            }
            List<ReportedCatchUps.CatchUp> found = ReportedCatchUps.find(places, busy, reports);
            List<ReportedCatchUps.CatchUp> expected = new ArrayList<>();
            for (TabletLocation place : places) {
                long visible = place.partition().getVisibleVersion();
                for (ReplicaDefinition replica : place.tablet().getReplicasList()) {
                    Optional<ReplicaStats> stats = reports.replica(replica.getReplicaId(), replica.getBackendId());
                    boolean incomplete = replica.getVersion() < visible || replica.getLastFailedVersion() >= 1;
                    boolean proven = stats.isPresent() && !stats.get().bad() && stats.get().version() >= visible
                            && !reports.unreadable.contains(replica.getReplicaId())
                            && replica.getLastFailedVersion() <= visible;
                    if (incomplete && proven && !busy.contains(place.tabletId())) {
                        expected.add(new ReportedCatchUps.CatchUp(place, replica.getReplicaId(),
                                replica.getBackendId(), visible));
                    }
                }
            }
            assertThat(found).as("seed " + seed).isEqualTo(expected);
        }
    }
}
