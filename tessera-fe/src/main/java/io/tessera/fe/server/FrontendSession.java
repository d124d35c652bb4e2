package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.fe.audit.AuditEvents;
import io.tessera.fe.audit.AuditLog;
import io.tessera.fe.exec.SessionStatementExecutor;
import io.tessera.fe.exec.StatementDispatcher;
import io.tessera.fe.mysql.SessionHandler;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.ShowWarningsStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.DescribeStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.UseStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL side of one client connection: every statement goes through the parser, then the
 * dispatcher; a statement's warnings (none for most) replace the session's, which SHOW WARNINGS
 * reads and leaves alone, as in MySQL. Every statement's outcome (parsed or not, answered or
 * failed) goes to the audit log, which only queues it. Every protocol path (the MySQL port and
 * in-JVM sessions) runs statements here, so this is the one place that sees them all.
 *
 * <p>Threading: the protocol layer calls it one command at a time; a statement's audit event is
 * made on whichever thread completes the statement, before the protocol layer sees the answer (so
 * before the session's next command starts), and only queued there.
 */
final class FrontendSession implements SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendSession.class);
    private final SessionContext context;
    private final String client;
    private final SqlParser parser;
    private final StatementDispatcher dispatcher;
    private final SessionStatementExecutor sessionStatements;
    private final AuditLog auditLog;
    private final Clock clock;
    /** COM_QUERYs so far: Doris's StmtId. Only touched by handleQuery, one command at a time. */
    private long statementCount;

    FrontendSession(SessionContext context, String client, SqlParser parser, StatementDispatcher dispatcher,
                    SessionStatementExecutor sessionStatements, AuditLog auditLog, Clock clock) {
        this.context = context;
        this.client = client;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.sessionStatements = sessionStatements;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Override
    public boolean inTransaction() {
        return context.openTransaction() != null;
    }

    @Override
    public boolean autocommit() {
        return !Boolean.FALSE.equals(context.sessionValue(context.systemVariables().definitionOrThrow("autocommit")));
    }

    @Override
    public CompletableFuture<QueryResult> handleQuery(String sql) {
        long startNanos = clock.monotonicNanos();
        long statementId = ++statementCount;
        Statement statement = null;
        CompletableFuture<QueryResult> outcome;
        try {
            statement = parser.parse(sql);
            outcome = execute(statement);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        Statement parsed = statement;
        return outcome.whenComplete((result, error) -> audit(sql, parsed, statementId, startNanos, result, error));
    }

    private CompletableFuture<QueryResult> execute(Statement statement) {
        if (statement instanceof ShowWarningsStatement) {
            return dispatcher.execute(statement, context);
        }
        context.setWarnings(List.of());
        return dispatcher.execute(statement, context).thenApply(result -> {
            if (result instanceof ResultSet rows) {
                context.setWarnings(rows.warnings());
            }
            return result;
        });
    }

    /** Hands the statement's outcome to the audit log; nothing here may fail the statement. */
    private void audit(String sql, Statement parsed, long statementId, long startNanos, QueryResult result,
                       Throwable error) {
        try {
            long elapsedMillis = (clock.monotonicNanos() - startNanos) / 1_000_000;
            auditLog.record(AuditEvents.finished(clock.wallMillis(), client, context.user().user(),
                    context.database(), elapsedMillis, statementId, sql, parsed, result, error));
        } catch (RuntimeException e) {
            LOG.warn("audit log: the event of a statement could not be made: {}", e.toString());
        }
    }

    @Override
    public CompletableFuture<QueryResult> handleInitDb(String database) {
        try {
            return dispatcher.execute(new UseStatement(null, database), context);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<List<Column>> handleFieldList(String table) {
        try {
            dispatcher.checkPrivileges(new DescribeStatement(new TableName(null, table), false), context);
            return CompletableFuture.completedFuture(sessionStatements.fieldList(table, context));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        // Nothing is held per session yet.
    }
}
