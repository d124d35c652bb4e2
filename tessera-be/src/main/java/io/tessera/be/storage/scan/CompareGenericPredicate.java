package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * {@code left op right} for the cases without a fast path: two columns, or a column and a literal
 * of another representation (a DECIMAL literal of another scale, a DOUBLE literal against an
 * integer column, a DATE against a DATETIME). Values are compared row by row as exact numbers
 * ({@code BigDecimal}), doubles, microseconds or UTF-8 bytes, as {@link Operand.Family} decides.
 * Neither side is a NULL literal (that is a constant NULL). Immutable.
 */
record CompareGenericPredicate(Operand left, CompareOp op, Operand right, Operand.Family family)
        implements Predicate {

    @Override
    public void evaluate(BatchView batch, byte[] out) {
        int rows = batch.rowCount();
        for (int i = 0; i < rows; i++) {
            if (isNull(left, batch, i) || isNull(right, batch, i)) {
                out[i] = TriState.NULL;
                continue;
            }
            int comparison = switch (family) {
                case EXACT -> exact(left, batch, i).compareTo(exact(right, batch, i));
                case APPROXIMATE -> Double.compare(approximate(left, batch, i), approximate(right, batch, i));
                case TEMPORAL -> Long.compare(micros(left, batch, i), micros(right, batch, i));
                case STRING -> compareStrings(batch, i);
                case ANY -> throw new IllegalStateException("no comparison family");
            };
            out[i] = TriState.of(op.test(comparison));
        }
    }

    private static boolean isNull(Operand operand, BatchView batch, int row) {
        if (!operand.isColumn()) {
            return false;
        }
        return switch (operand.encoding()) {
            case INT -> batch.longs(operand.column()).isNull(row);
            case DOUBLE -> batch.doubles(operand.column()).isNull(row);
            case STRING -> batch.strings(operand.column()).isNull(row);
            case WIDE_DECIMAL -> batch.decimals(operand.column()).isNull(row);
        };
    }

    private static BigDecimal exact(Operand operand, BatchView batch, int row) {
        if (!operand.isColumn()) {
            return operand.exactLiteral();
        }
        if (operand.encoding() == WireEncoding.WIDE_DECIMAL) {
            return batch.decimals(operand.column()).values[row];
        }
        return BigDecimal.valueOf(batch.longs(operand.column()).values[row], operand.scale());
    }

    private static double approximate(Operand operand, BatchView batch, int row) {
        if (!operand.isColumn()) {
            return operand.doubleLiteral();
        }
        return switch (operand.encoding()) {
            case DOUBLE -> batch.doubles(operand.column()).values[row];
            case INT -> operand.scale() == 0 ? (double) batch.longs(operand.column()).values[row]
                    : BigDecimal.valueOf(batch.longs(operand.column()).values[row], operand.scale()).doubleValue();
            case WIDE_DECIMAL -> batch.decimals(operand.column()).values[row].doubleValue();
            case STRING -> throw new IllegalStateException("a string is not a number");
        };
    }

    private static long micros(Operand operand, BatchView batch, int row) {
        return operand.isColumn() ? operand.micros(batch.longs(operand.column()).values[row])
                : operand.microsLiteral();
    }

    private int compareStrings(BatchView batch, int row) {
        if (!left.isColumn()) {
            return -batch.strings(right.column()).compare(row, left.bytesLiteral());
        }
        ColumnData.Strings a = batch.strings(left.column());
        if (!right.isColumn()) {
            return a.compare(row, right.bytesLiteral());
        }
        ColumnData.Strings b = batch.strings(right.column());
        return Arrays.compareUnsigned(a.data, a.start(row), a.end(row), b.data, b.start(row), b.end(row));
    }
}
