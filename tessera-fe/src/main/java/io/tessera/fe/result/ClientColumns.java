package io.tessera.fe.result;

import io.tessera.proto.data.ColumnSchema;

/**
 * A table's column as a MySQL client is told about it: the protocol type, display length and
 * decimals of a stored column, the same for a query's result set and for COM_FIELD_LIST.
 * Stateless.
 */
public final class ClientColumns {
    /** Doris's longest VARCHAR (as {@code sql.ColumnTypes} knows it); a longer declared length shows as this. */
    private static final int VARCHAR_MAX_LENGTH = 65533;

    private ClientColumns() {
    }

    /** The stored column {@code schema} under the name {@code label}, outside any table. */
    public static Column of(String label, ColumnSchema schema) {
        return new Column(label, columnType(schema), displayLength(schema), schema.getScale(), "", "");
    }

    private static ColumnType columnType(ColumnSchema schema) {
        return switch (schema.getType()) {
            case BOOLEAN, TINYINT -> ColumnType.TINYINT;
            case SMALLINT -> ColumnType.SMALLINT;
            case INT -> ColumnType.INT;
            case BIGINT -> ColumnType.BIGINT;
            case FLOAT -> ColumnType.FLOAT;
            case DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            case DATE -> ColumnType.DATE;
            case DATETIME -> ColumnType.DATETIME;
            default -> ColumnType.VARCHAR;
        };
    }

    private static int displayLength(ColumnSchema schema) {
        return switch (schema.getType()) {
            // Doris sends BOOLEAN as MySQL's boolean, TINYINT(1), which drivers map to BIT / Boolean.
            case BOOLEAN -> 1;
            case CHAR, VARCHAR -> Math.min(schema.getLength(), VARCHAR_MAX_LENGTH);
            case STRING -> 65535;
            // Doris's and MySQL's width: digits, a sign, and a point when there is a scale, so that
            // drivers' getPrecision answers the declared precision.
            case DECIMAL -> schema.getPrecision() + (schema.getScale() > 0 ? 2 : 1);
            default -> columnType(schema).defaultLength();
        };
    }
}
