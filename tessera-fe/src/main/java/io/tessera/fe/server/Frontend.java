package io.tessera.fe.server;

import io.tessera.common.TesseraVersion;
import io.tessera.fe.exec.FrontendSelf;
import io.tessera.fe.catalog.ReplicaStatuses;
import io.tessera.common.Clock;
import io.tessera.fe.audit.AuditLog;
import io.tessera.common.NamedThreads;
import io.tessera.common.Randomness;
import io.tessera.fe.session.ConnectionRegistry;
import io.tessera.common.AuthenticatedGrpcTransport;
import io.tessera.common.GrpcServer;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.GrpcTransport;
import io.tessera.common.InternalTlsSettings;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.fe.auth.Authenticator;
import io.tessera.fe.auth.NativePasswordAuthenticator;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.config.FeConfig;
import io.tessera.fe.heartbeat.ClusterIdentity;
import io.tessera.fe.heartbeat.ClusterIdentityStore;
import io.tessera.fe.heartbeat.HeartbeatManager;
import io.tessera.fe.heartbeat.HeartbeatOrigin;
import io.tessera.fe.http.FeHttpRoutes;
import io.tessera.fe.http.FeHttpServer;
import io.tessera.fe.http.FeHttpLimits;
import io.tessera.fe.http.LoadBackendChooser;
import io.tessera.fe.http.StreamLoadRedirect;
import io.tessera.fe.journal.IdWatermarkFileMigration;
import io.tessera.fe.journal.RatisJournal;
import io.tessera.fe.meta.Journal;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.mysql.ConnectionLimits;
import io.tessera.fe.mysql.MysqlServer;
import io.tessera.fe.mysql.MysqlTls;
import io.tessera.fe.mysql.MysqlTlsSettings;
import io.tessera.fe.mysql.SessionFactory;
import io.tessera.fe.report.ReplicaTrasher;
import io.tessera.fe.report.ReportPacing;
import io.tessera.fe.report.ReportReconciler;
import io.tessera.fe.report.StrayTransactions;
import io.tessera.fe.report.TabletReportHandler;
import io.tessera.fe.report.TabletReportServiceImpl;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.decommission.DecommissionJobs;
import io.tessera.fe.replication.ReplicationActivity;
import io.tessera.fe.report.WorkInFlight;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.rpc.GrpcHeartbeatLines;
import io.tessera.fe.sql.SqlParser;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frontend: builds every component from its config and owns their lifecycle. The MySQL port
 * opens last, after the parser and the statement paths are warm, so the first statement a client
 * sends is about as fast as the thousandth and a client that can connect finds a ready FE.
 * Heartbeats start before that, so SHOW BACKENDS soon shows who is alive; so do {@code rpc_port}
 * (LoadService, which backends call during Stream Loads) and {@code http_port} (the Stream Load
 * redirect).
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread. A
 * scheduler thread of its own aborts Stream Loads past their timeout every few seconds.
 */
