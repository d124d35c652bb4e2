package io.tessera.fe.result;

/**
 * The column types Tessera puts in result-set metadata, with the MySQL protocol type code each
 * is sent as. The text protocol sends every value as a string; the type tells clients how to
 * convert it.
 */
public enum ColumnType {
    TINYINT(0x01, 4, true),
    SMALLINT(0x02, 6, true),
    INT(0x03, 11, true),
    BIGINT(0x08, 20, true),
    FLOAT(0x04, 12, true),
    DOUBLE(0x05, 22, true),
    DECIMAL(0xf6, 27, true),
    DATE(0x0a, 10, false),
    DATETIME(0x0c, 19, false),
    /** MYSQL_TYPE_VAR_STRING: every SHOW column and most strings. */
    VARCHAR(0xfd, 255, false),
    /** MYSQL_TYPE_NULL: the type of a bare NULL literal. */
    NULL(0x06, 0, false);

    private final int mysqlTypeCode;
    private final int defaultLength;
    private final boolean numeric;

    ColumnType(int mysqlTypeCode, int defaultLength, boolean numeric) {
        this.mysqlTypeCode = mysqlTypeCode;
        this.defaultLength = defaultLength;
        this.numeric = numeric;
    }

    /** The one-byte type code of the protocol's column definition packet. */
    public int mysqlTypeCode() {
        return mysqlTypeCode;
    }

    /** Display length in characters used when a column does not say otherwise. */
    public int defaultLength() {
        return defaultLength;
    }

    /** Numeric columns are sent with the binary character set (63) and the NUM flag. */
    public boolean numeric() {
        return numeric;
    }

    /** DATE and DATETIME, sent with the binary character set as MySQL sends them. */
    public boolean temporal() {
        return this == DATE || this == DATETIME;
    }
}
