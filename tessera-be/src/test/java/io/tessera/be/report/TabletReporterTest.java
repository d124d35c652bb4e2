package io.tessera.be.report;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.be.heartbeat.FrontendLocator;
import io.tessera.be.heartbeat.FrontendLocator.FrontendAddress;
import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.heartbeat.HeartbeatRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backend reports about its replicas, to whom, and when. */
class TabletReporterTest {
    private static final TabletSchema SCHEMA = Batches.schema(column("id", DataType.BIGINT));
    private static final long EPOCH = 1_764_000_000_000L;
    private static final TabletReportResponse ACCEPTED = TabletReportResponse.getDefaultInstance();

    @TempDir
    Path dir;

    private StoreFixture store;
    private final FrontendLocator frontend = new FrontendLocator();
    private final FakeSender sender = new FakeSender();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    private static final class FakeSender implements ReportSender {
        final List<FrontendAddress> targets = new CopyOnWriteArrayList<>();
        final List<TabletReport> reports = new CopyOnWriteArrayList<>();
        volatile TabletReportResponse answer = TabletReportResponse.getDefaultInstance();
        volatile RuntimeException failure;

        @Override
        public TabletReportResponse send(FrontendAddress target, TabletReport report) {
            if (failure != null) {
                throw failure;
            }
            targets.add(target);
            reports.add(report);
            return answer;
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void open() throws Exception {
        store = new StoreFixture(dir);
        store.create(10, SCHEMA);
        store.create(20, SCHEMA);
        for (int i = 0; i < 3; i++) {
            store.load(10, SCHEMA, List.of(row((long) i), row((long) i + 100)));
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    private TabletReporter reporter() {
        return new TabletReporter(store.store, frontend, sender, scheduler, store.clock, 60_000, "127.0.0.2", () -> 9060,
                EPOCH);
    }

    private static HeartbeatRequest heartbeat(long backendId) {
        return HeartbeatRequest.newBuilder().setClusterId(1).setToken("t").setBackendId(backendId)
                .setBackendHost("127.0.0.2").setFrontendHost("127.0.0.1").setFrontendRpcPort(9020).build();
    }

    @Test
    void nothingIsSentBeforeAHeartbeatNamedTheFrontend() {
        assertThat(reporter().report()).isEmpty();
        assertThat(sender.reports).isEmpty();
    }

    @Test
    void aReportCarriesEveryReplicaWithItsVersionRowsetsBytesAndRows() {
        frontend.accept(heartbeat(10002));

        assertThat(reporter().report()).contains(TabletReportResponse.getDefaultInstance());

        assertThat(sender.targets).containsExactly(new FrontendAddress("127.0.0.1", 9020, 10002, "127.0.0.2"));
        TabletReport report = sender.reports.get(0);
        assertThat(report.getBackendId()).isEqualTo(10002);
        assertThat(report.getHost()).isEqualTo("127.0.0.2");
        assertThat(report.getBePort()).isEqualTo(9060);
        assertThat(report.getReportTimeMs()).isEqualTo(StoreFixture.START_MS);
        assertThat(report.getReplicasList()).hasSize(2);
        ReplicaReport loaded = report.getReplicas(0);
        assertThat(loaded.getTabletId()).isEqualTo(10);
        assertThat(loaded.getReplicaId()).isEqualTo(11);
        assertThat(loaded.getVersion()).isEqualTo(4);
        assertThat(loaded.getRowsetCount()).isEqualTo(3);
        assertThat(loaded.getRowCount()).isEqualTo(6);
        assertThat(loaded.getDataSizeBytes()).isEqualTo(store.store.replicas().get(0).dataBytes()).isPositive();
        assertThat(loaded.getBad()).isFalse();
        assertThat(loaded.getTableId()).isEqualTo(100);
        assertThat(loaded.getPartitionId()).isEqualTo(200);
        assertThat(loaded.getPendingRowsetCount()).isZero();
        ReplicaReport empty = report.getReplicas(1);
        assertThat(empty.getTabletId()).isEqualTo(20);
        assertThat(empty.getRowsetCount()).isZero();
        assertThat(empty.getDataSizeBytes()).isZero();
    }

    @Test
    void aReplicaWithAPendingRowsetSaysSoSoTheFrontendLeavesItAlone() throws Exception {
        store.write(9, 20, Batches.batch(SCHEMA, List.of(row(1L))));
        frontend.accept(heartbeat(10002));

        reporter().report();

        assertThat(sender.reports.get(0).getReplicas(1).getPendingRowsetCount()).isEqualTo(1);
        assertThat(sender.reports.get(0).getReplicas(1).getPendingTransactionIdsList()).containsExactly(9L);
    }

    @Test
    void refusalsAndUnreachableFrontendsAreSurvived() {
        frontend.accept(heartbeat(10002));
        TabletReporter reporter = reporter();
        sender.answer = TabletReportResponse.newBuilder()
                .setErrorMessage("backend[127.0.0.2:9060] does not exist.").build();
        assertThat(reporter.report()).hasValueSatisfying(answer ->
                assertThat(answer.getErrorMessage()).isEqualTo("backend[127.0.0.2:9060] does not exist."));
        sender.failure = new IllegalStateException("connection refused");
        assertThat(reporter.report()).isEmpty();
        sender.failure = null;
        sender.answer = TabletReportResponse.getDefaultInstance();
        store.clock.advance(TabletReporter.RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
        assertThat(reporter.report()).contains(TabletReportResponse.getDefaultInstance());
    }

    @Test
    void aReportGoesOutSoonOnceTheFrontendIsKnownAndAfterAChange() throws Exception {
        TabletReporter reporter = reporter();
        reporter.start();
        frontend.accept(heartbeat(10002));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 1);

        frontend.accept(heartbeat(10002));
        store.load(20, SCHEMA, List.of(row(7L)));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 2);
        assertThat(sender.reports.get(1).getIncremental()).isTrue();
        frontend.accept(heartbeat(10007));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 3);
        assertThat(sender.reports.get(2).getBackendId()).isEqualTo(10007);
        reporter.close();
    }

    private static List<Long> tablets(TabletReport report) {
        return report.getReplicasList().stream().map(ReplicaReport::getTabletId).toList();
    }

    private TabletReport last() {
        return sender.reports.get(sender.reports.size() - 1);
    }

    @Test
    void theFirstReportIsFullThenOnlyChangesGoOutFollowingTheAcknowledgedOne() throws Exception {
        frontend.accept(heartbeat(10002));
        TabletReporter reporter = reporter();
        reporter.report();
        assertThat(last().getIncremental()).isFalse();
        assertThat(last().getSequence()).isEqualTo(1);
        assertThat(last().getReporterEpoch()).isEqualTo(EPOCH);
        assertThat(reporter.report()).as("nothing changed: nothing sent").isEmpty();

        store.load(20, SCHEMA, List.of(row(7L)));
        store.create(30, SCHEMA);
        store.store.drop(10, 11);
        reporter.report();

        TabletReport delta = last();
        assertThat(delta.getIncremental()).isTrue();
        assertThat(delta.getSequence()).isEqualTo(2);
        assertThat(delta.getBaseSequence()).isEqualTo(1);
        assertThat(tablets(delta)).containsExactly(20L, 30L);
        assertThat(delta.getReplicas(0).getVersion()).isEqualTo(2);
        assertThat(delta.getReplicas(0).getRowCount()).isEqualTo(1);
        assertThat(delta.getRemovedTabletIdsList()).containsExactly(10L);
        assertThat(sender.reports).hasSize(2);
    }

    @Test
    void aPendingRowsetAndItsAbortAreChanges() throws Exception {
        frontend.accept(heartbeat(10002));
        TabletReporter reporter = reporter();
        reporter.report();

        store.write(9, 20, Batches.batch(SCHEMA, List.of(row(1L))));
        reporter.report();
        assertThat(last().getReplicas(0).getPendingTransactionIdsList()).containsExactly(9L);
        store.store.abort(9);
        reporter.report();

        assertThat(last().getIncremental()).isTrue();
        assertThat(last().getReplicas(0).getPendingRowsetCount()).isZero();
    }

    @Test
    void changesOfAReportThatFailedOrWasAnsweredBusyGoInTheNextOne() throws Exception {
        frontend.accept(heartbeat(10002));
        TabletReporter reporter = reporter();
        reporter.report();
        store.load(20, SCHEMA, List.of(row(7L)));
        sender.failure = new IllegalStateException("connection refused");
        assertThat(reporter.report()).isEmpty();
        sender.failure = null;
        sender.answer = TabletReportResponse.newBuilder().setBusy(true).setRetryAfterMs(1_000).build();
        store.clock.advance(TabletReporter.RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
        reporter.report();
        assertThat(tablets(last())).containsExactly(20L);
        sender.answer = ACCEPTED;
        store.create(30, SCHEMA);
        store.clock.advance(2_000, TimeUnit.MILLISECONDS);

        reporter.report();

        assertThat(last().getIncremental()).isTrue();
        assertThat(last().getBaseSequence()).as("the last report acknowledged").isEqualTo(1);
        assertThat(tablets(last())).containsExactly(20L, 30L);
        assertThat(reporter.report()).isEmpty();
    }

    @Test
    void theFrontendAskingForAFullReportGetsOneAndTheChangesAreNotLost() throws Exception {
        frontend.accept(heartbeat(10002));
        TabletReporter reporter = reporter();
        reporter.report();
        store.load(20, SCHEMA, List.of(row(7L)));
        sender.answer = TabletReportResponse.newBuilder().setFullReportRequired(true).build();
        reporter.report();
        assertThat(last().getIncremental()).isTrue();
        sender.answer = ACCEPTED;

        reporter.report();

        assertThat(last().getIncremental()).isFalse();
        assertThat(tablets(last())).containsExactly(10L, 20L);
        assertThat(last().getReplicas(1).getVersion()).isEqualTo(2);
        store.create(30, SCHEMA);
        reporter.report();
        assertThat(last().getIncremental()).isTrue();
        assertThat(last().getBaseSequence()).isEqualTo(last().getSequence() - 1);
        assertThat(tablets(last())).as("tablet 20's change went with the full report").containsExactly(30L);
    }

    @Test
    void everyIntervalAndToANewFrontendTheReportIsFull() throws Exception {
        frontend.accept(heartbeat(10002));
        TabletReporter reporter = reporter();
        reporter.report();
        store.load(20, SCHEMA, List.of(row(7L)));

        reporter.intervalPassed();
        assertThat(last().getIncremental()).isFalse();
        assertThat(tablets(last())).containsExactly(10L, 20L);
        assertThat(reporter.report()).isEmpty();

        frontend.accept(heartbeat(10007));
        reporter.report();
        assertThat(last().getIncremental()).isFalse();
        assertThat(last().getBackendId()).isEqualTo(10007);
    }

    @Test
    void aFrontendRestartedAtTheSameAddressGetsAFullReportSoon() {
        TabletReporter reporter = reporter();
        reporter.start();
        frontend.accept(heartbeat(10002).toBuilder().setFrontendStartTimeMs(1_000).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 1);
        frontend.accept(heartbeat(10002).toBuilder().setFrontendStartTimeMs(1_000).build());

        frontend.accept(heartbeat(10002).toBuilder().setFrontendStartTimeMs(2_000).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 2);
        assertThat(sender.reports.get(1).getIncremental()).isFalse();
        assertThat(sender.reports.get(1).getReplicasCount()).isEqualTo(2);
        reporter.close();
    }

    @Test
    void whenTheFrontendAsksForAReportByAGivenTimeOneGoesOutThoughNothingChanged() {
        TabletReporter reporter = reporter();
        reporter.start();
        sender.answer = TabletReportResponse.newBuilder().setReportAgainInMs(50).build();
        frontend.accept(heartbeat(10002));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 1);
        sender.answer = ACCEPTED;

        await().atMost(Duration.ofSeconds(5)).until(() -> sender.reports.size() == 2);

        assertThat(sender.reports.get(1).getIncremental()).isTrue();
        assertThat(sender.reports.get(1).getReplicasCount()).isZero();
        assertThat(sender.reports.get(1).getRemovedTabletIdsCount()).isZero();
        reporter.close();
    }

    @Test
    void answersAskingToReportAgainKeepOneReportPendingTheEarliest() throws Exception {
        ScheduledThreadPoolExecutor held = new ScheduledThreadPoolExecutor(1);
        held.setRemoveOnCancelPolicy(true);
        try {
            frontend.accept(heartbeat(10002));
            TabletReporter reporter = new TabletReporter(store.store, frontend, sender, held, store.clock, 60_000,
                    "127.0.0.2", () -> 9060, EPOCH);
            sender.answer = TabletReportResponse.newBuilder().setReportAgainInMs(50_000).build();
            reporter.report();
            for (int i = 0; i < 5; i++) {
                store.load(20, SCHEMA, List.of(row((long) i)));
                store.clock.advance(1, TimeUnit.SECONDS);
                reporter.report();
            }
            assertThat(sender.reports).hasSize(6);
            assertThat(held.getQueue()).as("one report-again pending, not one per answer").hasSize(1);
            long firstDelayMs = ((ScheduledFuture<?>) held.getQueue().peek()).getDelay(TimeUnit.MILLISECONDS);

            sender.answer = TabletReportResponse.newBuilder().setReportAgainInMs(10_000).build();
            store.load(20, SCHEMA, List.of(row(99L)));
            reporter.report();

            assertThat(held.getQueue()).as("an earlier ask replaces it").hasSize(1);
            long delayMs = ((ScheduledFuture<?>) held.getQueue().peek()).getDelay(TimeUnit.MILLISECONDS);
            assertThat(delayMs).isLessThanOrEqualTo(10_000).isLessThan(firstDelayMs);
            reporter.close();
        } finally {
            held.shutdownNow();
        }
    }

    @Test
    void aFailedFullReportIsTriedAgainSoonAndNothingGoesOutBeforeThen() throws Exception {
        ScheduledThreadPoolExecutor held = new ScheduledThreadPoolExecutor(1);
        try {
            frontend.accept(heartbeat(10002));
            TabletReporter reporter = new TabletReporter(store.store, frontend, sender, held, store.clock, 60_000,
                    "127.0.0.2", () -> 9060, EPOCH);
            sender.failure = new IllegalStateException("connection refused");

            assertThat(reporter.intervalPassed()).as("a full report, no change in it").isEmpty();

            assertThat(held.getQueue()).as("tried again soon, not at the next interval").hasSize(1);
            long delayMs = ((ScheduledFuture<?>) held.getQueue().peek()).getDelay(TimeUnit.MILLISECONDS);
            assertThat(delayMs).isGreaterThan(TabletReporter.SOON_DELAY_MS)
                    .isLessThanOrEqualTo(TabletReporter.RETRY_AFTER_FAILURE_MS);
            sender.failure = null;
            assertThat(reporter.intervalPassed()).as("not before the retry delay, whatever the trigger").isEmpty();
            assertThat(sender.reports).isEmpty();
            store.clock.advance(TabletReporter.RETRY_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
            assertThat(reporter.report()).contains(ACCEPTED);
            assertThat(last().getIncremental()).isFalse();
            assertThat(tablets(last())).containsExactly(10L, 20L);
            reporter.close();
        } finally {
            held.shutdownNow();
        }
    }
}