public final class Frontend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Frontend.class);
    private static final int WARM_UP_ROUNDS = 300;
    /** The leader epoch sent in heartbeats; grows with leader changes once FEs replicate. */
    private static final long EPOCH = 1;
    /** How long committed loads wait after start for their backends before missing ones are recorded. */
    private static final long COMMITTED_RECOVERY_WAIT_MS = 60_000;
    private static final long LOAD_EXPIRY_SECONDS = 5;
    /**
     * Tablet reports handled at once (one applied, one compacted); more are answered busy, so
     * reports hold at most two of rpc_port's threads and cores (report.TabletReportServiceImpl).
     */
    private static final int REPORTS_AT_ONCE = 2;
    /**
     * When a backend whose report was answered busy sends it again: at least 1 s, later when many
     * wait (report.ReportPacing), at most the full report interval; it spreads its retries itself.
     */
    private static final long REPORT_RETRY_AFTER_MS = 1_000;
    private static final long REPORT_RETRY_AFTER_MAX_MS = 60_000;
    /** What a report is assumed to take before one was handled. */
    private static final long REPORT_ASSUMED_MS = 10;
    private static final Duration JOURNAL_READY_TIMEOUT = Duration.ofSeconds(60);
    /** How often statements are checked against their timeout: a statement stops at most this late. */
    private static final long TIMEOUT_CHECK_MS = 100;
    /** Tessera runs no Arrow Flight SQL service; Doris's default {@code arrow_flight_sql_port} is -1 too. */
    private static final int ARROW_FLIGHT_SQL_PORT = -1;

    private final FeConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final StatementPipeline pipeline;
    private final SqlParser parser;
    /** Opens the SQL side of a login: what the MySQL server uses, and in-JVM callers without a socket. */
    private final SessionFactory sessions;
    private final Authenticator authenticator;
    /** The parser and statement paths warming on their own thread while the journal replays. */
    private final CompletableFuture<Long> warmUp;
    private final MysqlServer mysqlServer;
    /** rpc_port: where BEs call the FE: tablet reports and Stream Load transactions. */
    private final GrpcServer rpcServer;
    /** http_port: health and the Stream Load redirect. */
    private final FeHttpServer httpServer;
    private final ScheduledExecutorService heartbeatThread;
    private final HeartbeatManager heartbeatManager;
    /** The heartbeat manager's lines; closed after it, so their offload threads end with the FE. */
    private final GrpcHeartbeatLines heartbeatLines;
    /** Aborts Stream Loads past their timeout, every few seconds. */
    private final ScheduledExecutorService loadExpiryThread;
    /** fe.audit.log: one line per statement, written on its own thread. */
    private final AuditLog auditLog;
    /** One thread: cancels statements past query_timeout / insert_timeout, every {@link #TIMEOUT_CHECK_MS} ms. */
    private final ScheduledExecutorService queryTimeoutThread;
    /** When this FE opened its MySQL port (wall ms), SHOW FRONTENDS' LastStartTime; 0 before. */
    private volatile long startedAtMs;

    public Frontend(FeConfig config, Clock clock) {
        this(config, clock, dispatcher -> openJournal(dispatcher, config, clock), WARM_UP_ROUNDS,
                NettyGrpcTransport.of(InternalTlsSettings.fromConfig(config.fileValues(), config.home())));
    }

    /**
     * An FE with its own journal, warm-up and gRPC transport: what an in-JVM test cluster uses (an
     * in-memory journal, a short warm-up, gRPC in memory) so it is ready in well under a second.
     *
     * @param journals     opens the journal over the replay dispatcher; returns once the journal has
     *                     replayed what it keeps into the fresh state
     * @param warmUpRounds how often the warm-up runs its statements before the MySQL port opens (0: parser only)
     * @param transport    what carries rpc_port, heartbeats and data calls to the backends (Netty in
     *                     production); the MySQL and HTTP ports are TCP whatever it is
     */
    public Frontend(FeConfig config, Clock clock, Function<ReplayDispatcher, Journal> journals, int warmUpRounds,
                    GrpcTransport transport) {
        this.config = config;
        this.clock = clock;
        this.zone = clock.zone();
        // TLS material first: a missing or unreadable store stops the FE before anything opens.
        Optional<MysqlTls> mysqlTls = MysqlTls.load(MysqlTlsSettings.fromConfig(config.fileValues(), config.home()));
        this.parser = new SqlParser();
        this.warmUp = startWarmUp(warmUpRounds);
        BackendRegistry backends = new BackendRegistry();
        ClusterIdentity identity = new ClusterIdentityStore(config.metaDir(), Randomness::secure).loadOrCreate();
        // Every listener and channel below checks and carries the cluster's credentials.
        transport = AuthenticatedGrpcTransport.fixed(transport, identity.credentials());
        this.heartbeatThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeatLines = new GrpcHeartbeatLines(config.heartbeat().intervalMs(), config.heartbeat().timeoutMs(),
                transport);
        this.heartbeatManager = new HeartbeatManager(backends::snapshot, config.heartbeat(),
                new HeartbeatOrigin(identity, config.bindAddress().getHostAddress(), config.rpcPort(),
                        config.httpPort(), EPOCH, clock.wallMillis()),
                heartbeatLines, heartbeatThread, clock);
        ReplicaStatuses replicaStatuses = new ReplicaStatuses();
        TabletReports tabletReports = new TabletReports(replicaStatuses::snapshot);
        String host = config.bindAddress().getHostAddress();
        String nodeName = FrontendSelf.nodeName(identity.clusterId(), host, config.editLogPort());
        this.pipeline = StatementPipeline.create(clock, zone, backends, heartbeatManager::runtime, tabletReports,
                Randomness.fromEntropy(), journals, config.bucketLimit(), config.fileValues(), transport,
                config.bindAddress().getHostAddress(), () -> self(nodeName, identity.clusterId()), replicaStatuses);
        this.queryTimeoutThread = Executors.newSingleThreadScheduledExecutor(new NamedThreads("query-timeout"));
        this.loadExpiryThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-expiry");
            thread.setDaemon(true);
            return thread;
        });
        this.rpcServer = new GrpcServer("rpc_port", config.bindAddress(), config.rpcPort(), List.of(
                new TabletReportServiceImpl(new TabletReportHandler(backends::snapshot, pipeline.catalog()::snapshot,
                        tabletReports, new ReportReconciler(clock, config.unknownReplicaGraceSeconds() * 1000L,
                                pipeline.firstIdAfterReplay()),
                        () -> new WorkInFlight(pipeline.tablesInFlight().get(),
                                pipeline.replication().activity().cloningTabletIds()),
                        new ReplicaTrasher(pipeline.backendCalls()),
                        new StrayTransactions(clock, config.unknownReplicaGraceSeconds() * 1000L,
                                pipeline.liveTransactions(), order -> pipeline.transactions().abort(
                                        order.transactionId(), List.of(order.backendId()))), clock),
                        REPORTS_AT_ONCE, new ReportPacing(clock, REPORTS_AT_ONCE, REPORT_ASSUMED_MS,
                                REPORT_RETRY_AFTER_MS, REPORT_RETRY_AFTER_MAX_MS), clock),
                pipeline.loadService()), GrpcServerLimits.DEFAULT, transport);
        this.httpServer = new FeHttpServer(config.bindAddress(), config.httpPort(), new FeHttpRoutes(
                new StreamLoadRedirect(new PlainPasswordCheck(pipeline.accessControl()), pipeline.accessControl(),
                        pipeline.catalog()::snapshot,
                        new LoadBackendChooser(pipeline.cluster(), clock))), FeHttpLimits.fromConfig(config.fileValues()));
        this.auditLog = new AuditLog(config.auditLog(), clock, config.bindAddress().getHostAddress());
        this.sessions = new FrontendSessionFactory(pipeline.systemVariables(), pipeline.directory(), parser,
                pipeline.dispatcher(), pipeline.sessionStatements(), auditLog, clock, pipeline.connections(),
                pipeline.queryIds());
        this.authenticator = new NativePasswordAuthenticator(pipeline.accessControl());
        this.mysqlServer = new MysqlServer(config.bindAddress(), config.queryPort(), authenticator, sessions,
                config.maxPacketBytes(), clock, ConnectionLimits.fromConfig(config.fileValues()), mysqlTls);
    }

    /** This FE as SHOW FRONTENDS shows it: the bound ports, once the servers exist. */
    private FrontendSelf self(String nodeName, long clusterId) {
        return new FrontendSelf(nodeName, config.bindAddress().getHostAddress(), config.editLogPort(),
                httpServer.port(), mysqlServer.port(), config.rpcPort(), ARROW_FLIGHT_SQL_PORT, clusterId, startedAtMs,
                TesseraVersion.version());
    }

    /**
     * Starts the Ratis journal on {@code edit_log_port}, replays its log into the fresh state and
     * returns once this FE leads the group, so every later component sees the recovered metadata.
     */
    private static Journal openJournal(ReplayDispatcher dispatcher, FeConfig config, Clock clock) {
        RatisJournal journal = RatisJournal.open(dispatcher, config.metaDir().resolve("ratis"), config.bindAddress(),
                config.editLogPort(), JOURNAL_READY_TIMEOUT, config.snapshots(), clock);
        IdWatermarkFileMigration.migrate(config.metaDir(), journal);
        return journal;
    }

    /**
     * Warms the parser and statement paths on a thread of their own, so a large journal's replay
     * and the warm-up overlap instead of adding up; completes with the warm-up's duration.
     */
    private CompletableFuture<Long> startWarmUp(int rounds) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long startNs = clock.monotonicNanos();
            try {
                ExecutionWarmUp.run(parser, clock, zone, rounds);
                done.complete((clock.monotonicNanos() - startNs) / 1_000_000);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, "warm-up");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for the warm-up, then opens the MySQL port; returns once clients can connect. */
    public void start() {
        rpcServer.start();
        httpServer.start();
        loadExpiryThread.scheduleWithFixedDelay(this::expireLoads, LOAD_EXPIRY_SECONDS, LOAD_EXPIRY_SECONDS,
                TimeUnit.SECONDS);
        loadExpiryThread.scheduleWithFixedDelay(this::closeChannelsOfDroppedBackends, LOAD_EXPIRY_SECONDS,
                LOAD_EXPIRY_SECONDS, TimeUnit.SECONDS);
        long giveUpWaitingAtMs = clock.wallMillis() + COMMITTED_RECOVERY_WAIT_MS;
        loadExpiryThread.scheduleWithFixedDelay(() -> finishCommitted(giveUpWaitingAtMs), 1, 2, TimeUnit.SECONDS);
        queryTimeoutThread.scheduleWithFixedDelay(this::cancelOverdueStatements, TIMEOUT_CHECK_MS, TIMEOUT_CHECK_MS,
                TimeUnit.MILLISECONDS);
        heartbeatManager.start();
        pipeline.replication().start();
        long waitStartNs = clock.monotonicNanos();
        long warmUpMs = warmUp.join();
        LOG.info("parser and statement execution warmed up in {} ms (waited {} ms for it after the journal)",
                warmUpMs, (clock.monotonicNanos() - waitStartNs) / 1_000_000);
        startedAtMs = clock.wallMillis();
        mysqlServer.start();
        LOG.info("Tessera FE is ready: mysql -h {} -P {} -uroot", config.bindAddress().getHostAddress(),
                mysqlServer.port());
    }

    /** Publishes loads that committed before a restart but were never finished (see LoadTransactions). */
    private void finishCommitted(long giveUpWaitingAtMs) {
        try {
            pipeline.transactions().recoverCommitted(pipeline.cluster().get()::canTakePublish, giveUpWaitingAtMs);
        } catch (RuntimeException e) {
            LOG.error("finishing committed transactions failed", e);
        }
    }

    /** A dropped backend's data channel is closed within a round of this, not kept until the FE stops. */
    private void closeChannelsOfDroppedBackends() {
        try {
            pipeline.backendCalls().closeRemoved();
        } catch (RuntimeException e) {
            LOG.error("closing the channels of dropped backends failed", e);
        }
    }

    private void cancelOverdueStatements() {
        try {
            int cancelled = pipeline.connections().cancelOverdue();
            if (cancelled > 0) {
                LOG.info("cancelled {} statement(s) past their query_timeout", cancelled);
            }
        } catch (RuntimeException e) {
            LOG.error("cancelling statements past their timeout failed", e);
        }
    }

    private void expireLoads() {
        try {
            pipeline.loadService().expireOldLoads();
        } catch (RuntimeException e) {
            LOG.error("expiring timed-out stream loads failed", e);
        }
    }

    /** Every open connection of this FE (SHOW PROCESSLIST's rows), for tests that drive timeouts by hand. */
    public ConnectionRegistry connections() {
        return pipeline.connections();
    }

    /** The bound MySQL port (differs from the config only when it asked for port 0). */
    public int queryPort() {
        return mysqlServer.port();
    }

    /** The FE's one door to the backends' data service, for what runs beside the statements (tests, tools). */
    public BackendCalls backendCalls() {
        return pipeline.backendCalls();
    }

    /** Every decommission job, running and finished (hard state), for tests and tools. */
    public DecommissionJobs.Jobs decommissionJobs() {
        return pipeline.decommissionJobs().snapshot();
    }

    /** What the tablet scheduler's loop is doing (clones in flight, totals), for tests and tools. */
    public ReplicationActivity replicationActivity() {
        return pipeline.replication().activity();
    }

    /**
     * Opens sessions the way a MySQL login does (parser, dispatcher, executors), without a socket:
     * for in-JVM callers such as test clusters. Usable from construction on.
     */
    public SessionFactory sessions() {
        return sessions;
    }

    /** Checks logins as the MySQL port does, for in-JVM callers that open sessions without a socket. */
    public Authenticator authenticator() {
        return authenticator;
    }

    @Override
    public void close() {
        mysqlServer.close();
        httpServer.close();
        heartbeatManager.close();
        heartbeatLines.close();
        rpcServer.close();
        loadExpiryThread.shutdownNow();
        queryTimeoutThread.shutdownNow();
        heartbeatThread.shutdownNow();
        try {
            if (!heartbeatThread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("heartbeat thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipeline.close();
        auditLog.close();
    }
}
