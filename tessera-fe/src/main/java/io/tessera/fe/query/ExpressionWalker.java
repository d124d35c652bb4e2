package io.tessera.fe.query;

import io.tessera.fe.sql.ast.BetweenExpression;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.CaseExpression;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.InListExpression;
import io.tessera.fe.sql.ast.IsNullExpression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.NegateExpression;
import io.tessera.fe.sql.ast.NotExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Visits every sub-expression of an expression tree, depth first: every kind of expression with
 * operands must be listed in {@code children}, or the columns and aggregates inside it go unseen
 * (CASE was missing: its columns were never read from the backends). Stateless.
 */
public final class ExpressionWalker {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg");

    private ExpressionWalker() {
    }

    public static void walk(Expression expression, Consumer<Expression> visitor) {
        if (expression == null) {
            return;
        }
        visitor.accept(expression);
        for (Expression child : children(expression)) {
            walk(child, visitor);
        }
    }

    public static boolean isAggregate(Expression expression) {
        return expression instanceof FunctionCall call && AGGREGATES.contains(call.name());
    }

    /** Aggregate calls in the expression (not descending into them), in order of appearance. */
    public static void collectAggregates(Expression expression, List<FunctionCall> into) {
        if (expression == null) {
            return;
        }
        if (isAggregate(expression)) {
            if (!into.contains(expression)) {
                into.add((FunctionCall) expression);
            }
            return;
        }
        for (Expression child : children(expression)) {
            collectAggregates(child, into);
        }
    }

    /** Column references in the expression. */
    public static List<ColumnRef> columns(Expression expression) {
        List<ColumnRef> columns = new ArrayList<>();
        walk(expression, e -> {
            if (e instanceof ColumnRef ref) {
                columns.add(ref);
            }
        });
        return columns;
    }

    private static List<Expression> children(Expression expression) {
        if (expression instanceof BinaryOperation op) {
            return List.of(op.left(), op.right());
        }
        if (expression instanceof FunctionCall call) {
            return call.arguments();
        }
        if (expression instanceof NotExpression not) {
            return List.of(not.operand());
        }
        if (expression instanceof NegateExpression negate) {
            return List.of(negate.operand());
        }
        if (expression instanceof IsNullExpression isNull) {
            return List.of(isNull.operand());
        }
        if (expression instanceof InListExpression in) {
            List<Expression> all = new ArrayList<>(in.values());
            all.add(0, in.operand());
            return all;
        }
        if (expression instanceof BetweenExpression between) {
            return List.of(between.operand(), between.low(), between.high());
        }
        if (expression instanceof LikeExpression like) {
            return List.of(like.operand(), like.pattern());
        }
        if (expression instanceof CastExpression cast) {
            return List.of(cast.operand());
        }
        if (expression instanceof CaseExpression choice) {
            List<Expression> all = new ArrayList<>();
            if (choice.operand() != null) {
                all.add(choice.operand());
            }
            for (CaseExpression.When when : choice.whens()) {
                all.add(when.condition());
                all.add(when.result());
            }
            if (choice.otherwise() != null) {
                all.add(choice.otherwise());
            }
            return all;
        }
        return List.of();
    }
}
