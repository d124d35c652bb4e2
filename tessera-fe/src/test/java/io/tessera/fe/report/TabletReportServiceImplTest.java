package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.journal.RegisterBackendRecord;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The report service's bound: reports beyond the permits are answered busy at once, never queued. */
class TabletReportServiceImplTest {
    private final BackendRegistry registry = new BackendRegistry();
    private final TabletReports reports = new TabletReports();
    private final ManualClock clock = new ManualClock(1_764_150_930_000L);
    private final CountDownLatch decisionEntered = new CountDownLatch(1);
    private final CountDownLatch releaseDecision = new CountDownLatch(1);

    private static final class Answer implements StreamObserver<TabletReportResponse> {
        final CompletableFuture<TabletReportResponse> response = new CompletableFuture<>();

        @Override
        public void onNext(TabletReportResponse value) {
            response.complete(value);
        }

        @Override
        public void onError(Throwable t) {
            response.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
        }
    }

    private TabletReportServiceImpl service(int reportsAtOnce) {
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(10002).setHost("127.0.0.1")
                .setHeartbeatPort(9050).build());
        TabletReportHandler handler = new TabletReportHandler(registry::snapshot, new Catalog()::snapshot, reports,
                new ReportReconciler(clock, 60_000), () -> {
                    decisionEntered.countDown();
                    try {
                        releaseDecision.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return WorkInFlight.NONE;
                }, order -> { }, new StrayTransactions(clock, 60_000, Set::of, order -> { }), clock);
        return new TabletReportServiceImpl(handler, reportsAtOnce, new ReportPacing(clock, reportsAtOnce, 10, 1_500,
                60_000), clock);
    }

    @Test
    void aReportBeyondThePermitsIsAnsweredBusyAndTheNextOneIsHandledAgain() throws Exception {
        TabletReportServiceImpl service = service(1);
        Answer first = new Answer();
        Thread holder = new Thread(() -> service.reportTablets(TabletReportHandlerTest.report(10002, "127.0.0.1",
                TabletReportHandlerTest.replica(1, 2, 3, 4, 5)), first), "first-report");
        holder.start();
        assertThat(decisionEntered.await(10, TimeUnit.SECONDS)).isTrue();

        Answer second = new Answer();
        service.reportTablets(TabletReportHandlerTest.report(10002, "127.0.0.1"), second);

        assertThat(second.response).isCompletedWithValue(TabletReportResponse.newBuilder().setBusy(true)
                .setRetryAfterMs(1_500).build());
        releaseDecision.countDown();
        TabletReportResponse accepted = first.response.get(10, TimeUnit.SECONDS);
        assertThat(accepted.getBusy()).isFalse();
        assertThat(accepted.getErrorMessage()).isEmpty();
        assertThat(reports.replica(2, 10002)).as("handled").isPresent();
        holder.join(10_000);
        Answer third = new Answer();
        service.reportTablets(TabletReportHandlerTest.report(10002, "127.0.0.1"), third);
        assertThat(third.response.getNow(null)).isEqualTo(TabletReportResponse.getDefaultInstance());
        assertThat(reports.replica(2, 10002)).as("the last report lists nothing").isEmpty();
    }
}
