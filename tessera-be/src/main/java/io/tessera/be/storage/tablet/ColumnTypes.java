package io.tessera.be.storage.tablet;

import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The mapping from a tablet's column types to Arrow types, and the checks a schema must pass before
 * a replica is created with it. Every DECIMAL is stored as an Arrow 128-bit decimal (the standard
 * Arrow type, readable by any Arrow tool); DECIMAL with precision &lt;= 18 is read back through its
 * low 64 bits, so it costs no {@code BigDecimal} per value. CHAR, VARCHAR and STRING are Arrow
 * UTF-8 strings. Stateless.
 */
public final class ColumnTypes {
    private static final int MAX_DECIMAL_PRECISION = 38;

    private ColumnTypes() {
    }

    /**
     * Checks that a schema can be stored.
     *
     * @throws TesseraException naming the first column that cannot, and why
     */
    public static void validate(TabletSchema schema) {
        if (schema.getColumnsCount() == 0) {
            throw new TesseraException("the tablet schema has no columns");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schema.getColumnsCount(); i++) {
            ColumnSchema column = schema.getColumns(i);
            String where = "column " + i + " (" + column.getName() + ")";
            if (column.getName().isEmpty()) {
                throw new TesseraException("column " + i + " of the tablet schema has no name");
            }
            if (!names.add(column.getName())) {
                throw new TesseraException("the tablet schema names column '" + column.getName() + "' twice");
            }
            DataType type = column.getType();
            if (type == DataType.DATA_TYPE_UNSPECIFIED || type == DataType.UNRECOGNIZED) {
                throw new TesseraException(where + " has no type");
            }
            if (type == DataType.DECIMAL && (column.getPrecision() < 1 || column.getPrecision() > MAX_DECIMAL_PRECISION
                    || column.getScale() < 0 || column.getScale() > column.getPrecision())) {
                throw new TesseraException(where + " has an invalid DECIMAL(" + column.getPrecision() + ", "
                        + column.getScale() + "): precision must be 1..38 and scale 0..precision");
            }
            if ((type == DataType.CHAR || type == DataType.VARCHAR) && column.getLength() < 0) {
                throw new TesseraException(where + " has a negative length " + column.getLength());
            }
        }
    }

    /** The Arrow schema of a rowset file of this tablet: one field per column, in order. */
    public static Schema arrowSchema(TabletSchema schema) {
        List<Field> fields = new ArrayList<>(schema.getColumnsCount());
        for (ColumnSchema column : schema.getColumnsList()) {
            fields.add(new Field(column.getName(), new FieldType(column.getNullable(), arrowType(column), null),
                    null));
        }
        return new Schema(fields);
    }

    public static ArrowType arrowType(ColumnSchema column) {
        return switch (column.getType()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INT -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(column.getPrecision(), column.getScale(), 128);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case DATETIME -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case CHAR, VARCHAR, STRING -> ArrowType.Utf8.INSTANCE;
            default -> throw new IllegalArgumentException("column " + column.getName() + " has no storable type "
                    + column.getType());
        };
    }

    /** The SQL spelling of a column's type, for messages: {@code DECIMAL(10, 2)}, {@code VARCHAR(20)}. */
    public static String describe(ColumnSchema column) {
        return switch (column.getType()) {
            case DECIMAL -> "DECIMAL(" + column.getPrecision() + ", " + column.getScale() + ")";
            case CHAR, VARCHAR -> column.getType() + "(" + column.getLength() + ")";
            default -> column.getType().toString();
        };
    }
}
