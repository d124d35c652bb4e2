package io.tessera.fe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.common.Clock;
import io.tessera.common.GrpcServer;
import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.frontend.TabletReportResponse;
import io.tessera.proto.frontend.TabletReportServiceGrpc;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.DropBackendRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Tablet reports: who may report, what is kept, and that it is soft state replaced per backend. */
class TabletReportHandlerTest {
    private static final long NOW_MS = 1_764_150_930_000L;

    private final BackendRegistry registry = new BackendRegistry();
    private final TabletReports reports = new TabletReports();
    private final ManualClock clock = new ManualClock(NOW_MS);
    private final List<Reconciliation.TrashOrder> trashed = new ArrayList<>();
    private final TabletReportHandler handler = new TabletReportHandler(registry::snapshot, new Catalog()::snapshot,
            reports, new ReportReconciler(clock, 60_000), () -> WorkInFlight.NONE, trashed::add,
            new StrayTransactions(clock, 60_000, java.util.Set::of, order -> { }), clock);

    static TabletReport report(long backendId, String host, ReplicaReport... replicas) {
        return TabletReport.newBuilder().setBackendId(backendId).setHost(host).setBePort(9060)
                .addAllReplicas(List.of(replicas)).setReportTimeMs(1).build();
    }

    static ReplicaReport replica(long tabletId, long replicaId, int rowsets, long bytes, long rows) {
        return ReplicaReport.newBuilder().setTabletId(tabletId).setReplicaId(replicaId).setVersion(31)
                .setRowsetCount(rowsets).setDataSizeBytes(bytes).setRowCount(rows).build();
    }

    private void register(long id, String host) {
        registry.replay(RegisterBackendRecord.newBuilder().setBackendId(id).setHost(host).setHeartbeatPort(9050)
                .build());
    }

    @Test
    void aBackendNotInTheRegistryIsRefusedWithDorisText() {
        register(10002, "127.0.0.1");

        TabletReportResponse response = handler.handle(report(10009, "127.0.0.2", replica(1, 2, 3, 4, 5)));

        assertThat(response.getErrorMessage()).isEqualTo("backend[127.0.0.2:9060] does not exist.");
        assertThat(reports.replica(2, 10009)).isEmpty();
    }

    @Test
    void acceptedReportsAreKeptPerReplicaWithTheTimeTheyArrived() {
        register(10002, "127.0.0.1");

        TabletReportResponse response = handler.handle(report(10002, "127.0.0.1", replica(1, 2, 3, 4096, 50),
                replica(7, 8, 1, 0, 0).toBuilder().setBad(true).setBadReason("meta.pb is missing").build()));

        assertThat(response.getErrorMessage()).isEmpty();
        assertThat(reports.replica(2, 10002)).contains(new ReplicaStats(10002, 1, 2, 31, 3, 4096, 50, false, "", NOW_MS));
        assertThat(reports.replica(8, 10002)).hasValueSatisfying(stats -> {
            assertThat(stats.bad()).isTrue();
            assertThat(stats.badReason()).isEqualTo("meta.pb is missing");
        });
    }

    @Test
    void aNewReportReplacesTheBackendsLastOneAndADroppedBackendIsForgotten() {
        register(10002, "127.0.0.1");
        register(10003, "127.0.0.2");
        handler.handle(report(10002, "127.0.0.1", replica(1, 2, 30, 4096, 50), replica(5, 6, 1, 10, 1)));
        handler.handle(report(10003, "127.0.0.2", replica(1, 3, 30, 4096, 50)));
        clock.advance(5, TimeUnit.SECONDS);

        handler.handle(report(10002, "127.0.0.1", replica(1, 2, 2, 2048, 50)));

        assertThat(reports.replica(2, 10002)).hasValueSatisfying(stats -> {
            assertThat(stats.rowsetCount()).isEqualTo(2);
            assertThat(stats.dataSizeBytes()).isEqualTo(2048);
            assertThat(stats.reportTimeMs()).isEqualTo(NOW_MS + 5_000);
        });
        assertThat(reports.replica(6, 10002)).isEmpty();
        registry.replay(DropBackendRecord.newBuilder().setBackendId(10003).build());
        handler.handle(report(10002, "127.0.0.1", replica(1, 2, 2, 2048, 50)));
        assertThat(reports.replica(3, 10003)).isEmpty();
        assertThat(handler.handle(report(10003, "127.0.0.2")).getErrorMessage())
                .isEqualTo("backend[127.0.0.2:9060] does not exist.");
    }

