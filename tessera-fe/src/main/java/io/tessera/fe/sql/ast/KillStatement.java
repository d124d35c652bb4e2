package io.tessera.fe.sql.ast;

/**
 * {@code KILL [CONNECTION] <id>}, {@code KILL QUERY <id>} or {@code KILL QUERY '<query id>'}.
 *
 * @param queryOnly    QUERY: stop the running statement, keep the connection
 * @param connectionId the connection id, or -1 when a query id is named
 * @param queryId      the query id of {@code KILL QUERY '<id>'}, or null
 */
public record KillStatement(boolean queryOnly, long connectionId, String queryId) implements Statement {
    public static KillStatement connection(long connectionId, boolean queryOnly) {
        return new KillStatement(queryOnly, connectionId, null);
    }

    public static KillStatement query(String queryId) {
        return new KillStatement(true, -1, queryId);
    }
}
