package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.fe.expr.RowContext;
import io.tessera.fe.expr.ScalarFunctions;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.Literal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Aggregates without GROUP BY over rows the FE computed itself (a system table's): COUNT(*),
 * COUNT([DISTINCT] expr), MIN, MAX, SUM and AVG with MySQL's NULL rules (NULLs skipped; MIN, MAX,
 * SUM and AVG of no values are NULL, COUNT is 0). An aggregate is folded into a constant, so the
 * expression around it ({@code COUNT(*) + 1}) evaluates as usual. Stateless.
 */
final class SystemTableAggregates {
    private SystemTableAggregates() {
    }

    static boolean containsAggregate(Expression expression) {
        if (expression instanceof FunctionCall call) {
            return ScalarFunctions.isAggregate(call.name()) || call.arguments().stream()
                    .anyMatch(SystemTableAggregates::containsAggregate);
        }
        if (expression instanceof BinaryOperation operation) {
            return containsAggregate(operation.left()) || containsAggregate(operation.right());
        }
        return false;
    }

    /** The expression with every aggregate in it replaced by its value over {@code rows}. */
    static Expression fold(Expression expression, List<? extends RowContext> rows, ExpressionEvaluator evaluator) {
        if (expression instanceof FunctionCall call) {
            if (ScalarFunctions.isAggregate(call.name())) {
                return new Literal(aggregate(call, rows, evaluator));
            }
            List<Expression> arguments = new ArrayList<>();
            for (Expression argument : call.arguments()) {
                arguments.add(fold(argument, rows, evaluator));
            }
            return new FunctionCall(call.name(), arguments, call.distinct(), call.star());
        }
        if (expression instanceof BinaryOperation operation) {
            return new BinaryOperation(operation.operator(), fold(operation.left(), rows, evaluator),
                    fold(operation.right(), rows, evaluator));
        }
        return expression;
    }

    private static Object aggregate(FunctionCall call, List<? extends RowContext> rows, ExpressionEvaluator evaluator) {
        if (call.star()) {
            if (!call.name().equals("count")) {
                throw new TesseraException("Only COUNT takes *, not " + call.name().toUpperCase());
            }
            return (long) rows.size();
        }
        if (call.arguments().size() != 1) {
            throw new TesseraException("Aggregate function " + call.name().toUpperCase() + " takes one argument");
        }
        Expression argument = call.arguments().get(0);
        if (containsAggregate(argument)) {
            throw new TesseraException("Aggregate functions cannot be nested");
        }
        List<Object> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RowContext row : rows) {
            Object value = evaluator.evaluate(argument, row);
            if (value != null && (!call.distinct() || seen.add(SqlValues.toText(value)))) {
                values.add(value);
            }
        }
        return switch (call.name()) {
            case "count" -> (long) values.size();
            case "min" -> values.stream().min(SqlValues::compare).orElse(null);
            case "max" -> values.stream().max(SqlValues::compare).orElse(null);
            case "sum" -> values.isEmpty() ? null : sum(values);
            case "avg" -> values.isEmpty() ? null : SqlValues.toDecimal(sum(values))
                    .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
            default -> throw new TesseraException("Aggregate function " + call.name().toUpperCase()
                    + " is not supported on this table yet");
        };
    }

    /** A sum of integers stays an integer (as MySQL's SUM of an integer column is exact); else a decimal. */
    private static Object sum(List<Object> values) {
        if (values.stream().allMatch(v -> v instanceof Long)) {
            BigDecimal total = BigDecimal.ZERO;
            for (Object value : values) {
                total = total.add(BigDecimal.valueOf((Long) value));
            }
            boolean fits = total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && total.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
            return fits ? (Object) total.longValueExact() : total;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Object value : values) {
            total = total.add(SqlValues.toDecimal(value));
        }
        return total;
    }
}
