package io.tessera.common;

/**
 * Every error a client can see, with the MySQL error number and SQLSTATE it is sent as.
 *
 * <p>Most errors render in Doris's shape {@code errCode = 2, detailMessage = <text>}; the few
 * that MySQL clients expect verbatim (a failed login) render as plain text.
 */
public enum ErrorCode {
    /** Doris's catch-all: what every analysis or DDL failure is sent as. */
    INTERNAL_ERROR(1105, "HY000", true),
    /** A statement needs a privilege the user lacks (ERR_SPECIFIC_ACCESS_DENIED_ERROR). */
    SPECIFIC_ACCESS_DENIED(1227, "42000", true),
    /** Wrong user name or password at login (ER_ACCESS_DENIED_ERROR). */
    ACCESS_DENIED(1045, "28000", false),
    /** USE or a reference to a database that does not exist (ER_BAD_DB_ERROR). */
    BAD_DATABASE(1049, "42000", true),
    /** CREATE TABLE of a name that is taken (ER_TABLE_EXISTS_ERROR). */
    TABLE_EXISTS(1050, "42S01", true),
    /** A table that does not exist (ER_UNKNOWN_TABLE). */
    UNKNOWN_TABLE(1109, "42S02", true),
    /** A statement that needs a current database when none is chosen (ER_NO_DB_ERROR). */
    NO_DATABASE_SELECTED(1046, "3D000", true),
    /** A system variable that does not exist (ER_UNKNOWN_SYSTEM_VARIABLE). */
    UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", true),
    /** A protocol command the server does not implement (ER_UNKNOWN_COM_ERROR). */
    UNKNOWN_COMMAND(1047, "08S01", false),
    /** A packet larger than max_allowed_packet (ER_NET_PACKET_TOO_LARGE). */
    PACKET_TOO_LARGE(1153, "08S01", false);

    private final int mysqlCode;
    private final String sqlState;
    private final boolean dorisShaped;

    ErrorCode(int mysqlCode, String sqlState, boolean dorisShaped) {
        this.mysqlCode = mysqlCode;
        this.sqlState = sqlState;
        this.dorisShaped = dorisShaped;
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
