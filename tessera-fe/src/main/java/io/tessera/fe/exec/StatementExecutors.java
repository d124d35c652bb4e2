package io.tessera.fe.exec;

import java.util.concurrent.Executor;

/**
 * The executors the dispatcher routes to, one per statement family, and the pool that runs the
 * blocking ones (DDL, loads, queries over tables) off the connection threads.
 */
public record StatementExecutors(
        SessionStatementExecutor sessionStatements,
        SelectExecutor selects,
        UnionExecutor unions,
        BackendStatementExecutor backendStatements,
        ShowBackendsExecutor showBackends,
        DdlExecutor ddl,
        InsertExecutor inserts,
        TransactionStatementExecutor transactions,
        TableShowExecutor tableShows,
        MetadataShowExecutor metadataShows,
        QueryExecutor queries,
        PartitionExecutor partitions,
        InspectionExecutor inspections,
        TabletHealthProc tabletHealth,
        ClusterBalanceProc clusterBalance,
        StatisticProc statistic,
        FrontendConfigExecutor frontendConfig,
        RepairTableExecutor repairTables,
        ShowDecommissionExecutor showDecommission,
        ExplainDroppExecutor explainDropp,
        ExplainDecommissionExecutor explainDecommission,
        AccountStatementExecutor accountStatements,
        ShowGrantsExecutor showGrants,
        ProcesslistExecutor processlist,
        ShowFrontendsExecutor showFrontends,
        DbsProc dbs,
        TransactionsExecutor transactionViews,
        DiagnoseTabletExecutor diagnoseTablets,
        TrashExecutor trash,
        ReplicaStatusExecutor replicaStatuses,
        Executor blocking) {
}
