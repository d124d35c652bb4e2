package io.tessera.common;

import java.util.Objects;

/**
 * Every error a client can see, with its {@link Category}, the MySQL error number and the
 * SQLSTATE it is sent as.
 *
 * <p>Most errors render in Doris's shape {@code errCode = 2, detailMessage = <text>}; the few
 * that MySQL clients expect verbatim (a failed login) render as plain text. Several codes share
 * Doris's catch-all number 1105 (HY000) on the wire and differ only in category: Doris sends
 * 1105 for all of them, and the category tells operators and our own code what kind of failure
 * it was (whether to fix the statement, retry later, or read the log).
 *
 * <p>Threading: immutable.
 */
public enum ErrorCode {
    /** The statement is wrong: a syntax or analysis error, a refused DDL (Doris's catch-all). */
    BAD_STATEMENT(Category.BAD_STATEMENT, 1105, "HY000", true),
    /** A fault of ours: a bug or broken invariant. The text says what failed; the FE log has the details. */
    INTERNAL_ERROR(Category.INTERNAL, 1105, "HY000", true),
    /** A named object (backend, partition, tablet, proc path, ...) that does not exist, where Doris sends 1105. */
    UNKNOWN_OBJECT(Category.UNKNOWN_OBJECT, 1105, "HY000", true),
    /** The statement clashes with the current state (a label already used, a concurrent change); may work later. */
    CONFLICT(Category.CONFLICT, 1105, "HY000", true),
    /** Something the statement needs is down or missing: no alive backend, no readable replica, a timeout. */
    UNAVAILABLE(Category.UNAVAILABLE, 1105, "HY000", true),
    /** A statement needs a privilege the user lacks (ERR_SPECIFIC_ACCESS_DENIED_ERROR). */
    SPECIFIC_ACCESS_DENIED(Category.PRIVILEGE, 1227, "42000", true),
    /** A database the user holds no privilege on: {@code Access denied for user 'u' to database 'db'} (ERR_DBACCESS_DENIED_ERROR). */
    DATABASE_ACCESS_DENIED(Category.PRIVILEGE, 1044, "42000", true),
    /** A table statement without its privilege: {@code SELECT command denied to user ...} (ERR_TABLEACCESS_DENIED_ERROR). */
    TABLE_ACCESS_DENIED(Category.PRIVILEGE, 1142, "42000", true),
    /** A privilege missing on one database: {@code ... privilege(s) on database d for this operation} (ERR_DB_ACCESS_DENIED_ERROR). */
    DATABASE_PRIVILEGE_DENIED(Category.PRIVILEGE, 1225, "42000", true),
    /** A grant whose grantor lacks GRANT_PRIV or a granted privilege (ERR_SPECIFIC_ALL_ACCESS_DENIED_ERROR). */
    SPECIFIC_ALL_ACCESS_DENIED(Category.PRIVILEGE, 1223, "42000", true),
    /** Wrong user name or password at login (ER_ACCESS_DENIED_ERROR). */
    ACCESS_DENIED(Category.PRIVILEGE, 1045, "28000", false),
    /** USE or a reference to a database that does not exist (ER_BAD_DB_ERROR). */
    BAD_DATABASE(Category.UNKNOWN_OBJECT, 1049, "42000", true),
    /** CREATE TABLE of a name that is taken (ER_TABLE_EXISTS_ERROR). */
    TABLE_EXISTS(Category.CONFLICT, 1050, "42S01", true),
    /** A table that does not exist: {@code Unknown table 'x'} (Doris's ERR_BAD_TABLE_ERROR). */
    UNKNOWN_TABLE(Category.UNKNOWN_OBJECT, 1051, "42S02", true),
    /** A statement that needs a current database when none is chosen (ER_NO_DB_ERROR). */
    NO_DATABASE_SELECTED(Category.BAD_STATEMENT, 1046, "3D000", true),
    /** A system variable that does not exist (ER_UNKNOWN_SYSTEM_VARIABLE). */
    UNKNOWN_SYSTEM_VARIABLE(Category.UNKNOWN_OBJECT, 1193, "HY000", true),
    /** A {@code time_zone} that is no zone or offset Doris accepts (ER_UNKNOWN_TIME_ZONE, Doris's ERR_UNKNOWN_TIME_ZONE). */
    UNKNOWN_TIME_ZONE(Category.BAD_STATEMENT, 1298, "HY000", true),
    /** A value a variable does not take (ER_WRONG_VALUE_FOR_VAR, Doris's ERR_WRONG_VALUE_FOR_VAR). */
    WRONG_VALUE_FOR_VARIABLE(Category.BAD_STATEMENT, 1231, "42000", true),
    /** A value of the wrong type for a variable (ER_WRONG_TYPE_FOR_VAR, Doris's ERR_WRONG_TYPE_FOR_VAR). */
    WRONG_TYPE_FOR_VARIABLE(Category.BAD_STATEMENT, 1232, "42000", true),
    /** A protocol command the server does not implement (ER_UNKNOWN_COM_ERROR). */
    UNKNOWN_COMMAND(Category.BAD_STATEMENT, 1047, "08S01", false),
    /** A prepared statement id the connection does not hold (ER_UNKNOWN_STMT_HANDLER). */
    UNKNOWN_STATEMENT_HANDLER(Category.BAD_STATEMENT, 1243, "HY000", false),
    /** A connection holding as many prepared statements as it may (ER_MAX_PREPARED_STMT_COUNT_REACHED). */
    TOO_MANY_PREPARED_STATEMENTS(Category.CONFLICT, 1461, "42000", false),
    /** A packet larger than max_allowed_packet (ER_NET_PACKET_TOO_LARGE). */
    PACKET_TOO_LARGE(Category.BAD_STATEMENT, 1153, "08S01", false),
    /**
     * A login past {@code qe_max_connection} or the user's {@code max_user_connections}: Doris's
     * ERR_TOO_MANY_USER_CONNECTIONS, {@code Reach limit of connections. Total: 1024, User: 100, Current: 100}.
     */
    TOO_MANY_USER_CONNECTIONS(Category.UNAVAILABLE, 1203, "42000", false),
    /** A handshake response that cannot be read (ER_HANDSHAKE_ERROR): {@code Bad handshake}. */
    BAD_HANDSHAKE(Category.BAD_STATEMENT, 1043, "08S01", false),
    /**
     * A login without TLS while {@code require_secure_transport} is on (MySQL's
     * ER_SECURE_TRANSPORT_REQUIRED): {@code Connections using insecure transport are prohibited while
     * --require_secure_transport=ON.}
     */
    INSECURE_TRANSPORT(Category.PRIVILEGE, 3159, "HY000", false),
    /** KILL of a connection id this FE does not hold: {@code Unknown thread id: 7} (ERR_NO_SUCH_THREAD). */
    NO_SUCH_THREAD(Category.UNKNOWN_OBJECT, 1094, "HY000", true),
    /** KILL QUERY '<query id>' of a query no connection of this FE runs (ERR_NO_SUCH_QUERY). */
    NO_SUCH_QUERY(Category.UNKNOWN_OBJECT, 1097, "HY000", true),
    /** KILL of another user's connection without ADMIN (ERR_KILL_DENIED_ERROR). */
    KILL_DENIED(Category.PRIVILEGE, 1095, "HY000", true),
    /** The statement was stopped by KILL QUERY, KILL CONNECTION or its connection closing: Doris sends 1105. */
    QUERY_CANCELLED(Category.CANCELLED, 1105, "HY000", true),
    /** The statement ran longer than query_timeout (insert_timeout for INSERT): Doris sends 1105. */
    QUERY_TIMEOUT(Category.CANCELLED, 1105, "HY000", true);

