package io.tessera.fe.mysql;

import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of the statements of one multi-statement query, collected while they run one
 * after another and written once the last has finished (or one has failed): each but the last
 * answer carries SERVER_MORE_RESULTS_EXISTS, as does every answer before an error.
 *
 * <p>Threading: filled by the statements' futures, which run one at a time; written on the
 * connection's event loop after the last has completed.
 */
final class MultiStatementResults {
    private final List<QueryResult> results;
    private final List<Integer> statuses;

    MultiStatementResults(int statementCount) {
        this.results = new ArrayList<>(statementCount);
        this.statuses = new ArrayList<>(statementCount);
    }

    /** A statement's result and the session's status flags right after it (in a transaction or not). */
    synchronized void add(QueryResult result, int serverStatus) {
        results.add(result);
        statuses.add(serverStatus);
    }

    /** Writes every result; with {@code errorFollows}, the last one too says that more follows. */
    synchronized void writeTo(ResponseWriter responses, ResultSetWriter resultSets, boolean errorFollows) {
        for (int i = 0; i < results.size(); i++) {
            boolean more = errorFollows || i < results.size() - 1;
            int status = statuses.get(i)
                    | (more ? HandshakePacket.SERVER_MORE_RESULTS_EXISTS : 0);
            QueryResult result = results.get(i);
            if (result instanceof OkResult ok) {
                responses.writeOk(ok, status);
            } else if (result instanceof ResultSet rows) {
                resultSets.writeResultSet(rows, status);
            }
        }
    }
}