    @Test
    void theServiceAnswersOnTheRpcPort() throws Exception {
        register(10002, "127.0.0.1");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (GrpcServer server = new GrpcServer("rpc_port", loopback, 0, List.of(new TabletReportServiceImpl(handler, 2,
                new ReportPacing(clock, 2, 10, 1_000, 60_000), clock)))) {
            server.start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            try {
                TabletReportServiceGrpc.TabletReportServiceBlockingStub stub =
                        TabletReportServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertThat(stub.reportTablets(report(10002, "127.0.0.1", replica(1, 2, 3, 4, 5))).getErrorMessage())
                        .isEmpty();
                assertThat(stub.reportTablets(report(10004, "127.0.0.4")).getErrorMessage())
                        .isEqualTo("backend[127.0.0.4:9060] does not exist.");
                assertThat(reports.replica(2, 10002)).isPresent();
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anUnknownReplicaIsHandedToTheTrashOnlyAfterTheGracePeriod() {
        register(10002, "127.0.0.1");
        ReplicaReport stale = replica(7, 8, 1, 0, 0).toBuilder().setTableId(99).build();
        handler.handle(report(10002, "127.0.0.1", stale));
        clock.advance(59, TimeUnit.SECONDS);
        handler.handle(report(10002, "127.0.0.1", stale));
        assertThat(trashed).isEmpty();
        clock.advance(1, TimeUnit.SECONDS);

        handler.handle(report(10002, "127.0.0.1", stale));

        assertThat(trashed).containsExactly(new Reconciliation.TrashOrder(10002, 7, 8, 99, 60_000));
    }

    /**
     * A report of a backend arrives while its previous report is being decided (a backend whose
     * earlier report timed out on its side, say): the two must be applied one after the other, so
     * the backend's last report and the verdict kept with it come from the same report.
     */
    @Test
    void aSecondReportOfOneBackendWaitsUntilTheFirstIsDecidedAndRecorded() throws Exception {
        register(10002, "127.0.0.1");
        Catalog catalog = new Catalog();
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(TableDefinition.newBuilder()
                .setTableId(11).setName("t").addPartitions(PartitionDefinition.newBuilder().setPartitionId(20)
                        .setName("t").setVisibleVersion(1).addTablets(TabletDefinition.newBuilder().setTabletId(30)
                                .addReplicas(ReplicaDefinition.newBuilder().setReplicaId(300).setBackendId(10002)))))
                .build());
        AtomicReference<Runnable> duringNextDecision = new AtomicReference<>();
        Supplier<WorkInFlight> inFlight = () -> {
            Runnable hook = duringNextDecision.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
            return WorkInFlight.NONE;
        };
        TabletReportHandler handler = new TabletReportHandler(registry::snapshot, catalog::snapshot, reports,
                new ReportReconciler(clock, 60_000), inFlight, trashed::add,
                new StrayTransactions(clock, 60_000, java.util.Set::of, order -> { }), clock);
        ReplicaReport placed = replica(30, 300, 1, 0, 0).toBuilder().setTableId(11).build();
        handler.handle(report(10002, "127.0.0.1", placed));
        Thread firstThread = Thread.currentThread();
        FutureTask<TabletReportResponse> second = new FutureTask<>(
                () -> handler.handle(report(10002, "127.0.0.1", placed)));
        Thread secondThread = new Thread(second, "second-report");
        duringNextDecision.set(() -> {
            secondThread.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.isDone()
                    || waitsForLockHeldBy(secondThread, firstThread));
        });

        handler.handle(report(10002, "127.0.0.1"));

        assertThat(second.get(10, TimeUnit.SECONDS).getErrorMessage()).isEmpty();
        assertThat(reports.replica(300, 10002)).as("the second report is the backend's last").isPresent();
        assertThat(reports.missing(300, 10002)).as("and so is the verdict kept with it").isFalse();
    }

    /** A report that a later report of its backend overtook (applied first) must not be applied over it. */
    @Test
    void aReportOvertakenByALaterOneOfItsBackendIsIgnored() {
        register(10002, "127.0.0.1");
        AtomicReference<Runnable> duringNextStamp = new AtomicReference<>();
        Clock stamping = new Clock() {
            @Override
            public long wallMillis() {
                Runnable hook = duringNextStamp.getAndSet(null);
                if (hook != null) {
                    hook.run();
                }
                return clock.wallMillis();
            }

            @Override
            public long monotonicNanos() {
                return clock.monotonicNanos();
            }

            @Override
            public java.time.ZoneId zone() {
                return clock.zone();
            }

            @Override
            public void sleep(java.time.Duration duration) {
                clock.sleep(duration);
            }
        };
        TabletReportHandler handler = new TabletReportHandler(registry::snapshot, new Catalog()::snapshot, reports,
                new ReportReconciler(clock, 60_000), () -> WorkInFlight.NONE, trashed::add,
                new StrayTransactions(clock, 60_000, java.util.Set::of, order -> { }), stamping);
        duringNextStamp.set(() -> handler.handle(report(10002, "127.0.0.1", replica(1, 2, 5, 4096, 50))));

        TabletReportResponse overtaken = handler.handle(report(10002, "127.0.0.1", replica(1, 2, 3, 4096, 50)));

        assertThat(overtaken.getErrorMessage()).isEmpty();
        assertThat(reports.replica(2, 10002)).hasValueSatisfying(stats -> assertThat(stats.rowsetCount()).isEqualTo(5));
    }

    private static boolean waitsForLockHeldBy(Thread waiting, Thread holder) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(waiting.getId());
        return info != null && info.getLockOwnerId() == holder.getId();
    }
}
