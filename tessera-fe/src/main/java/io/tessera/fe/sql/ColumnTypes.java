package io.tessera.fe.sql;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.TypeDefinition;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import java.util.Locale;

/**
 * SQL type names to column schemas, with Doris's defaults ({@code DECIMAL} is DECIMAL(9, 0),
 * {@code VARCHAR} is VARCHAR(65533), {@code CHAR} is CHAR(1)), and back to the lower-case names
 * DESC and SHOW CREATE TABLE print. Stateless.
 */
public final class ColumnTypes {
    public static final int VARCHAR_MAX_LENGTH = 65533;
    public static final int CHAR_MAX_LENGTH = 255;

    private ColumnTypes() {
    }

    /** The schema of a column of this type (name, nullability and key flag are the caller's). */
    public static ColumnSchema.Builder schema(String column, TypeDefinition type) {
        ColumnSchema.Builder schema = ColumnSchema.newBuilder().setName(column);
        switch (type.name()) {
            case "BOOLEAN" -> schema.setType(DataType.BOOLEAN);
            case "TINYINT" -> schema.setType(DataType.TINYINT);
            case "SMALLINT" -> schema.setType(DataType.SMALLINT);
            case "INT" -> schema.setType(DataType.INT);
            case "BIGINT" -> schema.setType(DataType.BIGINT);
            case "FLOAT" -> schema.setType(DataType.FLOAT);
            case "DOUBLE" -> schema.setType(DataType.DOUBLE);
            case "DATE" -> schema.setType(DataType.DATE);
            case "DATETIME" -> schema.setType(DataType.DATETIME);
            case "STRING" -> schema.setType(DataType.STRING);
            case "DECIMAL" -> {
                int precision = type.precision() == null ? 9 : type.precision();
                int scale = type.scale() == null ? 0 : type.scale();
                if (precision < 1 || precision > 38) {
                    throw new TesseraException("Column '" + column + "': DECIMAL precision must be 1..38, got "
                            + precision);
                }
                if (scale < 0 || scale > precision) {
                    throw new TesseraException("Column '" + column + "': DECIMAL scale must be 0.." + precision
                            + ", got " + scale);
                }
                schema.setType(DataType.DECIMAL).setPrecision(precision).setScale(scale);
            }
            case "CHAR" -> schema.setType(DataType.CHAR).setLength(length(column, type, 1, CHAR_MAX_LENGTH));
            case "VARCHAR" -> schema.setType(DataType.VARCHAR)
                    .setLength(length(column, type, VARCHAR_MAX_LENGTH, VARCHAR_MAX_LENGTH));
            default -> throw new TesseraException("Column '" + column + "': type " + type.name()
                    + " is not supported yet");
        }
        return schema;
    }

    private static int length(String column, TypeDefinition type, int defaultLength, int max) {
        int length = type.length() == null ? defaultLength : type.length();
        if (length < 1 || length > max) {
            throw new TesseraException("Column '" + column + "': " + type.name() + " length must be 1.." + max
                    + ", got " + length);
        }
        return length;
    }

    /** {@code int}, {@code varchar(20)}, {@code decimal(10,2)}: Doris's lower-case display. */
    public static String display(ColumnSchema column) {
        String name = column.getType().name().toLowerCase(Locale.ROOT);
        return switch (column.getType()) {
            case DECIMAL -> "decimal(" + column.getPrecision() + "," + column.getScale() + ")";
            case CHAR, VARCHAR -> name + "(" + column.getLength() + ")";
            case STRING -> "text";
            default -> name;
        };
    }

    /** The bytes a key column adds to Doris's short key (for the default key rule). */
    public static int indexSize(ColumnSchema column) {
        return switch (column.getType()) {
            case BOOLEAN, TINYINT -> 1;
            case SMALLINT -> 2;
            case INT, DATE -> 4;
            case BIGINT, DATETIME -> 8;
            case VARCHAR, STRING -> 20;
            case CHAR -> column.getLength();
            case DECIMAL -> column.getPrecision() <= 9 ? 4 : column.getPrecision() <= 18 ? 8 : 16;
            default -> 8;
        };
    }
}
