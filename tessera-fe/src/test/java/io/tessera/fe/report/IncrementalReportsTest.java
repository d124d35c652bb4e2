package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropBackendRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Incremental tablet reports: merged into the backend's last report, refused (full report
 * required) when they do not follow it, and equivalent to full reports over random histories.
 */
class IncrementalReportsTest {
    private static final long BE = 10002;
    private static final long TABLE = 11;
    private static final long EPOCH = 1_764_000_000_000L;
    private static final TabletReportResponse FULL_REQUIRED =
            TabletReportResponse.newBuilder().setFullReportRequired(true).build();

    private final BackendRegistry registry = new BackendRegistry();
    private final ManualClock clock = new ManualClock(1_764_150_930_000L);

    /** A handler with its own soft state, over a catalog and the registry above, recording its orders. */
    private final class Frontend {
        final TabletReports reports = new TabletReports();
        final List<Reconciliation.TrashOrder> trashed = new ArrayList<>();
        final List<StrayTransactions.AbortOrder> aborted = new ArrayList<>();
        final TabletReportHandler handler;

        Frontend(Catalog catalog) {
            handler = new TabletReportHandler(registry::snapshot, catalog::snapshot, reports,
                    new ReportReconciler(clock, 60_000), () -> WorkInFlight.NONE, trashed::add,
                    new StrayTransactions(clock, 60_000, Set::of, aborted::add), clock);
        }
    }

