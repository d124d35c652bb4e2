package io.tessera.fe.expr;

import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariable;
import io.tessera.fe.session.VariableType;
import io.tessera.fe.sql.ast.BetweenExpression;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.CaseExpression;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.InListExpression;
import io.tessera.fe.sql.ast.IsNullExpression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.NegateExpression;
import io.tessera.fe.sql.ast.NotExpression;
import io.tessera.fe.sql.ast.SystemVariableRef;
import io.tessera.fe.sql.ast.UserVariableRef;
import io.tessera.fe.sql.ast.VariableScope;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Evaluates scalar expressions over one row for a session: literals, variables, columns,
 * operators with MySQL's NULL rules, and the functions clients use on connect. Aggregates are
 * not scalar and are refused here. Functions are in {@link ScalarFunctions}.
 *
 * <p>Threading: stateless apart from its collaborators; one session uses it at a time.
 */
public final class ExpressionEvaluator {
    private final SessionContext session;
    private final ScalarFunctions functions;

    public ExpressionEvaluator(SessionContext session, Clock clock) {
        this.session = session;
        this.functions = new ScalarFunctions(session, clock);
    }

    public Object evaluate(Expression expression, RowContext row) {
        Object resolved = row.resolve(expression);
        if (resolved != RowContext.UNRESOLVED) {
            return resolved;
        }
        if (expression instanceof Literal literal) {
            return literal.value();
        }
        if (expression instanceof SystemVariableRef variable) {
            return systemVariable(variable);
        }
        if (expression instanceof UserVariableRef variable) {
            return session.userVariable(variable.name());
        }
        if (expression instanceof ColumnRef column) {
            return row.column(column);
        }
        if (expression instanceof FunctionCall call) {
            if (ScalarFunctions.isAggregate(call.name())) {
                throw new TesseraException("Aggregate function " + call.name().toUpperCase()
                        + " is not supported in this query yet");
            }
            Object[] arguments = new Object[call.arguments().size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = evaluate(call.arguments().get(i), row);
            }
            return functions.call(call.name(), arguments);
        }
        if (expression instanceof BinaryOperation operation) {
            return binary(operation, row);
        }
        if (expression instanceof NotExpression not) {
            Object value = evaluate(not.operand(), row);
            return value == null ? null : !SqlValues.isTrue(value);
        }
        if (expression instanceof NegateExpression negate) {
            Object value = evaluate(negate.operand(), row);
            if (value == null) {
                return null;
            }
            if (value instanceof Long l && l != Long.MIN_VALUE) {
                return -l;
            }
            return SqlValues.toDecimal(value).negate();
        }
        if (expression instanceof IsNullExpression isNull) {
            return (evaluate(isNull.operand(), row) == null) != isNull.negated();
        }
        if (expression instanceof InListExpression in) {
            return inList(in, row);
        }
        if (expression instanceof BetweenExpression between) {
            Object value = evaluate(between.operand(), row);
            Object low = evaluate(between.low(), row);
            Object high = evaluate(between.high(), row);
            if (value == null || low == null || high == null) {
                return null;
            }
            boolean inside = SqlValues.compare(value, low) >= 0 && SqlValues.compare(value, high) <= 0;
            return inside != between.negated();
        }
        if (expression instanceof LikeExpression like) {
            Object value = evaluate(like.operand(), row);
            Object pattern = evaluate(like.pattern(), row);
            if (value == null || pattern == null) {
                return null;
            }
            boolean matches = LikePattern.caseSensitive(SqlValues.toText(pattern)).matches(SqlValues.toText(value));
            return matches != like.negated();
        }
        if (expression instanceof DefaultValue) {
            throw new TesseraException("DEFAULT is only allowed in SET");
        }
        if (expression instanceof CastExpression cast) {
            return Casts.cast(evaluate(cast.operand(), row), cast.type());
        }
        if (expression instanceof CaseExpression choice) {
            return evaluateCase(choice, row);
        }
        throw new IllegalStateException("unknown expression " + expression);
    }

    /** The first matching WHEN's result: equal to the operand (NULL equals nothing), or a true condition. */
    private Object evaluateCase(CaseExpression choice, RowContext row) {
        Object operand = choice.operand() == null ? null : evaluate(choice.operand(), row);
        for (CaseExpression.When when : choice.whens()) {
            Object condition = evaluate(when.condition(), row);
            boolean matches = choice.operand() == null ? SqlValues.isTrue(condition)
                    : operand != null && condition != null && SqlValues.compare(operand, condition) == 0;
            if (matches) {
                return evaluate(when.result(), row);
            }
        }
        return choice.otherwise() == null ? null : evaluate(choice.otherwise(), row);
    }

