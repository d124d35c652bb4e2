package io.tessera.fe.query;

import io.tessera.common.TesseraException;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.sql.ast.FunctionCall;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Set;

/**
 * The running state of one aggregate call over one group: fed raw values (FE-side aggregation)
 * or backends' partial results (pushed-down aggregation), then finished into the call's value
 * with SQL's rules (COUNT of nothing is 0, SUM/AVG/MIN/MAX of nothing is NULL).
 *
 * <p>Threading: confined to the thread merging one query.
 */
final class Accumulator {
    /** What the call computes. */
    enum Kind {
        COUNT_STAR, COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
    }

    private final Kind kind;
    private long count;
    private BigDecimal exactSum;
    private double doubleSum;
    private boolean sumIsDouble;
    private Object extreme;
    private final Set<Object> distinct = new HashSet<>();

    Accumulator(Kind kind) {
        this.kind = kind;
    }

    static Kind kindOf(FunctionCall call) {
        return switch (call.name()) {
            case "count" -> call.star() ? Kind.COUNT_STAR : call.distinct() ? Kind.COUNT_DISTINCT : Kind.COUNT;
            case "sum" -> Kind.SUM;
            case "avg" -> Kind.AVG;
            case "min" -> Kind.MIN;
            case "max" -> Kind.MAX;
            default -> throw new IllegalStateException("not an aggregate: " + call.name());
        };
    }

    /** One raw row's argument value (ignored for COUNT(*) apart from counting). */
    void add(Object value) {
        switch (kind) {
            case COUNT_STAR -> count++;
            case COUNT -> count += value == null ? 0 : 1;
            case COUNT_DISTINCT -> {
                if (value != null) {
                    distinct.add(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
                }
            }
            case SUM, AVG -> {
                if (value != null) {
                    addToSum(value);
                    count++;
                }
            }
            case MIN, MAX -> extreme(value);
        }
    }

    /** A backend's partial count (COUNT, COUNT(*), or AVG's count part). */
    void addCount(long partialCount) {
        count += partialCount;
    }

    /** A backend's partial sum (SUM, or AVG's sum part); null when it saw no value. */
    void addSum(Object partialSum) {
        if (partialSum != null) {
            addToSum(partialSum);
        }
    }

    /** A backend's partial MIN or MAX. */
    void addExtreme(Object partial) {
        extreme(partial);
    }

    Object result() {
        return switch (kind) {
            case COUNT_STAR, COUNT -> count;
            case COUNT_DISTINCT -> (long) distinct.size();
            case SUM -> count == 0 && exactSum == null && !sumIsDouble ? null : sum();
            case AVG -> count == 0 ? null : average();
            case MIN, MAX -> extreme;
        };
    }

    private Object sum() {
        if (sumIsDouble) {
            return doubleSum + (exactSum == null ? 0 : exactSum.doubleValue());
        }
        if (exactSum == null) {
            return null;
        }
        if (exactSum.scale() <= 0 && exactSum.toBigInteger().bitLength() < 63) {
            return exactSum.longValueExact();
        }
        return exactSum;
    }

    private Object average() {
        Object total = sum();
        if (total == null) {
            return null;
        }
        if (total instanceof BigDecimal decimal && decimal.scale() > 0) {
            return decimal.divide(BigDecimal.valueOf(count), decimal.scale() + 4, RoundingMode.HALF_UP);
        }
        return SqlValues.toDecimal(total).doubleValue() / count;
    }

    private void addToSum(Object value) {
        if (value instanceof Double d) {
            sumIsDouble = true;
            doubleSum += d;
            return;
        }
        if (value instanceof String) {
            throw new TesseraException("SUM and AVG need a numeric argument");
        }
        BigDecimal decimal = SqlValues.toDecimal(value);
        exactSum = exactSum == null ? decimal : exactSum.add(decimal);
    }

    private void extreme(Object value) {
        if (value == null) {
            return;
        }
        if (extreme == null) {
            extreme = value;
            return;
        }
        int comparison = SqlValues.compare(value, extreme);
        if (kind == Kind.MIN ? comparison < 0 : comparison > 0) {
            extreme = value;
        }
    }
}