    private void register(long id) {
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(id).setHost("127.0.0." + (id - BE + 1))
                .setHeartbeatPort(9050).build());
    }

    private static ReplicaReport replica(long tabletId, long replicaId, long version, long bytes) {
        return ReplicaReport.newBuilder().setTableId(TABLE).setTabletId(tabletId).setReplicaId(replicaId)
                .setVersion(version).setRowsetCount((int) version).setDataSizeBytes(bytes).setRowCount(bytes / 10)
                .build();
    }

    private static TabletReport full(long sequence, Iterable<ReplicaReport> replicas) {
        return TabletReport.newBuilder().setBackendId(BE).setHost("127.0.0.1").setBePort(9060).setSequence(sequence)
                .setReporterEpoch(EPOCH).addAllReplicas(replicas).build();
    }

    private static TabletReport delta(long sequence, long base, List<ReplicaReport> changed, List<Long> removed) {
        return TabletReport.newBuilder().setBackendId(BE).setHost("127.0.0.1").setBePort(9060).setIncremental(true)
                .setSequence(sequence).setBaseSequence(base).setReporterEpoch(EPOCH).addAllReplicas(changed)
                .addAllRemovedTabletIds(removed).build();
    }

    /** Table 11 placing tablets 1..tablets with replica id tablet*10 on BE. */
    private static Catalog catalogPlacing(int tablets) {
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(20).setName("t")
                .setVisibleVersion(1);
        for (long tablet = 1; tablet <= tablets; tablet++) {
            partition.addTablets(TabletDefinition.newBuilder().setTabletId(tablet)
                    .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(tablet * 10).setBackendId(BE)));
        }
        Catalog catalog = new Catalog();
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(TableDefinition.newBuilder()
                .setTableId(TABLE).setName("t").addPartitions(partition)).build());
        return catalog;
    }

    @Test
    void aDeltaIsMergedIntoTheLastReport() {
        register(BE);
        Frontend fe = new Frontend(catalogPlacing(3));
        fe.handler.handle(full(1, List.of(replica(1, 10, 2, 100), replica(2, 20, 2, 200), replica(3, 30, 2, 300))));
        fe.handler.handle(full(2, List.of(replica(1, 10, 2, 100), replica(2, 20, 2, 200), replica(3, 30, 2, 300))));
        clock.advance(5, TimeUnit.SECONDS);

        TabletReportResponse answer = fe.handler.handle(delta(3, 2, List.of(replica(1, 10, 3, 150)), List.of(3L)));

        assertThat(answer).isEqualTo(TabletReportResponse.getDefaultInstance());
        assertThat(fe.reports.replica(10, BE)).hasValueSatisfying(stats -> {
            assertThat(stats.version()).isEqualTo(3);
            assertThat(stats.dataSizeBytes()).isEqualTo(150);
            assertThat(stats.reportTimeMs()).isEqualTo(clock.wallMillis());
        });
        assertThat(fe.reports.replica(20, BE)).hasValueSatisfying(stats ->
                assertThat(stats.dataSizeBytes()).isEqualTo(200));
        assertThat(fe.reports.replica(30, BE)).isEmpty();
        assertThat(fe.reports.missing(30, BE)).as("removed, though the catalog places it there").isTrue();

        fe.handler.handle(delta(4, 3, List.of(replica(3, 30, 2, 300)), List.of()));
        assertThat(fe.reports.missing(30, BE)).as("reported again").isFalse();
    }

    @Test
    void aReportOfTheSameProcessNotPastTheLastAppliedIsIgnored() {
        register(BE);
        Frontend fe = new Frontend(catalogPlacing(1));
        fe.handler.handle(full(6, List.of(replica(1, 10, 3, 300))));

        assertThat(fe.handler.handle(full(5, List.of(replica(1, 10, 2, 100)))))
                .isEqualTo(TabletReportResponse.getDefaultInstance());
        fe.handler.handle(full(6, List.of(replica(1, 10, 2, 100))));

        assertThat(fe.reports.replica(10, BE)).as("the older full reports arrived late: not applied")
                .hasValueSatisfying(stats -> assertThat(stats.dataSizeBytes()).isEqualTo(300));
        fe.handler.handle(full(1, List.of(replica(1, 10, 2, 100))).toBuilder().setReporterEpoch(EPOCH + 1).build());
        assertThat(fe.reports.replica(10, BE)).as("a new process starts its numbers again")
                .hasValueSatisfying(stats -> assertThat(stats.dataSizeBytes()).isEqualTo(100));
    }

    @Test
    void aDeltaWithoutAFullReportSinceTheFrontendStartedAsksForOne() {
        register(BE);
        Frontend fe = new Frontend(catalogPlacing(1));

        assertThat(fe.handler.handle(delta(8, 7, List.of(replica(1, 10, 2, 100)), List.of()))).isEqualTo(FULL_REQUIRED);
        assertThat(fe.reports.reported(BE)).as("readiness waits for a full report").isFalse();
        assertThat(fe.reports.replica(10, BE)).isEmpty();

        fe.handler.handle(full(9, List.of(replica(1, 10, 2, 100))));
        assertThat(fe.reports.reported(BE)).isTrue();
    }

    @Test
    void aGapOrAnotherBackendProcessAsksForAFullReportAndChangesNothing() {
        register(BE);
        Frontend fe = new Frontend(catalogPlacing(1));
        fe.handler.handle(full(5, List.of(replica(1, 10, 2, 100))));

        assertThat(fe.handler.handle(delta(7, 6, List.of(replica(1, 10, 3, 999)), List.of()))).isEqualTo(FULL_REQUIRED);
        assertThat(fe.handler.handle(delta(6, 5, List.of(replica(1, 10, 3, 999)), List.of()).toBuilder()
                .setReporterEpoch(EPOCH + 1).build())).isEqualTo(FULL_REQUIRED);
        assertThat(fe.reports.replica(10, BE)).hasValueSatisfying(stats ->
                assertThat(stats.dataSizeBytes()).isEqualTo(100));

        assertThat(fe.handler.handle(delta(6, 5, List.of(replica(1, 10, 3, 999)), List.of())))
                .isEqualTo(TabletReportResponse.getDefaultInstance());
        assertThat(fe.reports.replica(10, BE)).hasValueSatisfying(stats ->
                assertThat(stats.dataSizeBytes()).isEqualTo(999));
    }

    @Test
    void aBackendDroppedAndAddedAgainUnderTheSameIdStartsWithAFullReport() {
        register(BE);
        register(BE + 1);
        Frontend fe = new Frontend(catalogPlacing(1));
        fe.handler.handle(full(1, List.of(replica(1, 10, 2, 100))));
        registry.replay(DropBackendRecord.newBuilder().setBackendId(BE).build());
        fe.handler.handle(full(1, List.of()).toBuilder().setBackendId(BE + 1).build());
        register(BE);

        assertThat(fe.handler.handle(delta(2, 1, List.of(), List.of()))).isEqualTo(FULL_REQUIRED);
    }

    @Test
    void whileAnUnknownReplicaWaitsOutItsGraceTheBackendIsAskedToReportWhenItEnds() {
        register(BE);
        Frontend fe = new Frontend(catalogPlacing(1));
        ReplicaReport unknown = replica(9, 90, 2, 100);

        assertThat(fe.handler.handle(full(1, List.of(replica(1, 10, 2, 100), unknown))).getReportAgainInMs())
                .isEqualTo(60_001);
        clock.advance(45, TimeUnit.SECONDS);
        assertThat(fe.handler.handle(delta(2, 1, List.of(), List.of())).getReportAgainInMs()).isEqualTo(15_001);
        clock.advance(15, TimeUnit.SECONDS);

        TabletReportResponse answer = fe.handler.handle(delta(3, 2, List.of(), List.of()));

        assertThat(answer).isEqualTo(TabletReportResponse.getDefaultInstance());
        assertThat(fe.trashed).containsExactly(new Reconciliation.TrashOrder(BE, 9, 90, TABLE, 60_000));
    }

    @Test
    void aBusyUnknownReplicaRunsNoGraceSoTheBackendIsNotAskedToReportAgain() {
        register(BE);
        Frontend fe = new Frontend(catalogPlacing(1));
        ReplicaReport writing = replica(9, 90, 2, 100).toBuilder().setPendingRowsetCount(1).build();

        TabletReportResponse answer = fe.handler.handle(full(1, List.of(replica(1, 10, 2, 100), writing)));
        clock.advance(45, TimeUnit.SECONDS);
        TabletReportResponse again = fe.handler.handle(delta(2, 1, List.of(writing), List.of()));

        assertThat(answer.getReportAgainInMs()).as("its grace starts once it is idle").isZero();
        assertThat(again.getReportAgainInMs()).isZero();
        assertThat(fe.handler.handle(delta(3, 2, List.of(replica(9, 90, 2, 100)), List.of())).getReportAgainInMs())
                .as("idle now: the grace runs").isEqualTo(60_001);
    }

    /**
     * Over seeded random histories of one backend (tablets appearing, changing, going bad, with
     * pending transactions, dropped, held again as another replica), a frontend given full reports
     * and one given two full reports then deltas hold the same soft state and decide the same orders.
     * (Two: the first report after a start marks nothing missing, so a replica the catalog places
     * but the backend never reported is found missing by the second full report only.)
     */
    @Test
    void fullThenDeltasEqualsFullReportsOverRandomHistories() {
        register(BE);
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            Catalog catalog = catalogPlacing(20);
            Frontend byFull = new Frontend(catalog);
            Frontend byDelta = new Frontend(catalog);
            Map<Long, ReplicaReport> state = randomState(random, new TreeMap<>());
            for (long sequence = 1; sequence <= 2; sequence++) {
                byFull.handler.handle(full(sequence, state.values()));
                byDelta.handler.handle(full(sequence, state.values()));
            }
            for (long sequence = 3; sequence <= 30; sequence++) {
                clock.advance(random.nextInt(30), TimeUnit.SECONDS);
                Map<Long, ReplicaReport> next = randomState(random, state);
                byFull.handler.handle(full(sequence, next.values()));
                List<ReplicaReport> changed = new ArrayList<>();
                List<Long> removed = new ArrayList<>();
                next.forEach((tablet, replica) -> {
                    if (!replica.equals(state.get(tablet))) {
                        changed.add(replica);
                    }
                });
                state.keySet().stream().filter(tablet -> !next.containsKey(tablet)).forEach(removed::add);
                TabletReportResponse answer = byDelta.handler.handle(delta(sequence, sequence - 1, changed, removed));
                assertThat(answer.getFullReportRequired() || answer.getBusy()).isFalse();
                assertSameSoftState(seed, sequence, byFull, byDelta);
                state.clear();
                state.putAll(next);
            }
        }
    }

    private static void assertSameSoftState(long seed, long sequence, Frontend byFull, Frontend byDelta) {
        String at = "seed " + seed + ", report " + sequence;
        assertThat(byDelta.reports.report(BE).orElseThrow().sameReplicas(byFull.reports.report(BE).orElseThrow()))
                .as(at).isTrue();
        for (long tablet = 1; tablet <= 25; tablet++) {
            for (long replicaId : new long[] {tablet * 10, tablet * 10 + 1}) {
                assertThat(byDelta.reports.replica(replicaId, BE)).as(at).isEqualTo(byFull.reports.replica(replicaId, BE));
                assertThat(byDelta.reports.missing(replicaId, BE)).as(at + ", missing " + replicaId)
                        .isEqualTo(byFull.reports.missing(replicaId, BE));
                assertThat(byDelta.reports.unreadable(replicaId, BE)).as(at)
                        .isEqualTo(byFull.reports.unreadable(replicaId, BE));
            }
        }
        assertThat(new HashSet<>(byDelta.trashed)).as(at).isEqualTo(new HashSet<>(byFull.trashed));
        assertThat(new HashSet<>(byDelta.aborted)).as(at).isEqualTo(new HashSet<>(byFull.aborted));
    }

    /**
     * The next state: each of 25 tablets (1..20 placed by the catalog as replica tablet*10, 21..25
     * unknown) kept as it was, changed, dropped, added, or held as replica tablet*10+1 instead.
     */
    private static Map<Long, ReplicaReport> randomState(Random random, Map<Long, ReplicaReport> previous) {
        Map<Long, ReplicaReport> next = new TreeMap<>();
        for (long tablet = 1; tablet <= 25; tablet++) {
            ReplicaReport before = previous.get(tablet);
            int draw = random.nextInt(10);
            if (before != null && draw < 6) {
                next.put(tablet, before);
            } else if (draw < 8 || before == null && draw < 9) {
                long replicaId = tablet * 10 + (random.nextInt(6) == 0 ? 1 : 0);
                ReplicaReport.Builder replica = replica(tablet, replicaId, 2 + random.nextInt(4),
                        random.nextInt(5) * 100L).toBuilder();
                if (random.nextInt(8) == 0) {
                    replica.setBad(true).setBadReason(random.nextBoolean() ? "checksum" : "");
                }
                if (random.nextInt(6) == 0) {
                    replica.setPendingRowsetCount(1).addPendingTransactionIds(500 + random.nextInt(4));
                }
                next.put(tablet, replica.build());
            }
        }
        return next;
    }
}
