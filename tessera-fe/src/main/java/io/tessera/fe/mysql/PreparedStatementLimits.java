package io.tessera.fe.mysql;

/**
 * The bounds on one connection's prepared statements.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param maxCount          statements a connection may hold open at once (MySQL's
 *                          {@code max_prepared_stmt_count}, applied per connection)
 * @param maxLongDataBytes  bytes of COM_STMT_SEND_LONG_DATA one statement may collect before
 *                          an execution (the connection's max_allowed_packet)
 */
record PreparedStatementLimits(int maxCount, int maxLongDataBytes) {
    /** MySQL's default max_prepared_stmt_count is 16382 for a whole server; one connection needs far fewer. */
    static final int DEFAULT_MAX_COUNT = 1024;
    static final int DEFAULT_MAX_LONG_DATA_BYTES = 64 * 1024 * 1024;

    PreparedStatementLimits {
        if (maxCount < 1 || maxLongDataBytes < 1) {
            throw new IllegalArgumentException("prepared statement limits must be positive");
        }
    }

    static PreparedStatementLimits defaults(int maxPacketBytes) {
        return new PreparedStatementLimits(DEFAULT_MAX_COUNT, maxPacketBytes);
    }
}
