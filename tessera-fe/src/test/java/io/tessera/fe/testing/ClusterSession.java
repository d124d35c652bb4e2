package io.tessera.fe.testing;

import io.tessera.fe.mysql.SessionHandler;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One logged-in session of an {@link InProcessCluster}, without a socket: every statement goes
 * through the same path a MySQL connection's COM_QUERY takes (session, parser, dispatcher,
 * executors). A failed statement throws what the FE would have turned into an error packet
 * (usually a {@link io.tessera.common.TesseraException}), unwrapped from the future.
 *
 * <p>Threading: like a connection, one statement at a time from one thread.
 */
public final class ClusterSession implements AutoCloseable {
    private static final long STATEMENT_TIMEOUT_SECONDS = 60;

    private final SessionHandler handler;

    ClusterSession(SessionHandler handler) {
        this.handler = handler;
    }

    /** Runs one statement and returns its OK or result set. */
    public QueryResult execute(String sql) {
        return await(handler.handleQuery(sql));
    }

    /** Runs a statement that answers with a result set. */
    public ResultSet query(String sql) {
        QueryResult result = execute(sql);
        if (!(result instanceof ResultSet rows)) {
            throw new AssertionError("'" + sql + "' answered " + result + ", not a result set");
        }
        return rows;
    }

    /** The rows of a statement that answers with a result set. */
    public List<List<String>> rows(String sql) {
        return query(sql).rows();
    }

    /** Runs a statement that answers with an OK. */
    public OkResult update(String sql) {
        QueryResult result = execute(sql);
        if (!(result instanceof OkResult ok)) {
            throw new AssertionError("'" + sql + "' answered a result set " + result + ", not an OK");
        }
        return ok;
    }

    /** COM_INIT_DB, what some clients send for {@code USE}. */
    public QueryResult initDb(String database) {
        return await(handler.handleInitDb(database));
    }

    /** COM_FIELD_LIST: the columns of a table in the current database. */
    public List<Column> fieldList(String table) {
        return await(handler.handleFieldList(table));
    }

    @Override
    public void close() {
        handler.close();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("statement did not answer within " + STATEMENT_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a statement", e);
        }
    }
}
