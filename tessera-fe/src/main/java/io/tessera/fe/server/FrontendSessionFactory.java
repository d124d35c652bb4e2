package io.tessera.fe.server;

import io.tessera.common.Clock;
import io.tessera.fe.audit.AuditLog;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.exec.SessionStatementExecutor;
import io.tessera.fe.exec.StatementDispatcher;
import io.tessera.fe.mysql.ConnectionInfo;
import io.tessera.fe.mysql.SessionFactory;
import io.tessera.fe.mysql.SessionHandler;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.ConnectionRegistry;
import io.tessera.fe.session.LiveConnection;
import io.tessera.fe.session.QueryIds;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.UseStatement;

/**
 * Opens a {@link FrontendSession} for each accepted login and registers its connection in the
 * {@link ConnectionRegistry}. Thread-safe: holds only shared, thread-safe parts.
 */
final class FrontendSessionFactory implements SessionFactory {
    private final SystemVariables systemVariables;
    private final DatabaseDirectory directory;
    private final SqlParser parser;
    private final StatementDispatcher dispatcher;
    private final SessionStatementExecutor sessionStatements;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ConnectionRegistry registry;
    private final QueryIds queryIds;

    FrontendSessionFactory(SystemVariables systemVariables, DatabaseDirectory directory, SqlParser parser,
                           StatementDispatcher dispatcher, SessionStatementExecutor sessionStatements,
                           AuditLog auditLog, Clock clock, ConnectionRegistry registry, QueryIds queryIds) {
        this.systemVariables = systemVariables;
        this.directory = directory;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.sessionStatements = sessionStatements;
        this.auditLog = auditLog;
        this.clock = clock;
        this.registry = registry;
        this.queryIds = queryIds;
    }

    @Override
    public SessionHandler open(ConnectionInfo connection) {
        UserIdentity user = new UserIdentity(connection.user(), connection.remoteHost());
        String database = null;
        if (connection.database() != null && !connection.database().isEmpty()) {
            // A login that names a database is a USE: the same privilege, checked before the name is looked up.
            dispatcher.checkPrivileges(new UseStatement(null, connection.database()),
                    new SessionContext(connection.connectionId(), user, systemVariables, null));
            database = directory.databaseOrThrow(connection.database());
        }
        SessionContext context = new SessionContext(connection.connectionId(), user, systemVariables, database);
        LiveConnection live = new LiveConnection(context, connection.client(), connection.disconnect(), clock,
                queryIds);
        registry.register(live);
        return new FrontendSession(context, connection.client(), parser, dispatcher, sessionStatements, auditLog,
                clock, live, registry);
    }
}
