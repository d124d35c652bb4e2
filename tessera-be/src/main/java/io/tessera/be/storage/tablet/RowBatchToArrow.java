package io.tessera.be.storage.tablet;

import com.google.protobuf.ByteString;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies rows of a {@link RowBatch} (data.proto's encoding) into the Arrow vectors of a
 * {@link VectorSchemaRoot} laid out by {@link ColumnTypes#arrowSchema}. Batches must have passed
 * {@link BatchValidator} first. Null rows become Arrow nulls. Stateless apart from the schema;
 * callers serialize use of one root.
 */
public final class RowBatchToArrow {
    private final TabletSchema schema;

    public RowBatchToArrow(TabletSchema schema) {
        this.schema = schema;
    }

    /**
     * Appends rows {@code [from, from + count)} of {@code batch} at row {@code at} of {@code root}
     * (vectors grow as needed). The root's row count is not changed; the caller sets it.
     */
    public void append(RowBatch batch, int from, int count, VectorSchemaRoot root, int at) {
        for (int c = 0; c < schema.getColumnsCount(); c++) {
            appendColumn(schema.getColumns(c), batch.getColumns(c), from, count, root.getVector(c), at);
        }
    }

    private static void appendColumn(ColumnSchema column, ColumnVector values, int from, int count,
                                     FieldVector vector, int at) {
        boolean[] nulls = nullFlags(values, from, count);
        switch (column.getType()) {
            case BOOLEAN -> {
                BitVector bits = (BitVector) vector;
                for (int i = 0; i < count; i++) {
                    bits.setSafe(at + i, values.getIntValues(from + i) != 0 ? 1 : 0);
                }
            }
            case TINYINT -> {
                TinyIntVector target = (TinyIntVector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, (byte) values.getIntValues(from + i));
                }
            }
            case SMALLINT -> {
                SmallIntVector target = (SmallIntVector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, (short) values.getIntValues(from + i));
                }
            }
            case INT -> {
                IntVector target = (IntVector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, (int) values.getIntValues(from + i));
                }
            }
            case DATE -> {
                DateDayVector target = (DateDayVector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, (int) values.getIntValues(from + i));
                }
            }
            case BIGINT -> {
                BigIntVector target = (BigIntVector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, values.getIntValues(from + i));
                }
            }
            case DATETIME -> {
                TimeStampMicroVector target = (TimeStampMicroVector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, values.getIntValues(from + i));
                }
            }
            case FLOAT -> {
                Float4Vector target = (Float4Vector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, (float) values.getDoubleValues(from + i));
                }
            }
            case DOUBLE -> {
                Float8Vector target = (Float8Vector) vector;
                for (int i = 0; i < count; i++) {
                    target.setSafe(at + i, values.getDoubleValues(from + i));
                }
            }
            case DECIMAL -> {
                DecimalVector target = (DecimalVector) vector;
                for (int i = 0; i < count; i++) {
                    if (nulls == null || !nulls[i]) {
                        setDecimal(column, values, from + i, target, at + i);
                    }
                }
            }
            case CHAR, VARCHAR, STRING -> {
                VarCharVector target = (VarCharVector) vector;
                for (int i = 0; i < count; i++) {
                    ByteString bytes = values.getStringValuesBytes(from + i);
                    ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
                    target.setSafe(at + i, buffer, buffer.position(), bytes.size());
                }
            }
            default -> throw new IllegalStateException("column " + column.getName() + " has type "
                    + column.getType());
        }
        if (nulls != null) {
            for (int i = 0; i < count; i++) {
                if (nulls[i]) {
                    vector.setNull(at + i);
                }
            }
        }
    }

    /** The null flags of rows {@code [from, from + count)}; null when none of them is null. */
    private static boolean[] nullFlags(ColumnVector values, int from, int count) {
        if (values.getNullsCount() == 0) {
            return null;
        }
        boolean[] nulls = null;
        for (int i = 0; i < count; i++) {
            if (values.getNulls(from + i)) {
                if (nulls == null) {
                    nulls = new boolean[count];
                }
                nulls[i] = true;
            }
        }
        return nulls;
    }

    private static void setDecimal(ColumnSchema column, ColumnVector values, int row, DecimalVector vector,
                                   int target) {
        if (WireEncoding.of(column) == WireEncoding.INT) {
            vector.setSafe(target, values.getIntValues(row));
        } else {
            vector.setSafe(target, BatchValidator.parseDecimal(values.getStringValues(row), column,
                    "column " + column.getName()));
        }
    }
}
