package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.BeginStatement;
import io.tessera.fe.sql.ast.CommitStatement;
import io.tessera.fe.sql.ast.RollbackStatement;
import io.tessera.fe.sql.ast.SetTransactionStatement;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.AddBackendStatement;
import io.tessera.fe.sql.ast.AddPartitionStatement;
import io.tessera.fe.sql.ast.DropPartitionStatement;
import io.tessera.fe.sql.ast.CreateDatabaseStatement;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.DescribeStatement;
import io.tessera.fe.sql.ast.DropDatabaseStatement;
import io.tessera.fe.sql.ast.DropTableStatement;
import io.tessera.fe.sql.ast.InsertStatement;
import io.tessera.fe.sql.ast.ShowCreateTableStatement;
import io.tessera.fe.sql.ast.ShowCharsetStatement;
import io.tessera.fe.sql.ast.ShowCollationStatement;
import io.tessera.fe.sql.ast.ShowColumnsStatement;
import io.tessera.fe.sql.ast.ShowCreateDatabaseStatement;
import io.tessera.fe.sql.ast.ShowEnginesStatement;
import io.tessera.fe.sql.ast.ShowIndexStatement;
import io.tessera.fe.sql.ast.ShowRoutineStatusStatement;
import io.tessera.fe.sql.ast.ShowTableStatusStatement;
import io.tessera.fe.sql.ast.ShowPartitionsStatement;
import io.tessera.fe.sql.ast.ShowTabletStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.fe.sql.ast.ShowFrontendsStatement;
import io.tessera.fe.sql.ast.ExplainSelectStatement;
import io.tessera.fe.sql.ast.SetReplicaStatusStatement;
import io.tessera.fe.sql.ast.DiagnoseTabletStatement;
import io.tessera.fe.sql.ast.ShowTrashStatement;
import io.tessera.fe.sql.ast.CleanTrashStatement;
import io.tessera.fe.sql.ast.ShowTransactionStatement;
import io.tessera.fe.sql.ast.ShowDataStatement;
import io.tessera.fe.sql.ast.ShowReplicaDistributionStatement;
import io.tessera.fe.sql.ast.ShowReplicaStatusStatement;
import io.tessera.fe.sql.ast.CancelDecommissionBackendStatement;
import io.tessera.fe.sql.ast.PauseDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ResumeDecommissionBackendStatement;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.DropBackendStatement;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.fe.sql.ast.ModifyBackendStatement;
import io.tessera.fe.sql.ast.RepairTableStatement;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.SetFrontendConfigStatement;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.ShowFrontendConfigStatement;
import io.tessera.fe.sql.ast.ShowBackendsStatement;
import io.tessera.fe.sql.ast.ShowDecommissionBlockersStatement;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import io.tessera.fe.sql.ast.ShowDatabasesStatement;
import io.tessera.fe.sql.ast.ShowProcStatement;
import io.tessera.fe.sql.ast.ShowProcesslistStatement;
import io.tessera.fe.sql.ast.KillStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowVariablesStatement;
import io.tessera.fe.sql.ast.ShowWarningsStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.UnionStatement;
import io.tessera.fe.sql.ast.AlterUserStatement;
import io.tessera.fe.sql.ast.CreateRoleStatement;
import io.tessera.fe.sql.ast.CreateUserStatement;
import io.tessera.fe.sql.ast.DropRoleStatement;
import io.tessera.fe.sql.ast.DropUserStatement;
import io.tessera.fe.sql.ast.GrantPrivilegesStatement;
import io.tessera.fe.sql.ast.GrantRolesStatement;
import io.tessera.fe.sql.ast.SetPasswordStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.ShowGrantsStatement;
import io.tessera.fe.sql.ast.ShowRolesStatement;
import io.tessera.fe.sql.ast.ShowUserPropertyStatement;
import io.tessera.fe.sql.ast.UseStatement;
import java.util.concurrent.CompletableFuture;

/**
 * Routes each parsed statement to the executor of its family, after {@link StatementPrivileges}
 * has checked that the session may run it (so no executor can forget the check). Reads answer at
 * once; writes answer when the metadata writer has applied them. A check that fails on the
 * caller's thread becomes a failed future, so callers see one error path.
 *
 * <p>Threading: stateless; safe to share between sessions.
 */
