package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.session.OpenTransaction;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.ast.BeginStatement;
import io.tessera.fe.sql.ast.SetTransactionStatement;
import io.tessera.fe.sql.ast.VariableScope;
import io.tessera.fe.txn.LoadCoordinator;
import io.tessera.fe.txn.LoadResult;
import java.util.List;
import java.util.Random;

/**
 * {@code BEGIN [WITH LABEL l]}, {@code COMMIT} and {@code ROLLBACK} as Doris answers them: BEGIN
 * opens the session's {@link OpenTransaction} (a second BEGIN is ignored), the INSERTs that
 * follow add their rows to it ({@link InsertExecutor}), COMMIT loads all of them as one load
 * transaction through the {@link LoadCoordinator} (visible at once, or not at all) and answers
 * {@code {'label':'l', 'status':'VISIBLE', 'txnId':'n'}}, ROLLBACK drops them. COMMIT or ROLLBACK
 * with no transaction open answers OK.
 *
 * <p>Threading: stateless; the open transaction lives in the {@link SessionContext}. COMMIT blocks
 * on the load, so run it off I/O threads.
 */
public final class TransactionStatementExecutor {
    /** Rows one open transaction may hold in the FE's memory before COMMIT. */
    public static final int MAX_ROWS = 100_000;

    private final LoadCoordinator loads;
    private final Clock clock;
    private final Random random;
    private final int maxRows;

    /**
     * @param random  generates the label of a BEGIN without one
     * @param maxRows rows one open transaction may hold ({@link #MAX_ROWS} in a server)
     */
    public TransactionStatementExecutor(LoadCoordinator loads, Clock clock, Random random, int maxRows) {
        this.loads = loads;
        this.clock = clock;
        this.random = random;
        this.maxRows = maxRows;
    }

    public QueryResult begin(BeginStatement statement, SessionContext session) {
        OpenTransaction open = session.openTransaction();
        if (open != null) {
            // Doris ignores a BEGIN inside a transaction and answers OK.
            return new OkResult(0, "", 0);
        }
        String label = statement.label() != null ? statement.label()
                : "txn_insert_" + Long.toHexString(random.nextLong()) + "_" + Long.toHexString(random.nextLong());
        OpenTransaction transaction = new OpenTransaction(label, clock.wallMillis(), timeoutMillis(session), maxRows);
        session.setOpenTransaction(transaction);
        return new OkResult(0, transaction.preparedInfo(), 0);
    }

    /** Loads the open transaction's rows as one load transaction; OK when none is open. */
    public QueryResult commit(SessionContext session) {
        OpenTransaction open = session.openTransaction();
        if (open == null) {
            return new OkResult(0, "", 0);
        }
        // Closed whatever happens below: a commit that fails has aborted the load, as in Doris.
        session.setOpenTransaction(null);
        open.checkNotTimedOut(clock.wallMillis());
        if (open.table() == null) {
            return new OkResult(0, "", 0);
        }
        LoadResult result = loads.load(open.database(), open.table(), open.label(), open.rows());
        return new OkResult(0, result.info(), 0);
    }

    /** Drops the open transaction's rows (none reached a backend); OK when none is open. */
    public QueryResult rollback(SessionContext session) {
        session.setOpenTransaction(null);
        return new OkResult(0, "", 0);
    }

    /**
     * {@code SET TRANSACTION ...}: loads behave the same whatever it says, as in Doris. The SESSION
     * form sets the session's {@code transaction_isolation}/{@code tx_isolation} and
     * {@code transaction_read_only}/{@code tx_read_only}, which Doris leaves unchanged: MySQL
     * Connector/J's {@code isReadOnly()} reads them back after {@code setReadOnly(true)}. Without a
     * scope (the next transaction only) and with GLOBAL, nothing changes.
     */
    public QueryResult setTransaction(SetTransactionStatement statement, SessionContext session) {
        if (statement.scope() != VariableScope.SESSION) {
            return new OkResult(0, "", 0);
        }
        SystemVariables variables = session.systemVariables();
        if (statement.isolationLevel() != null) {
            for (String name : List.of("transaction_isolation", "tx_isolation")) {
                session.setSessionValue(variables.definitionOrThrow(name), statement.isolationLevel());
            }
        }
        if (statement.readOnly() != null) {
            for (String name : List.of("transaction_read_only", "tx_read_only")) {
                session.setSessionValue(variables.definitionOrThrow(name), statement.readOnly());
            }
        }
        return new OkResult(0, "", 0);
    }

    /** Doris's transaction timeout: the larger of the session's insert_timeout and query_timeout, in ms. */
    private static long timeoutMillis(SessionContext session) {
        SystemVariables variables = session.systemVariables();
        long insertSeconds = ((Number) session.sessionValue(variables.definitionOrThrow("insert_timeout"))).longValue();
        long querySeconds = ((Number) session.sessionValue(variables.definitionOrThrow("query_timeout"))).longValue();
        return Math.max(insertSeconds, querySeconds) * 1000;
    }
}
