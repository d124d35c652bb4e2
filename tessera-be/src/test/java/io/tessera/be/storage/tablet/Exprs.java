package io.tessera.be.storage.tablet;

import io.tessera.proto.data.Call;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Expression;
import io.tessera.proto.data.Literal;
import io.tessera.proto.data.Operator;
import java.util.Arrays;

/** Short builders of filter expressions for tests. */
public final class Exprs {
    private Exprs() {
    }

    public static Expression col(int index) {
        return Expression.newBuilder().setColumn(index).build();
    }

    public static Expression lit(long value) {
        return literal(Literal.newBuilder().setType(DataType.BIGINT).setIntValue(value));
    }

    public static Expression lit(DataType type, long value) {
        return literal(Literal.newBuilder().setType(type).setIntValue(value));
    }

    public static Expression lit(double value) {
        return literal(Literal.newBuilder().setType(DataType.DOUBLE).setDoubleValue(value));
    }

    public static Expression lit(String value) {
        return literal(Literal.newBuilder().setType(DataType.VARCHAR).setStringValue(value));
    }

    public static Expression decimalLit(int precision, int scale, long unscaled) {
        return literal(Literal.newBuilder().setType(DataType.DECIMAL).setPrecision(precision).setScale(scale)
                .setIntValue(unscaled));
    }

    public static Expression nullLit() {
        return literal(Literal.newBuilder().setIsNull(true));
    }

    public static Expression bool(boolean value) {
        return literal(Literal.newBuilder().setType(DataType.BOOLEAN).setIntValue(value ? 1 : 0));
    }

    public static Expression call(Operator operator, Expression... arguments) {
        return Expression.newBuilder().setCall(Call.newBuilder().setOperator(operator)
                .addAllArguments(Arrays.asList(arguments))).build();
    }

    private static Expression literal(Literal.Builder literal) {
        return Expression.newBuilder().setLiteral(literal).build();
    }
}
