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

    MultiStatementResults(int statementCount) {
        this.results = new ArrayList<>(statementCount);
    }

    synchronized void add(QueryResult result) {
        results.add(result);
    }

    /** Writes every result; with {@code errorFollows}, the last one too says that more follows. */
    synchronized void writeTo(ResponseWriter responses, ResultSetWriter resultSets, boolean errorFollows) {
        for (int i = 0; i < results.size(); i++) {
            boolean more = errorFollows || i < results.size() - 1;
            int status = HandshakePacket.SERVER_STATUS_AUTOCOMMIT
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
