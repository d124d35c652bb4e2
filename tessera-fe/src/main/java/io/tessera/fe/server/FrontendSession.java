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
import io.tessera.common.ErrorCode;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.session.ConnectionRegistry;
import io.tessera.fe.session.LiveConnection;
import io.tessera.fe.session.RunningStatement;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.InsertStatement;
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
 * <p>Every command is also shown in the FE's {@link ConnectionRegistry} (SHOW PROCESSLIST) through
 * the connection's {@link LiveConnection}: it begins there with a fresh {@link RunningStatement},
 * whose cancellation KILL QUERY and the timeout checker use, and the statement's executors find it
 * in the {@link SessionContext}. Closing the session cancels a statement still running and
 * forgets the connection.
 *
 * <p>Threading: the protocol layer calls it one command at a time; a statement's audit event and
 * the end of its command are made on whichever thread completes the statement, before the protocol
 * layer sees the answer (so before the session's next command starts). {@link #close} may come
 * from the event loop while a statement still runs on the pool.
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
    private final LiveConnection connection;
    private final ConnectionRegistry registry;
    /** COM_QUERYs so far: Doris's StmtId. Only touched by handleQuery, one command at a time. */
    private long statementCount;

    FrontendSession(SessionContext context, String client, SqlParser parser, StatementDispatcher dispatcher,
                    SessionStatementExecutor sessionStatements, AuditLog auditLog, Clock clock,
                    LiveConnection connection, ConnectionRegistry registry) {
        this.context = context;
        this.client = client;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.sessionStatements = sessionStatements;
        this.auditLog = auditLog;
        this.clock = clock;
        this.connection = connection;
        this.registry = registry;
    }

    @Override
    public boolean inTransaction() {
        return context.openTransaction() != null;
    }

    @Override
    public long idleTimeoutSeconds(boolean interactive) {
        return variableSeconds(interactive ? "interactive_timeout" : "wait_timeout");
    }

    @Override
    public long writeTimeoutSeconds() {
        return variableSeconds("net_write_timeout");
    }

    @Override
    public boolean autocommit() {
        return !Boolean.FALSE.equals(context.sessionValue(context.systemVariables().definitionOrThrow("autocommit")));
    }

    @Override
    public CompletableFuture<QueryResult> handleQuery(String sql) {
        long startNanos = clock.monotonicNanos();
        long statementId = ++statementCount;
        RunningStatement running = begin(LiveConnection.Command.QUERY, sql);
        Statement statement = null;
        CompletableFuture<QueryResult> outcome;
        try {
            statement = parser.parse(sql);
            limitTime(statement, running);
            outcome = execute(statement);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        Statement parsed = statement;
        return outcome.whenComplete((result, error) -> {
            end(running, result, error);
            audit(sql, parsed, statementId, startNanos, result, error);
        });
    }

    private RunningStatement begin(LiveConnection.Command command, String text) {
        RunningStatement running = connection.begin(command, text);
        context.setRunningStatement(running);
        return running;
    }

    /** The command is over: SHOW PROCESSLIST shows Doris's state (OK, EOF for rows, ERR with the error). */
    private void end(RunningStatement running, Object result, Throwable error) {
        context.setRunningStatement(null);
        if (error != null) {
            Throwable cause = Failures.unwrapFuture(error);
            connection.end(running, "ERR", cause instanceof TesseraException tessera ? tessera.clientMessage()
                    : "internal error");
        } else {
            connection.end(running, result instanceof ResultSet ? "EOF" : "OK", null);
        }
    }

    /**
     * Doris's limit: {@code query_timeout} seconds, for INSERT the larger of {@code insert_timeout}
     * and {@code query_timeout}; past it the timeout checker cancels the statement.
     */
    private void limitTime(Statement statement, RunningStatement running) {
        long seconds = variableSeconds("query_timeout");
        if (statement instanceof InsertStatement) {
            seconds = Math.max(seconds, variableSeconds("insert_timeout"));
        }
        connection.limitTime(running, seconds, FrontendSession::timeoutError);
    }

    private static TesseraException timeoutError() {
        return new TesseraException(ErrorCode.QUERY_TIMEOUT, "query is timeout, killed by timeout checker");
    }

    private long variableSeconds(String name) {
        Object value = context.sessionValue(context.systemVariables().definitionOrThrow(name));
        return value instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(value));
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
        RunningStatement running = begin(LiveConnection.Command.INIT_DB, "");
        CompletableFuture<QueryResult> outcome;
        try {
            outcome = dispatcher.execute(new UseStatement(null, database), context);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.whenComplete((result, error) -> end(running, result, error));
    }

    @Override
    public CompletableFuture<List<Column>> handleFieldList(String table) {
        RunningStatement running = begin(LiveConnection.Command.FIELD_LIST, "");
        try {
            dispatcher.checkPrivileges(new DescribeStatement(new TableName(null, table), false), context);
            List<Column> columns = sessionStatements.fieldList(table, context);
            end(running, OkResult.EMPTY, null);
            return CompletableFuture.completedFuture(columns);
        } catch (RuntimeException e) {
            end(running, null, e);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The connection is gone: a statement still running is cancelled, and SHOW PROCESSLIST forgets it. */
    @Override
    public void close() {
        connection.killQuery(new TesseraException(ErrorCode.QUERY_CANCELLED, "the connection was closed"));
        registry.unregister(connection);
    }
}
