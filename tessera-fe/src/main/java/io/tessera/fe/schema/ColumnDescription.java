package io.tessera.fe.schema;

/**
 * One column of a table as {@code information_schema.COLUMNS} and SHOW [FULL] COLUMNS describe
 * it, the same for a catalog table's stored column and a system table's column.
 *
 * @param name              the column's name
 * @param ordinalPosition   1-based position in the table
 * @param defaultValue      the DEFAULT as printed, or null for none
 * @param nullable          whether NULL may be stored
 * @param dataType          MySQL's bare type name, lower case ({@code int}, {@code varchar})
 * @param columnType        the type with its length ({@code int(11)}, {@code varchar(20)})
 * @param showType          the type as SHOW COLUMNS prints it (Doris's display, {@code int})
 * @param characterLength   CHARACTER_MAXIMUM_LENGTH, or null for non-strings
 * @param numericPrecision  NUMERIC_PRECISION, or null for non-numbers
 * @param numericScale      NUMERIC_SCALE, or null for non-exact numbers
 * @param datetimePrecision DATETIME_PRECISION, or null for non-datetimes
 * @param key               COLUMN_KEY: the table's keys type for a key column ({@code DUP}), else ""
 * @param comment           the column's comment, "" for none
 */
public record ColumnDescription(String name, long ordinalPosition, String defaultValue, boolean nullable,
                                String dataType, String columnType, String showType, Long characterLength,
                                Long numericPrecision, Long numericScale, Long datetimePrecision, String key,
                                String comment) {
    /** Bytes per character of utf8mb4, for CHARACTER_OCTET_LENGTH. */
    private static final long UTF8MB4_BYTES = 4;

    public boolean isKey() {
        return !key.isEmpty();
    }

    public Long characterOctetLength() {
        return characterLength == null ? null : Math.min(characterLength * UTF8MB4_BYTES, Integer.MAX_VALUE);
    }

    /** Doris's COLUMN_SIZE: the character length of strings, else the precision. */
    public Long columnSize() {
        return characterLength != null ? characterLength : numericPrecision;
    }
}
