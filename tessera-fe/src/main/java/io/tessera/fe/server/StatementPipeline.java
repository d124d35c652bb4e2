package io.tessera.fe.server;

import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.common.NamedThreads;
import io.tessera.common.Clock;
import io.tessera.common.GrpcTransport;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.common.Randomness;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.decommission.DecommissionJobControl;
import io.tessera.fe.decommission.DecommissionJobs;
import io.tessera.fe.replication.LeavingReplicas;
import io.tessera.fe.replication.ClusterShape;
import io.tessera.fe.replication.ReplicationLoop;
import io.tessera.fe.ddl.ReplicaCreator;
import io.tessera.fe.cluster.BackendControl;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.ddl.BucketLimit;
import io.tessera.fe.rpc.CallLimits;
import io.tessera.fe.rpc.GrpcBackendCalls;
import io.tessera.fe.exec.AccountStatementExecutor;
import io.tessera.fe.exec.BackendStatementExecutor;
import io.tessera.fe.exec.ShowGrantsExecutor;
import io.tessera.fe.exec.DdlExecutor;
import io.tessera.fe.exec.ExplainDecommissionExecutor;
import io.tessera.fe.exec.ExplainDroppExecutor;
import io.tessera.fe.exec.InsertExecutor;
import io.tessera.fe.exec.TransactionStatementExecutor;
import io.tessera.fe.exec.InspectionExecutor;
import io.tessera.fe.exec.ClusterBalanceProc;
import io.tessera.fe.exec.StatisticProc;
import io.tessera.fe.exec.TabletHealthProc;
import io.tessera.fe.exec.PartitionExecutor;
import io.tessera.fe.exec.QueryExecutor;
import io.tessera.fe.exec.ProcesslistExecutor;
import io.tessera.fe.session.ConnectionRegistry;
import io.tessera.fe.session.QueryIds;
import io.tessera.fe.schema.ProcesslistTable;
import io.tessera.fe.sql.ast.ShowProcesslistStatement;
import io.tessera.fe.exec.SelectExecutor;
import io.tessera.fe.exec.ReportedTableSizes;
import io.tessera.fe.exec.MetadataShowExecutor;
import io.tessera.fe.exec.UnionExecutor;
import io.tessera.fe.exec.SessionStatementExecutor;
import io.tessera.fe.exec.ShowBackendsExecutor;
import io.tessera.fe.exec.ShowDecommissionExecutor;
import io.tessera.fe.exec.StatementDispatcher;
import io.tessera.fe.exec.StatementExecutors;
import io.tessera.fe.exec.StatementPrivileges;
import io.tessera.fe.exec.TableShowExecutor;
import io.tessera.fe.exec.DbsProc;
import io.tessera.fe.exec.ReplicaStatusExecutor;
import io.tessera.fe.catalog.ReplicaStatuses;
import io.tessera.fe.exec.DiagnoseTabletExecutor;
import io.tessera.fe.exec.TrashExecutor;
import io.tessera.fe.exec.BackendsTableFunction;
import io.tessera.fe.exec.TransactionsExecutor;
import io.tessera.fe.txn.TransactionHistory;
import io.tessera.fe.exec.FrontendSelf;
import io.tessera.fe.exec.ShowFrontendsExecutor;
import io.tessera.common.TesseraVersion;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.Journal;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.placement.PlacementCandidate;
import io.tessera.fe.query.ReplicaScanner;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.txn.LoadCoordinator;
import io.tessera.fe.txn.LoadTransactions;
import io.tessera.fe.txn.StreamLoadService;
import io.tessera.fe.txn.LiveTransactions;
import io.tessera.fe.txn.TablesInFlight;
import java.security.SecureRandom;
import java.time.ZoneId;
import io.tessera.fe.config.FeConfig;
import io.tessera.fe.config.RuntimeConfigState;
import io.tessera.fe.exec.FrontendConfigExecutor;
import io.tessera.fe.exec.RepairTableExecutor;
import io.tessera.fe.replication.PriorityRepairs;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import io.tessera.fe.mysql.ConnectionLimits;

