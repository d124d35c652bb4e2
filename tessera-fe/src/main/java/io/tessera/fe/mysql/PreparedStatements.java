package io.tessera.fe.mysql;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements one connection has prepared, by id, at most {@code maxCount} of them (MySQL's
 * {@code max_prepared_stmt_count}, applied per connection): a client that prepares without
 * closing gets error 1461 instead of growing the server's memory. They are freed by
 * COM_STMT_CLOSE, COM_CHANGE_USER and when the connection ends.
 *
 * <p>Threading: one instance per connection, used only on its channel's event loop.
 */
final class PreparedStatements {
    private final int maxCount;
    private final int maxLongDataBytes;
    private final Map<Integer, PreparedStatement> byId = new HashMap<>();
    private int lastId;

    PreparedStatements(PreparedStatementLimits limits) {
        this.maxCount = limits.maxCount();
        this.maxLongDataBytes = limits.maxLongDataBytes();
    }

    PreparedStatement prepare(String sql) {
        if (byId.size() >= maxCount) {
            throw new TesseraException(ErrorCode.TOO_MANY_PREPARED_STATEMENTS,
                    "Can't create more than max_prepared_stmt_count statements (current value: " + maxCount + ")");
        }
        do {
            lastId = lastId == Integer.MAX_VALUE ? 1 : lastId + 1;
        } while (byId.containsKey(lastId));
        PreparedStatement statement = new PreparedStatement(lastId, sql, SqlTextScanner.placeholderOffsets(sql),
                maxLongDataBytes);
        byId.put(lastId, statement);
        return statement;
    }

    /** The statement with this id; 1243 naming the command when the connection holds none. */
    PreparedStatement get(int id, String command) {
        PreparedStatement statement = byId.get(id);
        if (statement == null) {
            throw new TesseraException(ErrorCode.UNKNOWN_STATEMENT_HANDLER,
                    "Unknown prepared statement handler (" + Integer.toUnsignedString(id) + ") given to " + command);
        }
        return statement;
    }

    /** The statement prepared last, still open, or null (MariaDB's statement id -1). */
    PreparedStatement last() {
        return byId.get(lastId);
    }

    /** The statement with this id, or null. */
    PreparedStatement find(int id) {
        return byId.get(id);
    }

    void close(int id) {
        byId.remove(id);
    }

    void clear() {
        byId.clear();
    }

    int size() {
        return byId.size();
    }
}