public final class StatementDispatcher {
    private final SessionStatementExecutor sessionStatements;
    private final SelectExecutor selects;
    private final BackendStatementExecutor backendStatements;
    private final ShowBackendsExecutor showBackends;
    private final StatementExecutors executors;
    private final StatementPrivileges privileges;

    public StatementDispatcher(StatementExecutors executors, StatementPrivileges privileges) {
        this.executors = executors;
        this.privileges = privileges;
        this.sessionStatements = executors.sessionStatements();
        this.selects = executors.selects();
        this.backendStatements = executors.backendStatements();
        this.showBackends = executors.showBackends();
    }

    public CompletableFuture<QueryResult> execute(Statement statement, SessionContext session) {
        try {
            checkAllowedInTransaction(statement, session);
            privileges.check(statement, session);
            return route(statement, session);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Only the privilege check of a statement, for protocol commands that read what the statement
     * would ({@code COM_FIELD_LIST} reads what DESCRIBE does).
     */
    public void checkPrivileges(Statement statement, SessionContext session) {
        privileges.check(statement, session);
    }

    /** Inside a transaction BEGIN opened, Doris takes only INSERT, COMMIT and ROLLBACK (and ignores BEGIN). */
    private static void checkAllowedInTransaction(Statement statement, SessionContext session) {
        if (session.openTransaction() != null && !(statement instanceof InsertStatement)
                && !(statement instanceof BeginStatement) && !(statement instanceof CommitStatement)
                && !(statement instanceof RollbackStatement)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT,
                    "This is in a transaction, only insert, update, delete, commit, rollback is acceptable.");
        }
    }

    private CompletableFuture<QueryResult> route(Statement statement, SessionContext session) {
        CompletableFuture<QueryResult> transaction = routeTransaction(statement, session);
        if (transaction != null) {
            return transaction;
        }
        if (statement instanceof ExplainSelectStatement explain) {
            return done(executors.queries().explain(explain, session));
        }
        if (statement instanceof SelectStatement select) {
            if (executors.queries().readsTable(select, session)) {
                return blocking(() -> executors.queries().execute(select, session));
            }
            if (SelectExecutor.blocks(select)) {
                return blocking(() -> selects.execute(select, session));
            }
            return done(selects.execute(select, session));
        }
        if (statement instanceof UnionStatement union) {
            return blocking(() -> executors.unions().execute(union, session));
        }
        CompletableFuture<QueryResult> data = routeData(statement, session);
        if (data != null) {
            return data;
        }
        CompletableFuture<QueryResult> account = routeAccount(statement, session);
        if (account != null) {
            return account;
        }
        if (statement instanceof SetStatement set) {
            if (SessionStatementExecutor.needsJournal(set)) {
                return blocking(() -> sessionStatements.set(set, session));
            }
            return done(sessionStatements.set(set, session));
        }
        if (statement instanceof UseStatement use) {
            return done(sessionStatements.use(use, session));
        }
        if (statement instanceof ShowVariablesStatement show) {
            return done(sessionStatements.showVariables(show, session));
        }
        if (statement instanceof ShowDatabasesStatement show) {
            return done(sessionStatements.showDatabases(show, session,
                    database -> privileges.mayShowDatabase(session, database)));
        }
        if (statement instanceof ShowTablesStatement show) {
            return done(sessionStatements.showTables(show, session,
                    (database, table) -> privileges.mayShowTable(session, database, table)));
        }
        if (statement instanceof ShowWarningsStatement show) {
            return done(sessionStatements.showWarnings(show, session));
        }
        if (statement instanceof ShowProcesslistStatement show) {
            return done(executors.processlist().showProcesslist(show, session));
        }
        if (statement instanceof KillStatement kill) {
            return done(executors.processlist().kill(kill, session));
        }
        CompletableFuture<QueryResult> metadata = routeMetadata(statement, session);
        if (metadata != null) {
            return metadata;
        }
        if (statement instanceof ShowBackendsStatement) {
            return done(showBackends.showBackends());
        }
        if (statement instanceof SetReplicaStatusStatement set) {
            return executors.replicaStatuses().set(set);
        }
        if (statement instanceof DiagnoseTabletStatement diagnose) {
            return done(executors.diagnoseTablets().diagnose(diagnose));
        }
        if (statement instanceof ShowTrashStatement show) {
            return done(executors.trash().show(show));
        }
        if (statement instanceof CleanTrashStatement clean) {
            return done(executors.trash().clean(clean));
        }
        if (statement instanceof ShowTransactionStatement show) {
            return done(executors.transactionViews().showTransaction(show, session));
        }
        if (statement instanceof ShowFrontendsStatement show) {
            return done(executors.showFrontends().show(show));
        }
        if (statement instanceof ShowProcStatement proc) {
            if (TabletHealthProc.handles(proc.path())) {
                return done(executors.tabletHealth().show(proc.path()));
            }
            if (ClusterBalanceProc.handles(proc.path())) {
                return done(executors.clusterBalance().show(proc.path()));
            }
            if (StatisticProc.handles(proc.path())) {
                return done(executors.statistic().show(proc.path()));
            }
            if (ProcesslistExecutor.handles(proc.path())) {
                return done(executors.processlist().showCurrentQueries(proc.path(), session));
            }
            if (DbsProc.handles(proc.path())) {
                return done(executors.dbs().show(proc.path()));
            }
            if (TrashExecutor.handles(proc.path())) {
                return done(executors.trash().showProc(proc.path()));
            }
            if (TransactionsExecutor.handles(proc.path())) {
                return done(executors.transactionViews().showProc(proc.path()));
            }
            return done(showBackends.showProc(proc.path()));
        }
        if (statement instanceof AddBackendStatement add) {
            return backendStatements.add(add, session);
        }
        if (statement instanceof DropBackendStatement drop) {
            return backendStatements.drop(drop, session);
        }
        if (statement instanceof DecommissionBackendStatement decommission) {
            return backendStatements.decommission(decommission, session);
        }
        if (statement instanceof CancelDecommissionBackendStatement cancel) {
            return backendStatements.cancelDecommission(cancel, session);
        }
        if (statement instanceof PauseDecommissionBackendStatement pause) {
            return backendStatements.pauseDecommission(pause, session);
        }
        if (statement instanceof ResumeDecommissionBackendStatement resume) {
            return backendStatements.resumeDecommission(resume, session);
        }
        if (statement instanceof ModifyBackendStatement modify) {
            return backendStatements.modify(modify, session);
        }
        if (statement instanceof ExplainDroppBackendStatement explain) {
            return executors.explainDropp().explain(explain, session);
        }
        if (statement instanceof ExplainDecommissionBackendStatement explain) {
            return executors.explainDecommission().explain(explain, session);
        }
        if (statement instanceof ShowFrontendConfigStatement show) {
            return done(executors.frontendConfig().show(show, session));
        }
        if (statement instanceof SetFrontendConfigStatement set) {
            return executors.frontendConfig().set(set, session);
        }
        if (statement instanceof RepairTableStatement repair) {
            return done(executors.repairTables().execute(repair, session));
        }
        if (statement instanceof ShowDecommissionStatement show) {
            return done(executors.showDecommission().show(show, session));
        }
        if (statement instanceof ShowDecommissionBlockersStatement show) {
            return done(executors.showDecommission().showBlockers(show, session));
        }
        // The parser built a statement nothing executes: a bug of ours, logged and answered as an internal error.
        throw new IllegalStateException("no executor for " + statement.getClass().getSimpleName());
    }

    /** Statements about databases, tables and their data; null when the statement is not one. */
    private CompletableFuture<QueryResult> routeData(Statement statement, SessionContext session) {
        DdlExecutor ddl = executors.ddl();
        TableShowExecutor shows = executors.tableShows();
        if (statement instanceof CreateDatabaseStatement create) {
            return blocking(() -> ddl.createDatabase(create));
        }
        if (statement instanceof DropDatabaseStatement drop) {
            return blocking(() -> ddl.dropDatabase(drop));
        }
        if (statement instanceof CreateTableStatement create) {
            return blocking(() -> ddl.createTable(create, session));
        }
        if (statement instanceof DropTableStatement drop) {
            return blocking(() -> ddl.dropTable(drop, session));
        }
        if (statement instanceof AddPartitionStatement add) {
            return blocking(() -> executors.partitions().addPartition(add, session));
        }
        if (statement instanceof DropPartitionStatement drop) {
            return blocking(() -> executors.partitions().dropPartition(drop, session));
        }
        if (statement instanceof InsertStatement insert) {
            return blocking(() -> executors.inserts().insert(insert, session));
        }
        if (statement instanceof DescribeStatement describe) {
            return done(shows.describe(describe, session));
        }
        if (statement instanceof ShowCreateTableStatement show) {
            return done(shows.showCreateTable(show, session));
        }
        if (statement instanceof ShowPartitionsStatement show) {
            return done(shows.showPartitions(show, session));
        }
        if (statement instanceof ShowTabletsStatement show) {
            return done(shows.showTablets(show, session));
        }
        if (statement instanceof ShowTabletStatement show) {
            return done(shows.showTablet(show));
        }
        if (statement instanceof ShowDataStatement show) {
            return done(executors.inspections().showData(show, session));
        }
        if (statement instanceof ShowReplicaStatusStatement show) {
            return done(executors.inspections().showReplicaStatus(show, session));
        }
        if (statement instanceof ShowReplicaDistributionStatement show) {
            return done(executors.inspections().showReplicaDistribution(show, session));
        }
        return null;
    }

    /** The SHOW statements tools send to learn a schema; null when the statement is not one. */
    private CompletableFuture<QueryResult> routeMetadata(Statement statement, SessionContext session) {
        MetadataShowExecutor shows = executors.metadataShows();
        if (statement instanceof ShowColumnsStatement show) {
            return done(shows.showColumns(show, session));
        }
        if (statement instanceof ShowIndexStatement show) {
            return done(shows.showIndex(show, session));
        }
        if (statement instanceof ShowTableStatusStatement show) {
            return done(shows.showTableStatus(show, session));
        }
        if (statement instanceof ShowCreateDatabaseStatement show) {
            return done(shows.showCreateDatabase(show));
        }
        if (statement instanceof ShowCharsetStatement show) {
            return done(shows.showCharset(show, session));
        }
        if (statement instanceof ShowCollationStatement show) {
            return done(shows.showCollation(show, session));
        }
        if (statement instanceof ShowEnginesStatement) {
            return done(shows.showEngines());
        }
        if (statement instanceof ShowRoutineStatusStatement show) {
            return done(shows.showRoutineStatus(show, session));
        }
        return null;
    }

    /** BEGIN, COMMIT, ROLLBACK and SET TRANSACTION; null when the statement is not one. */
    private CompletableFuture<QueryResult> routeTransaction(Statement statement, SessionContext session) {
        TransactionStatementExecutor transactions = executors.transactions();
        if (statement instanceof BeginStatement begin) {
            return done(transactions.begin(begin, session));
        }
        if (statement instanceof CommitStatement) {
            return blocking(() -> transactions.commit(session));
        }
        if (statement instanceof RollbackStatement) {
            return done(transactions.rollback(session));
        }
        if (statement instanceof SetTransactionStatement set) {
            return done(transactions.setTransaction(set, session));
        }
        return null;
    }

    /** User, role and grant statements; null when the statement is not one. */
    private CompletableFuture<QueryResult> routeAccount(Statement statement, SessionContext session) {
        AccountStatementExecutor accounts = executors.accountStatements();
        if (statement instanceof CreateUserStatement create) {
            return accounts.createUser(create, session);
        }
        if (statement instanceof DropUserStatement drop) {
            return accounts.dropUser(drop, session);
        }
        if (statement instanceof SetPasswordStatement set) {
            return accounts.setPassword(set, session);
        }
        if (statement instanceof AlterUserStatement alter) {
            return accounts.alterUser(alter, session);
        }
        if (statement instanceof CreateRoleStatement create) {
            return accounts.createRole(create, session);
        }
        if (statement instanceof DropRoleStatement drop) {
            return accounts.dropRole(drop, session);
        }
        if (statement instanceof GrantPrivilegesStatement grant) {
            return accounts.grantPrivileges(grant, session);
        }
        if (statement instanceof GrantRolesStatement grant) {
            return accounts.grantRoles(grant, session);
        }
        if (statement instanceof ShowGrantsStatement show) {
            return done(executors.showGrants().showGrants(show, session));
        }
        if (statement instanceof ShowRolesStatement) {
            return done(executors.showGrants().showRoles(session));
        }
        if (statement instanceof SetUserPropertyStatement set) {
            return accounts.setUserProperty(set, session);
        }
        if (statement instanceof ShowUserPropertyStatement show) {
            return done(executors.showGrants().showProperty(show, session));
        }
        return null;
    }

    private CompletableFuture<QueryResult> blocking(java.util.function.Supplier<QueryResult> work) {
        return CompletableFuture.supplyAsync(work, executors.blocking());
    }

    private static CompletableFuture<QueryResult> done(QueryResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