/**
 * Everything between a parsed statement and its result, wired together: hard state (id
 * generator, backend registry, catalog), soft state the statements read (tablet reports), the
 * metadata writer and journal, the door to the
 * backends, and the executors. The FE builds one for real; the start-up warm-up builds a
 * throwaway one to run real statements through before the port opens.
 *
 * <p>{@code firstIdAfterReplay} is the id generator's next id once the journal was replayed: every
 * id below it was handed out before this FE started, so a replica with such an id that the catalog
 * does not place is a leftover of work the previous FE never recorded.
 *
 * <p>Threading: the parts are thread-safe as their own Javadoc says; close once.
 */
record StatementPipeline(
        BackendRegistry backends,
        Supplier<ClusterView> cluster,
        Catalog catalog,
        TabletReports tabletReports,
        MetadataWriter writer,
        Journal journal,
        AccessControl accessControl,
        DatabaseDirectory directory,
        SystemVariables systemVariables,
        RuntimeConfigState runtimeConfig,
        SessionStatementExecutor sessionStatements,
        StatementDispatcher dispatcher,
        GrpcBackendCalls backendCalls,
        StreamLoadService loadService,
        LoadTransactions transactions,
        TablesInFlight tablesInFlight,
        LiveTransactions liveTransactions,
        ReplicationLoop replication,
        DecommissionJobs decommissionJobs,
        long firstIdAfterReplay,
        ConnectionRegistry connections,
        QueryIds queryIds,
        ExecutorService blocking) implements AutoCloseable {

    private static final int BLOCKING_THREADS = 32;

    /**
     * @param runtime what heartbeats taught the FE about a backend id (soft state)
     */
    static StatementPipeline create(Clock clock, ZoneId zone, LongFunction<BackendRuntime> runtime) {
        ReplicaStatuses replicaStatuses = new ReplicaStatuses();
        return create(clock, zone, new BackendRegistry(), runtime,
                new TabletReports(replicaStatuses::snapshot),
                Randomness.seeded(0), LocalJournal::new, BucketLimit.DEFAULT, Map.of(),
                new NettyGrpcTransport(), "127.0.0.1", () -> FrontendSelf.unstarted(TesseraVersion.version()), replicaStatuses);
    }

    /**
     * @param backends the registry to keep hard state in (the heartbeat manager reads the same one)
     * @param runtime  what heartbeats taught the FE about a backend id (soft state)
     * @param reports  what tablet reports taught the FE about replicas (soft state)
     * @param random   placement's and load routing's random source
     * @param journals opens the journal over the replay dispatcher; it returns once the journal has
     *                 replayed what it keeps into the fresh state
     * @param bucketLimit    the most buckets a partition may have
     * @param configFile     fe.conf's values of the FE config keys ({@link FeConfig#fileValues})
     * @param transport      what carries the data channels to the backends (Netty in production)
     * @param frontendHost   this FE's host, as SHOW PROCESSLIST names it
     * @param self           this FE's identity, ports and start time, for SHOW FRONTENDS
     * @param replicaStatuses the operator's replica marks (hard state; {@code reports} reads them)
     */
    static StatementPipeline create(Clock clock, ZoneId zone, BackendRegistry backends,
                                    LongFunction<BackendRuntime> runtime, TabletReports reports, Random random,
                                    Function<ReplayDispatcher, Journal> journals,
                                    BucketLimit bucketLimit,
                                    Map<String, String> configFile, GrpcTransport transport,
                                    String frontendHost, Supplier<FrontendSelf> self,
                                    ReplicaStatuses replicaStatuses) {
        IdGenerator idGenerator = new IdGenerator();
        Catalog catalog = new Catalog();
        SystemVariables variables = new SystemVariables(zone);
        RuntimeConfigState runtimeConfig = new RuntimeConfigState(configFile);
        DecommissionJobs decommissionJobs = new DecommissionJobs();
        Accounts accounts = new Accounts();
        Journal journal = journals.apply(new ReplayDispatcher(
                java.util.List.of(idGenerator, backends, catalog, variables, runtimeConfig, decommissionJobs,
                        accounts, replicaStatuses)));
        ReplicaSizes replicaSizes = (replicaId, backendId) -> reports.replica(replicaId, backendId)
                .map(stats -> OptionalLong.of(stats.dataSizeBytes())).orElse(OptionalLong.empty());
        DecommissionJobControl jobControl = new DecommissionJobControl(decommissionJobs, clock, replicaSizes);
        runtimeConfig.logOverrides();
        long firstIdAfterReplay = idGenerator.nextId();
        MetadataWriter writer = new MetadataWriter(idGenerator, journal);
        AccessControl accessControl = new AccessControl(accounts::snapshot);
        StatementPrivileges privileges = new StatementPrivileges(accessControl);
        ConnectionRegistry connections = new ConnectionRegistry(clock);
        ProcesslistExecutor processlist = new ProcesslistExecutor(connections, accessControl, clock, zone,
                frontendHost);
        DatabaseDirectory directory = new DatabaseDirectory(catalog::snapshot, privileges.schemaVisibility(),
                new ReportedTableSizes(reports), zone,
                List.of(new ProcesslistTable(ProcesslistExecutor.processlistColumns(),
                        session -> processlist.showProcesslist(new ShowProcesslistStatement(true), session))));
        SessionStatementExecutor sessionStatements = new SessionStatementExecutor(directory, writer, clock);
        Supplier<ClusterView> cluster = ClusterView.source(backends::snapshot, runtime);
        GrpcBackendCalls backendCalls = GrpcBackendCalls.open(backends::snapshot, runtime, CallLimits.DEFAULT, clock,
                transport);
        ReplicaCreator replicas = new ReplicaCreator(backendCalls, () -> runtimeConfig.current().tabletCreateTimeouts(),
                clock);
        LeavingReplicas leaving = new LeavingReplicas();
        PriorityRepairs priorityRepairs = new PriorityRepairs(clock);
        LoadTransactions transactions = new LoadTransactions(catalog, writer, backendCalls, clock, reports::unreadable,
                leaving, new TransactionHistory(clock, () -> self.get().host()));
        LoadCoordinator loads = new LoadCoordinator(catalog, transactions, backendCalls, cluster, random);
        StreamLoadService loadService = new StreamLoadService(catalog, backends::snapshot, runtime,
                new PlainPasswordCheck(accessControl), accessControl, transactions, clock, random);
        ExecutorService blocking = Executors.newFixedThreadPool(BLOCKING_THREADS, new NamedThreads("statement"));
        LiveTransactions liveTransactions = new LiveTransactions(loads, loadService, catalog);
        BackendControl backendControl = new BackendControl(backends);
        ReplicationLoop replication = new ReplicationLoop(catalog, new CatalogControl(catalog, clock), backendControl,
                jobControl,
                cluster, reports, runtimeConfig::current, writer, backendCalls, liveTransactions, leaving, priorityRepairs,
                () -> decommissionJobs.snapshot().pausedBackendIds(), clock, Randomness.split(random),
                Executors.newSingleThreadScheduledExecutor(new NamedThreads("tablet-scheduler")));
        SelectExecutor selects = new SelectExecutor(directory, clock, Map.of("backends",
                new BackendsTableFunction(backends::snapshot, runtime,
                        backend -> catalog.snapshot().replicaCount(backend.id()), zone)));
        QueryExecutor queries = new QueryExecutor(catalog, directory, new ReplicaScanner(cluster, reports::unreadable,
                backendCalls, Randomness.split(random),
                () -> runtimeConfig.current().queryScanLimitBytes(Runtime.getRuntime().maxMemory())), clock);
        TableShowExecutor tableShows = new TableShowExecutor(catalog, backends::snapshot, runtime, reports, zone);
        StatementExecutors executors = new StatementExecutors(
                sessionStatements,
                selects,
                new UnionExecutor((select, session) -> queries.readsTable(select, session)
                        ? queries.execute(select, session) : selects.execute(select, session)),
                new BackendStatementExecutor(backendControl, writer, catalog::snapshot,
                        cluster, runtimeConfig::current, jobControl, reports::unreadable),
                new ShowBackendsExecutor(backends, runtime, backend -> catalog.snapshot().replicaCount(backend.id()),
                        zone),
                new DdlExecutor(catalog, writer, replicas, bucketLimit, () -> candidates(cluster.get(), catalog.snapshot()),
                        clock, random),
                new InsertExecutor(catalog, loads, clock, (select, session) -> queries.readsTable(select, session)
                        ? queries.execute(select, session) : selects.execute(select, session)),
                new TransactionStatementExecutor(loads, clock, Randomness.split(random),
                        TransactionStatementExecutor.MAX_ROWS),
                tableShows,
                new MetadataShowExecutor(directory, clock),
                queries,
                new PartitionExecutor(catalog, writer, replicas, bucketLimit,
                        () -> candidates(cluster.get(), catalog.snapshot()), clock, random),
                new InspectionExecutor(catalog, cluster, reports),
                new TabletHealthProc(catalog, cluster, reports::unreadable,
                        databaseId -> replication.activity().cloning(databaseId)),
                new ClusterBalanceProc(replication::activity, priorityRepairs, cluster, catalog::snapshot,
                        runtimeConfig::current, zone),
                new StatisticProc(catalog::snapshot),
                new FrontendConfigExecutor(runtimeConfig, writer),
                new RepairTableExecutor(catalog::snapshot, priorityRepairs, replication::wake),
                new ShowDecommissionExecutor(decommissionJobs, catalog::snapshot, replicaSizes, replication::activity,
                        replication::blockers, clock, zone),
                new ExplainDroppExecutor(backendControl, writer, catalog::snapshot, cluster,
                        reports::unreadable, view -> ClusterShape.known(view, reports), blocking),
                new ExplainDecommissionExecutor(backendControl, writer, catalog::snapshot, cluster,
                        runtimeConfig::current, replicaSizes,
                        () -> replication.activity().clusterDrainRate(), view -> ClusterShape.known(view, reports),
                        blocking),
                new AccountStatementExecutor(accessControl, writer, catalog::snapshot),
                new ShowGrantsExecutor(accessControl, ConnectionLimits.fromConfig(configFile).maxUserConnections()),
                processlist,
                new ShowFrontendsExecutor(self, journal::lastAppliedIndex, clock, zone),
                new DbsProc(catalog::snapshot, directory, backends::snapshot, runtime, reports, tableShows,
                        databaseId -> catalog.snapshot().committed().values().stream()
                                .filter(record -> record.getDatabaseId() == databaseId).count(), zone),
                new TransactionsExecutor(catalog::snapshot, transactions.history(), zone),
                new DiagnoseTabletExecutor(catalog::snapshot, cluster, reports),
                new TrashExecutor(backends::snapshot, runtime,
                        backendId -> backendCalls.cleanTrash(backendId).thenApply(answer -> answer.getFreedBytes())),
                new ReplicaStatusExecutor(catalog::snapshot, replicaStatuses, writer, replication::wake, clock),
                blocking);
        // Split last, so the random sources split before keep the seeds they had without it.
        QueryIds queryIds = new QueryIds(Randomness.split(random));
        return new StatementPipeline(backends, cluster, catalog, reports, writer, journal, accessControl, directory,
                variables, runtimeConfig, sessionStatements, new StatementDispatcher(executors, privileges), backendCalls,
                loadService,
                transactions, new TablesInFlight(loads, loadService, catalog, replicas),
                liveTransactions, replication, decommissionJobs, firstIdAfterReplay, connections, queryIds, blocking);
    }

    /** Backends that may receive new replicas ({@link ClusterView#canHoldNewReplica}), with their loads. */
    static List<PlacementCandidate> candidates(ClusterView cluster, CatalogSnapshot catalog) {
        return cluster.newReplicaCandidates().stream()
                .map(backend -> new PlacementCandidate(backend.id(), backend.host(), backend.location(),
                        catalog.replicaCount(backend.id())))
                .toList();
    }

    @Override
    public void close() {
        replication.close();
        blocking.shutdownNow();
        try {
            blocking.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backendCalls.close();
        writer.close();
        journal.close();
    }
}
