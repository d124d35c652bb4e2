package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Describes a table's columns for {@code information_schema.COLUMNS} and SHOW [FULL] COLUMNS, with
 * the type names Doris reports to MySQL tools ({@code Type.toMysqlDataTypeString} and
 * {@code toMysqlColumnTypeString}: BOOLEAN is {@code tinyint} / {@code tinyint(1)}, STRING is
 * {@code text}) and Doris's COLUMN_KEY: the table's keys type ({@code DUP}, the only one Tessera
 * has) on key columns. Stateless.
 */
public final class ColumnDescriptions {
    /** Doris's COLUMN_KEY for a key column of a DUPLICATE KEY table ({@code KeysType.toMetadata}). */
    public static final String DUPLICATE_KEY = "DUP";
    /** Doris's longest STRING, its CHARACTER_MAXIMUM_LENGTH. */
    private static final long STRING_MAX_LENGTH = 2_147_483_643L;

    private ColumnDescriptions() {
    }

    /** The stored columns of a catalog table, in order. */
    public static List<ColumnDescription> of(TableDefinition table) {
        List<ColumnDescription> columns = new ArrayList<>();
        for (ColumnDefinition column : table.getColumnsList()) {
            columns.add(of(column, columns.size() + 1));
        }
        return columns;
    }

    /** The columns of a system table, in order: nullable, no key, no default. */
    public static List<ColumnDescription> ofSystem(List<Column> columns) {
        List<ColumnDescription> described = new ArrayList<>();
        for (Column column : columns) {
            long position = described.size() + 1;
            described.add(switch (column.type()) {
                case BIGINT -> new ColumnDescription(column.name(), position, null, true, "bigint", "bigint(20)",
                        "bigint", null, 19L, 0L, null, "", "");
                case INT -> new ColumnDescription(column.name(), position, null, true, "int", "int(11)", "int",
                        null, 10L, 0L, null, "", "");
                case DATETIME -> new ColumnDescription(column.name(), position, null, true, "datetime", "datetime",
                        "datetime", null, null, null, 0L, "", "");
                default -> new ColumnDescription(column.name(), position, null, true, "varchar",
                        "varchar(" + column.length() + ")", "varchar(" + column.length() + ")",
                        (long) column.length(), null, null, null, "", "");
            });
        }
        return described;
    }

    private static ColumnDescription of(ColumnDefinition definition, long position) {
        ColumnSchema schema = definition.getSchema();
        String defaultValue = definition.getDefaultCurrentTimestamp() ? "CURRENT_TIMESTAMP"
                : definition.hasDefaultValue() ? definition.getDefaultValue() : null;
        String key = schema.getIsKey() ? DUPLICATE_KEY : "";
        Type type = type(schema);
        return new ColumnDescription(schema.getName(), position, defaultValue, schema.getNullable(), type.dataType,
                type.columnType, showType(schema), type.characterLength, type.precision, type.scale,
                type.datetimePrecision, key, definition.getComment());
    }

    private static Type type(ColumnSchema schema) {
        return switch (schema.getType()) {
            case BOOLEAN -> new Type("tinyint", "tinyint(1)", null, 3L, 0L, null);
            case TINYINT -> new Type("tinyint", "tinyint(4)", null, 3L, 0L, null);
            case SMALLINT -> new Type("smallint", "smallint(6)", null, 5L, 0L, null);
            case INT -> new Type("int", "int(11)", null, 10L, 0L, null);
            case BIGINT -> new Type("bigint", "bigint(20)", null, 19L, 0L, null);
            case FLOAT -> new Type("float", "float", null, 7L, null, null);
            case DOUBLE -> new Type("double", "double", null, 15L, null, null);
            case DECIMAL -> new Type("decimal", "decimal(" + schema.getPrecision() + "," + schema.getScale() + ")",
                    null, (long) schema.getPrecision(), (long) schema.getScale(), null);
            case DATE -> new Type("date", "date", null, null, null, null);
            case DATETIME -> new Type("datetime", "datetime", null, null, null, 0L);
            case CHAR -> new Type("char", "char(" + schema.getLength() + ")", (long) schema.getLength(), null, null,
                    null);
            case VARCHAR -> new Type("varchar", "varchar(" + schema.getLength() + ")", (long) schema.getLength(),
                    null, null, null);
            default -> new Type("text", "text", STRING_MAX_LENGTH, null, null, null);
        };
    }

    /** The lower-case display DESC prints ({@code sql.ColumnTypes.display}, which this package cannot import). */
    private static String showType(ColumnSchema schema) {
        String name = schema.getType().name().toLowerCase(Locale.ROOT);
        return switch (schema.getType()) {
            case DECIMAL -> "decimal(" + schema.getPrecision() + "," + schema.getScale() + ")";
            case CHAR, VARCHAR -> name + "(" + schema.getLength() + ")";
            case STRING -> "text";
            default -> name;
        };
    }

    private record Type(String dataType, String columnType, Long characterLength, Long precision, Long scale,
                        Long datetimePrecision) {
    }
}
