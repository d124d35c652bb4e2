package io.tessera.fe.query;

import io.tessera.common.TesseraException;
import io.tessera.data.ColumnValues;
import io.tessera.data.Literals;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.sql.ast.BetweenExpression;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.InListExpression;
import io.tessera.fe.sql.ast.IsNullExpression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.NotExpression;
import io.tessera.proto.data.Call;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates WHERE conditions into filters the backends evaluate, when that is exact: comparisons,
 * IN, BETWEEN, IS NULL and LIKE between a column and constants that convert into the column's type
 * without loss, combined with AND, OR and NOT. Anything else stays on the FE. Stateless.
 */
public final class FilterTranslator {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FilterTranslator() {
    }

    /** The top-level AND-ed conditions of a WHERE clause. */
    public static List<Expression> conjuncts(Expression where) {
        List<Expression> result = new ArrayList<>();
        if (where == null) {
            return result;
        }
        if (where instanceof BinaryOperation op && op.operator() == BinaryOperator.AND) {
            result.addAll(conjuncts(op.left()));
            result.addAll(conjuncts(op.right()));
        } else {
            result.add(where);
        }
        return result;
    }

    public static Optional<io.tessera.proto.data.Expression> translate(Expression expression, TableColumns columns) {
        if (expression instanceof BinaryOperation op) {
            return binary(op, columns);
        }
        if (expression instanceof NotExpression not) {
            return translate(not.operand(), columns).map(inner -> call(Operator.NOT, List.of(inner)));
        }
        if (expression instanceof IsNullExpression isNull && isNull.operand() instanceof ColumnRef ref) {
            int index = columns.indexOf(ref);
            return index < 0 ? Optional.empty() : Optional.of(call(isNull.negated() ? Operator.IS_NOT_NULL
                    : Operator.IS_NULL, List.of(column(index))));
        }
        if (expression instanceof InListExpression in && in.operand() instanceof ColumnRef ref) {
            int index = columns.indexOf(ref);
            if (index < 0) {
                return Optional.empty();
            }
            List<io.tessera.proto.data.Expression> arguments = new ArrayList<>(List.of(column(index)));
            for (Expression value : in.values()) {
                Optional<io.tessera.proto.data.Expression> literal = literal(columns.column(index), value);
                if (literal.isEmpty()) {
                    return Optional.empty();
                }
                arguments.add(literal.get());
            }
            return Optional.of(call(in.negated() ? Operator.NOT_IN : Operator.IN, arguments));
        }
        if (expression instanceof BetweenExpression between && between.operand() instanceof ColumnRef ref) {
            int index = columns.indexOf(ref);
            if (index < 0) {
                return Optional.empty();
            }
            Optional<io.tessera.proto.data.Expression> low = literal(columns.column(index), between.low());
            Optional<io.tessera.proto.data.Expression> high = literal(columns.column(index), between.high());
            if (low.isEmpty() || high.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(call(between.negated() ? Operator.NOT_BETWEEN : Operator.BETWEEN,
                    List.of(column(index), low.get(), high.get())));
        }
        if (expression instanceof LikeExpression like && like.operand() instanceof ColumnRef ref
                && like.pattern() instanceof Literal pattern && pattern.value() instanceof String text) {
            int index = columns.indexOf(ref);
            if (index < 0 || !isString(columns.column(index).getType())) {
                return Optional.empty();
            }
            io.tessera.proto.data.Literal literal = io.tessera.proto.data.Literal.newBuilder()
                    .setType(DataType.STRING).setStringValue(text).build();
            return Optional.of(call(like.negated() ? Operator.NOT_LIKE : Operator.LIKE, List.of(column(index),
                    io.tessera.proto.data.Expression.newBuilder().setLiteral(literal).build())));
        }
        return Optional.empty();
    }

    private static Optional<io.tessera.proto.data.Expression> binary(BinaryOperation op, TableColumns columns) {
        if (op.operator() == BinaryOperator.AND || op.operator() == BinaryOperator.OR) {
            Optional<io.tessera.proto.data.Expression> left = translate(op.left(), columns);
            Optional<io.tessera.proto.data.Expression> right = translate(op.right(), columns);
            if (left.isEmpty() || right.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(call(op.operator() == BinaryOperator.AND ? Operator.AND : Operator.OR,
                    List.of(left.get(), right.get())));
        }
        Operator operator = comparison(op.operator());
        if (operator == null) {
            return Optional.empty();
        }
        Expression columnSide = op.left();
        Expression valueSide = op.right();
        if (!(columnSide instanceof ColumnRef) && op.right() instanceof ColumnRef) {
            columnSide = op.right();
            valueSide = op.left();
            operator = flip(operator);
        }
        if (!(columnSide instanceof ColumnRef ref) || !(valueSide instanceof Literal literal) || literal.value() == null) {
            return Optional.empty();
        }
        int index = columns.indexOf(ref);
        if (index < 0) {
            return Optional.empty();
        }
        Operator chosen = operator;
        return literal(columns.column(index), valueSide)
                .map(value -> call(chosen, List.of(column(index), value)));
    }

    /** The constant as the column's type, if it converts without loss. */
    private static Optional<io.tessera.proto.data.Expression> literal(ColumnSchema column, Expression expression) {
        if (!(expression instanceof Literal literal)) {
            return Optional.empty();
        }
        ColumnSchema nullable = column.toBuilder().setNullable(true).build();
        Object typed;
        try {
            typed = ColumnValues.coerce(nullable, literal.value());
        } catch (TesseraException e) {
            return Optional.empty();
        }
        if (literal.value() != null && !exact(literal.value(), typed)) {
            return Optional.empty();
        }
        return Optional.of(io.tessera.proto.data.Expression.newBuilder()
                .setLiteral(Literals.of(nullable, typed)).build());
    }

    private static boolean exact(Object original, Object typed) {
        if (typed instanceof Long || typed instanceof Double || typed instanceof BigDecimal) {
            return SqlValues.isNumeric(original) && SqlValues.compare(original, typed) == 0;
        }
        if (typed instanceof LocalDate date) {
            return original instanceof String s && s.strip().equals(date.toString());
        }
        if (typed instanceof LocalDateTime time) {
            return original instanceof String s && (s.strip().equals(DATE_TIME.format(time))
                    || s.strip().equals(time.toLocalDate().toString()));
        }
        if (typed instanceof String) {
            return original instanceof String;
        }
        return typed instanceof Boolean && original instanceof Boolean;
    }

    private static Operator comparison(BinaryOperator operator) {
        return switch (operator) {
            case EQUAL -> Operator.EQ;
            case NOT_EQUAL -> Operator.NE;
            case LESS_THAN -> Operator.LT;
            case LESS_THAN_OR_EQUAL -> Operator.LE;
            case GREATER_THAN -> Operator.GT;
            case GREATER_THAN_OR_EQUAL -> Operator.GE;
            default -> null;
        };
    }

    private static Operator flip(Operator operator) {
        return switch (operator) {
            case LT -> Operator.GT;
            case LE -> Operator.GE;
            case GT -> Operator.LT;
            case GE -> Operator.LE;
            default -> operator;
        };
    }

    private static boolean isString(DataType type) {
        return type == DataType.CHAR || type == DataType.VARCHAR || type == DataType.STRING;
    }

    static io.tessera.proto.data.Expression column(int index) {
        return io.tessera.proto.data.Expression.newBuilder().setColumn(index).build();
    }

    static io.tessera.proto.data.Expression call(Operator operator, List<io.tessera.proto.data.Expression> arguments) {
        return io.tessera.proto.data.Expression.newBuilder()
                .setCall(Call.newBuilder().setOperator(operator).addAllArguments(arguments)).build();
    }
}
