package io.tessera.fe.mysql;

import io.tessera.fe.result.Column;
import io.tessera.fe.result.QueryResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SQL side of one MySQL connection.
 *
 * <p>Threading: the protocol layer calls these methods one at a time, in the order the client
 * sent its commands, never concurrently. A returned future may complete on any thread; a future
 * that completes exceptionally with a {@link io.tessera.common.TesseraException} becomes an
 * error packet, and any other exception becomes a logged fault answered with an error packet.
 */
public interface SessionHandler {
    /** COM_QUERY. */
    CompletableFuture<QueryResult> handleQuery(String sql);

    /** COM_INIT_DB (what {@code USE} sends in some clients): switch the current database. */
    CompletableFuture<QueryResult> handleInitDb(String database);

    /** COM_FIELD_LIST: the columns of a table in the current database. */
    CompletableFuture<List<Column>> handleFieldList(String table);

    /**
     * Whether a transaction is open (BEGIN has run and COMMIT or ROLLBACK has not): every answer
     * then carries SERVER_STATUS_IN_TRANS, which drivers read to decide whether their own
     * {@code commit()} must send COMMIT.
     */
    boolean inTransaction();

    /** The session's {@code autocommit}: every answer carries SERVER_STATUS_AUTOCOMMIT while it is on. */
    boolean autocommit();

    /**
     * How long the connection may sit idle between commands before the server closes it, in
     * seconds (0: for ever): the session's {@code wait_timeout}, or for a CLIENT_INTERACTIVE
     * client its {@code interactive_timeout}, as in MySQL.
     */
    default long idleTimeoutSeconds(boolean interactive) {
        return interactive ? 3_600 : 28_800;
    }

    /** How long a result may wait for the client to read it, in seconds: the session's {@code net_write_timeout}. */
    default long writeTimeoutSeconds() {
        return 600;
    }

    /** The connection is gone; release anything held for it. */
    void close();
}