    /** What kind of failure a code stands for, and so what the client should do about it. */
    public enum Category {
        /** The statement is wrong; fix it. */
        BAD_STATEMENT,
        /** A database, table or other named object does not exist. */
        UNKNOWN_OBJECT,
        /** The user lacks a privilege or the credentials are wrong. */
        PRIVILEGE,
        /** The statement clashes with the current state or a concurrent change; retry later or differently. */
        CONFLICT,
        /** A backend, replica or other resource is down or busy; retry later. */
        UNAVAILABLE,
        /** A fault of ours; the FE log has the details. */
        INTERNAL,
        /** The statement was stopped on purpose: killed, timed out, or its connection went away. */
        CANCELLED
    }

    private final Category category;
    private final int mysqlCode;
    private final String sqlState;
    private final boolean dorisShaped;

    ErrorCode(Category category, int mysqlCode, String sqlState, boolean dorisShaped) {
        this.category = Objects.requireNonNull(category);
        this.mysqlCode = mysqlCode;
        this.sqlState = sqlState;
        this.dorisShaped = dorisShaped;
    }

    public Category category() {
        return category;
    }

    public int mysqlCode() {
        return mysqlCode;
    }

    public String sqlState() {
        return sqlState;
    }

    /** The text a client sees for this code and detail message. */
    public String render(String detail) {
        return dorisShaped ? "errCode = 2, detailMessage = " + detail : detail;
    }
}
