package io.tessera.fe.server;

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

/**
 * The SQL side of one client connection: every statement goes through the parser, then the
 * dispatcher; a statement's warnings (none for most) replace the session's, which SHOW WARNINGS
 * reads and leaves alone, as in MySQL. Threading: the protocol layer calls it one command at a time.
 */
final class FrontendSession implements SessionHandler {
    private final SessionContext context;
    private final SqlParser parser;
    private final StatementDispatcher dispatcher;
    private final SessionStatementExecutor sessionStatements;

    FrontendSession(SessionContext context, SqlParser parser, StatementDispatcher dispatcher,
                    SessionStatementExecutor sessionStatements) {
        this.context = context;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.sessionStatements = sessionStatements;
    }

    @Override
    public CompletableFuture<QueryResult> handleQuery(String sql) {
        try {
            Statement statement = parser.parse(sql);
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
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
