package io.tessera.data;

import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.Literal;
import java.util.Arrays;
import java.util.List;

/**
 * Typed values as protobuf {@link Literal}s (partition bounds in the journal, constants in filters
 * sent to BEs), with the same encoding as row batches. Stateless.
 */
public final class Literals {
    private Literals() {
    }

    public static Literal of(ColumnSchema column, Object value) {
        Literal.Builder literal = Literal.newBuilder().setType(column.getType())
                .setPrecision(column.getPrecision()).setScale(column.getScale());
        if (value == null) {
            return literal.setIsNull(true).build();
        }
        ColumnVector vector = RowBatches.encode(List.of(column), List.of(Arrays.asList(value))).getColumns(0);
        if (vector.getIntValuesCount() > 0) {
            literal.setIntValue(vector.getIntValues(0));
        } else if (vector.getDoubleValuesCount() > 0) {
            literal.setDoubleValue(vector.getDoubleValues(0));
        } else {
            literal.setStringValue(vector.getStringValues(0));
        }
        return literal.build();
    }

    public static Object value(ColumnSchema column, Literal literal) {
        if (literal.getIsNull()) {
            return null;
        }
        ColumnVector vector = ColumnVector.newBuilder()
                .addIntValues(literal.getIntValue())
                .addDoubleValues(literal.getDoubleValue())
                .addStringValues(literal.getStringValue())
                .build();
        return RowBatches.value(column, vector, 0);
    }
}