    private Object systemVariable(SystemVariableRef reference) {
        SystemVariable variable = session.systemVariables().definitionOrThrow(reference.name());
        Object value = reference.scope() == VariableScope.GLOBAL
                ? session.systemVariables().globalValue(variable)
                : session.sessionValue(variable);
        if (variable.type() == VariableType.BOOLEAN && value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return value;
    }

    private Object inList(InListExpression in, RowContext row) {
        Object value = evaluate(in.operand(), row);
        if (value == null) {
            return null;
        }
        boolean sawNull = false;
        for (Expression candidate : in.values()) {
            Object other = evaluate(candidate, row);
            if (other == null) {
                sawNull = true;
            } else if (SqlValues.compare(value, other) == 0) {
                return !in.negated();
            }
        }
        return sawNull ? null : in.negated();
    }

    private Object binary(BinaryOperation operation, RowContext row) {
        switch (operation.operator()) {
            case AND -> {
                Object left = evaluate(operation.left(), row);
                if (left != null && !SqlValues.isTrue(left)) {
                    return false;
                }
                Object right = evaluate(operation.right(), row);
                if (right != null && !SqlValues.isTrue(right)) {
                    return false;
                }
                return left == null || right == null ? null : true;
            }
            case OR -> {
                Object left = evaluate(operation.left(), row);
                if (left != null && SqlValues.isTrue(left)) {
                    return true;
                }
                Object right = evaluate(operation.right(), row);
                if (right != null && SqlValues.isTrue(right)) {
                    return true;
                }
                return left == null || right == null ? null : false;
            }
            default -> {
                Object left = evaluate(operation.left(), row);
                Object right = evaluate(operation.right(), row);
                return compareOrCompute(operation, left, right);
            }
        }
    }

    private static Object compareOrCompute(BinaryOperation operation, Object left, Object right) {
        if (operation.operator() == BinaryOperator.NULL_SAFE_EQUAL) {
            if (left == null || right == null) {
                return left == null && right == null;
            }
            return SqlValues.compare(left, right) == 0;
        }
        if (left == null || right == null) {
            return null;
        }
        switch (operation.operator()) {
            case EQUAL -> {
                return SqlValues.compare(left, right) == 0;
            }
            case NOT_EQUAL -> {
                return SqlValues.compare(left, right) != 0;
            }
            case LESS_THAN -> {
                return SqlValues.compare(left, right) < 0;
            }
            case LESS_THAN_OR_EQUAL -> {
                return SqlValues.compare(left, right) <= 0;
            }
            case GREATER_THAN -> {
                return SqlValues.compare(left, right) > 0;
            }
            case GREATER_THAN_OR_EQUAL -> {
                return SqlValues.compare(left, right) >= 0;
            }
            default -> {
                return arithmetic(operation, left, right);
            }
        }
    }

    private static Object arithmetic(BinaryOperation operation, Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            try {
                switch (operation.operator()) {
                    case ADD -> {
                        return Math.addExact(a, b);
                    }
                    case SUBTRACT -> {
                        return Math.subtractExact(a, b);
                    }
                    case MULTIPLY -> {
                        return Math.multiplyExact(a, b);
                    }
                    case MODULO -> {
                        return b == 0 ? null : a % b;
                    }
                    default -> {
                        // DIVIDE falls through to decimal arithmetic.
                    }
                }
            } catch (ArithmeticException overflow) {
                // Falls through to decimal arithmetic.
            }
        }
        BigDecimal a = SqlValues.toDecimal(left);
        BigDecimal b = SqlValues.toDecimal(right);
        switch (operation.operator()) {
            case ADD -> {
                return a.add(b);
            }
            case SUBTRACT -> {
                return a.subtract(b);
            }
            case MULTIPLY -> {
                return a.multiply(b);
            }
            case DIVIDE -> {
                return b.signum() == 0 ? null : a.divide(b, Math.max(a.scale(), 0) + 4, RoundingMode.HALF_UP);
            }
            case MODULO -> {
                return b.signum() == 0 ? null : a.remainder(b);
            }
            default -> throw new IllegalStateException("not an arithmetic operator: " + operation.operator());
        }
    }
}
