package io.tessera.fe.audit;

import java.util.Objects;

/**
 * What the audit log records of one finished statement: Doris's {@code AuditEvent} fields that
 * Tessera has. The statement text is kept as the client sent it; {@link AuditLineFormat} masks its
 * passwords (and those an error message quotes) when it makes the line, on the writer's thread.
 *
 * @param endWallMillis  when the statement finished (the line's time)
 * @param client         the client's {@code ip:port} ({@code ip} alone for sessions without a socket)
 * @param user           the user name the session logged in with
 * @param database       the session's current database after the statement, or "" for none
 * @param state          OK (an OK packet), EOF (a result set) or ERR, as Doris's {@code State}
 * @param errorCode      the MySQL error number of an ERR, 0 otherwise
 * @param errorMessage   the error text the client was sent, "" for none
 * @param elapsedMillis  from the statement's arrival to its answer
 * @param returnRows     rows of the result set sent, 0 for OK and ERR
 * @param statementId    the statement's number within its connection, from 1
 * @param query          a SELECT (Doris's {@code IsQuery})
 * @param alwaysKept     node management, config, user and grant statements: kept even when the
 *                       queue is nearly full (see {@link AuditLog})
 * @param statementText  the statement as the client sent it
 */
public record AuditEvent(long endWallMillis, String client, String user, String database, State state,
                         int errorCode, String errorMessage, long elapsedMillis, long returnRows, long statementId,
                         boolean query, boolean alwaysKept, String statementText) {
    /** Doris's {@code MysqlStateType} names as its audit log writes them. */
    public enum State {
        OK,
        EOF,
        ERR
    }

    public AuditEvent {
        Objects.requireNonNull(client, "client is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(statementText, "statementText is null");
        database = database == null ? "" : database;
        errorMessage = errorMessage == null ? "" : errorMessage;
    }
}
