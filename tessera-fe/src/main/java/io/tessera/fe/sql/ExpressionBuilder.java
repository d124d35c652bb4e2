package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.BetweenExpression;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.CaseExpression;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.InListExpression;
import io.tessera.fe.sql.ast.IsNullExpression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.NegateExpression;
import io.tessera.fe.sql.ast.NotExpression;
import io.tessera.fe.sql.ast.SystemVariableRef;
import io.tessera.fe.sql.ast.TypeDefinition;
import io.tessera.fe.sql.ast.UserVariableRef;
import io.tessera.fe.sql.ast.VariableScope;
import io.tessera.fe.sql.parser.TesseraParser;
import io.tessera.fe.sql.parser.TesseraParserBaseVisitor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds {@link Expression} values from expression parse trees. It is split from
 * {@link AstBuilder} to keep each class about one concern: this one knows operators, literals,
 * variables and function calls; the statement builder only asks it for whole expressions.
 *
 * <p>Chains of left-associative binary operators ({@code 1 + 2 + ... + n}, {@code a AND b AND
 * ...}) form left-deep parse trees; they are walked with a loop, not recursion, so that a long
 * chain cannot overflow the stack.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class ExpressionBuilder extends TesseraParserBaseVisitor<Expression> {

    // ----------------------------------------------------------------------------------------
    // Boolean level.
    // ----------------------------------------------------------------------------------------

    @Override
    public Expression visitExpression(TesseraParser.ExpressionContext ctx) {
        return visit(ctx.booleanExpression());
    }

    @Override
    public Expression visitLogicalNot(TesseraParser.LogicalNotContext ctx) {
        return new NotExpression(visit(ctx.booleanExpression()));
    }

    @Override
    public Expression visitBooleanDefault(TesseraParser.BooleanDefaultContext ctx) {
        return visit(ctx.booleanPrimary());
    }

    @Override
    public Expression visitLogicalBinary(TesseraParser.LogicalBinaryContext ctx) {
        return leftDeepChain(ctx, TesseraParser.LogicalBinaryContext.class,
                binary -> binary.left,
                binary -> new ChainLink(
                        binary.operator.getType() == TesseraParser.AND
                                || binary.operator.getType() == TesseraParser.DOUBLE_AMPERSAND
                                ? BinaryOperator.AND : BinaryOperator.OR,
                        binary.right));
    }

    @Override
    public Expression visitIsNull(TesseraParser.IsNullContext ctx) {
        return new IsNullExpression(visit(ctx.booleanPrimary()), ctx.NOT() != null);
    }

    @Override
    public Expression visitComparison(TesseraParser.ComparisonContext ctx) {
        return leftDeepChain(ctx, TesseraParser.ComparisonContext.class,
                comparison -> comparison.left,
                comparison -> new ChainLink(comparisonOperator(comparison.comparisonOperator()), comparison.right));
    }

    @Override
    public Expression visitPredicateDefault(TesseraParser.PredicateDefaultContext ctx) {
        return visit(ctx.predicate());
    }

    private static BinaryOperator comparisonOperator(TesseraParser.ComparisonOperatorContext ctx) {
        switch (ctx.getStart().getType()) {
            case TesseraParser.EQUAL:
                return BinaryOperator.EQUAL;
            case TesseraParser.NOT_EQUAL:
                return BinaryOperator.NOT_EQUAL;
            case TesseraParser.LESS_THAN:
                return BinaryOperator.LESS_THAN;
            case TesseraParser.LESS_THAN_OR_EQUAL:
                return BinaryOperator.LESS_THAN_OR_EQUAL;
            case TesseraParser.GREATER_THAN:
                return BinaryOperator.GREATER_THAN;
            case TesseraParser.GREATER_THAN_OR_EQUAL:
                return BinaryOperator.GREATER_THAN_OR_EQUAL;
            case TesseraParser.NULL_SAFE_EQUAL:
                return BinaryOperator.NULL_SAFE_EQUAL;
            default:
                throw new IllegalStateException("unknown comparison operator " + ctx.getText());
        }
    }

    // ----------------------------------------------------------------------------------------
    // Predicates: IN, BETWEEN, LIKE.
    // ----------------------------------------------------------------------------------------

    @Override
    public Expression visitPredicate(TesseraParser.PredicateContext ctx) {
        Expression operand = visit(ctx.valueExpression());
        TesseraParser.PredicateSuffixContext suffix = ctx.predicateSuffix();
        if (suffix == null) {
            return operand;
        }
        if (suffix instanceof TesseraParser.InListContext in) {
            return new InListExpression(operand, expressions(in.expression()), in.NOT() != null);
        }
        if (suffix instanceof TesseraParser.BetweenContext between) {
            return new BetweenExpression(operand, visit(between.low), visit(between.high), between.NOT() != null);
        }
        if (suffix instanceof TesseraParser.LikeContext like) {
            return new LikeExpression(operand, visit(like.pattern), like.NOT() != null);
        }
        throw new IllegalStateException("unknown predicate " + suffix.getClass().getSimpleName());
    }

    // ----------------------------------------------------------------------------------------
    // Arithmetic.
    // ----------------------------------------------------------------------------------------

    /**
     * {@code x COLLATE c}: Tessera compares strings by their binary value, so only a binary
     * collation ({@code binary} or one ending in {@code _bin}, as Connector/J sends) keeps the
     * meaning the client asked for; it is accepted and changes nothing, any other is refused.
     */
    @Override
    public Expression visitCollated(TesseraParser.CollatedContext ctx) {
        String collation = ctx.collation.identifier() != null ? AstBuilder.identifier(ctx.collation.identifier())
                : AstBuilder.string(ctx.collation.stringLiteral());
        String lower = collation.toLowerCase(Locale.ROOT);
        if (!lower.equals("binary") && !lower.endsWith("_bin")) {
            throw SyntaxErrorListener.errorAt("COLLATE " + collation + " is not supported: strings compare by "
                    + "their binary value (use a _bin collation)", ctx.collation.getStart());
        }
        return visit(ctx.valueExpression());
    }

    @Override
    public Expression visitUnary(TesseraParser.UnaryContext ctx) {
        switch (ctx.operator.getType()) {
            case TesseraParser.MINUS:
                Expression folded = negativeNumber(ctx.valueExpression());
                return folded != null ? folded : new NegateExpression(visit(ctx.valueExpression()));
            case TesseraParser.BANG:
                return new NotExpression(visit(ctx.valueExpression()));
            default:
                return visit(ctx.valueExpression());
        }
    }

    /** {@code -<number literal>} as one negative literal, or null when the operand is something else. */
    private static Expression negativeNumber(TesseraParser.ValueExpressionContext operand) {
        if (operand instanceof TesseraParser.PrimaryDefaultContext primary
                && primary.primary() instanceof TesseraParser.ConstantValueContext constant) {
            if (constant.constant() instanceof TesseraParser.IntegerConstantContext integer) {
                return new Literal(LiteralDecoder.integer("-" + integer.getText()));
            }
            if (constant.constant() instanceof TesseraParser.DecimalConstantContext decimal) {
                return new Literal(LiteralDecoder.decimal("-" + decimal.getText()));
            }
        }
        return null;
    }

    @Override
    public Expression visitArithmetic(TesseraParser.ArithmeticContext ctx) {
        return leftDeepChain(ctx, TesseraParser.ArithmeticContext.class,
                arithmetic -> arithmetic.left,
                arithmetic -> new ChainLink(arithmeticOperator(arithmetic.operator), arithmetic.right));
    }

    private static BinaryOperator arithmeticOperator(Token operator) {
        switch (operator.getType()) {
            case TesseraParser.PLUS:
                return BinaryOperator.ADD;
            case TesseraParser.MINUS:
                return BinaryOperator.SUBTRACT;
            case TesseraParser.ASTERISK:
                return BinaryOperator.MULTIPLY;
            case TesseraParser.SLASH:
                return BinaryOperator.DIVIDE;
            case TesseraParser.PERCENT:
                return BinaryOperator.MODULO;
            default:
                throw new IllegalStateException("unknown arithmetic operator " + operator.getText());
        }
    }

    @Override
    public Expression visitPrimaryDefault(TesseraParser.PrimaryDefaultContext ctx) {
        return visit(ctx.primary());
    }

    // ----------------------------------------------------------------------------------------
    // Primaries.
    // ----------------------------------------------------------------------------------------

    @Override
    public Expression visitConstantValue(TesseraParser.ConstantValueContext ctx) {
        return visit(ctx.constant());
    }

    @Override
    public Expression visitSystemVariableValue(TesseraParser.SystemVariableValueContext ctx) {
        return systemVariable(ctx.systemVariable());
    }

    /** {@code @@[scope.]name}. */
    static SystemVariableRef systemVariable(TesseraParser.SystemVariableContext ctx) {
        VariableScope scope = ctx.variableScope() == null ? null : AstBuilder.scope(ctx.variableScope());
        return new SystemVariableRef(scope, lowerCase(AstBuilder.identifier(ctx.identifier())));
    }

    @Override
    public Expression visitUserVariableValue(TesseraParser.UserVariableValueContext ctx) {
        return new UserVariableRef(lowerCase(LiteralDecoder.userVariableName(ctx.USER_VARIABLE().getText())));
    }

    @Override
    public Expression visitNiladicFunction(TesseraParser.NiladicFunctionContext ctx) {
        return new FunctionCall(lowerCase(ctx.name.getText()), expressions(ctx.expression()), false, false);
    }

    @Override
    public Expression visitStarFunctionCall(TesseraParser.StarFunctionCallContext ctx) {
        return new FunctionCall(lowerCase(AstBuilder.identifier(ctx.identifier())), List.of(), false, true);
    }

    @Override
    public Expression visitFunctionCall(TesseraParser.FunctionCallContext ctx) {
        return new FunctionCall(lowerCase(AstBuilder.identifier(ctx.identifier())),
                expressions(ctx.expression()), ctx.DISTINCT() != null, false);
    }

    @Override
    public Expression visitCast(TesseraParser.CastContext ctx) {
        return new CastExpression(visit(ctx.expression()), TypeBuilder.castType(ctx.dataType(), ctx.trailing));
    }

    /** {@code CONVERT(x, type)}: MySQL's other spelling of CAST. */
    @Override
    public Expression visitConvert(TesseraParser.ConvertContext ctx) {
        return new CastExpression(visit(ctx.expression()), TypeBuilder.castType(ctx.dataType(), ctx.trailing));
    }

    @Override
    public Expression visitSimpleCase(TesseraParser.SimpleCaseContext ctx) {
        return new CaseExpression(visit(ctx.operand), whens(ctx.whenClause()),
                ctx.otherwise == null ? null : visit(ctx.otherwise));
    }

    @Override
    public Expression visitSearchedCase(TesseraParser.SearchedCaseContext ctx) {
        return new CaseExpression(null, whens(ctx.whenClause()), ctx.otherwise == null ? null : visit(ctx.otherwise));
    }

    private List<CaseExpression.When> whens(List<TesseraParser.WhenClauseContext> clauses) {
        List<CaseExpression.When> whens = new ArrayList<>();
        for (TesseraParser.WhenClauseContext clause : clauses) {
            whens.add(new CaseExpression.When(visit(clause.condition), visit(clause.result)));
        }
        return whens;
    }

    /** {@code DATE 'yyyy-MM-dd'} and {@code TIMESTAMP '...'}: casts of the string to DATE and DATETIME. */
    @Override
    public Expression visitTypedLiteral(TesseraParser.TypedLiteralContext ctx) {
        String type = ctx.typeName.getType() == TesseraParser.DATE ? "DATE" : "DATETIME";
        return new CastExpression(new Literal(LiteralDecoder.unquoteString(ctx.STRING().getText())),
                TypeDefinition.of(type));
    }

    @Override
    public Expression visitParenthesized(TesseraParser.ParenthesizedContext ctx) {
        return visit(ctx.expression());
    }

    @Override
    public Expression visitFullyQualifiedColumn(TesseraParser.FullyQualifiedColumnContext ctx) {
        return new ColumnRef(AstBuilder.identifier(ctx.database), AstBuilder.identifier(ctx.qualifier),
                AstBuilder.identifier(ctx.name));
    }

    @Override
    public Expression visitQualifiedColumn(TesseraParser.QualifiedColumnContext ctx) {
        return new ColumnRef(AstBuilder.identifier(ctx.qualifier), AstBuilder.identifier(ctx.name));
    }

    @Override
    public Expression visitColumn(TesseraParser.ColumnContext ctx) {
        return new ColumnRef(null, AstBuilder.identifier(ctx.identifier()));
    }

    // ----------------------------------------------------------------------------------------
    // Constants.
    // ----------------------------------------------------------------------------------------

    @Override
    public Expression visitNullConstant(TesseraParser.NullConstantContext ctx) {
        return Literal.NULL;
    }

    @Override
    public Expression visitBooleanConstant(TesseraParser.BooleanConstantContext ctx) {
        return new Literal(ctx.TRUE() != null);
    }

    @Override
    public Expression visitIntegerConstant(TesseraParser.IntegerConstantContext ctx) {
        return new Literal(LiteralDecoder.integer(ctx.getText()));
    }

    @Override
    public Expression visitDecimalConstant(TesseraParser.DecimalConstantContext ctx) {
        return new Literal(LiteralDecoder.decimal(ctx.getText()));
    }

    @Override
    public Expression visitStringConstant(TesseraParser.StringConstantContext ctx) {
        StringBuilder value = new StringBuilder();
        ctx.STRING().forEach(part -> value.append(LiteralDecoder.unquoteString(part.getText())));
        return new Literal(value.toString());
    }

    // ----------------------------------------------------------------------------------------
    // Helpers.
    // ----------------------------------------------------------------------------------------

    List<Expression> expressions(List<TesseraParser.ExpressionContext> contexts) {
        List<Expression> result = new ArrayList<>(contexts.size());
        for (TesseraParser.ExpressionContext context : contexts) {
            result.add(visit(context));
        }
        return result;
    }

    /** {@code -<number token>} as one negative literal. */
    static Literal negativeLiteral(Token number) {
        return new Literal(number.getType() == TesseraParser.INTEGER_VALUE
                ? LiteralDecoder.integer("-" + number.getText())
                : LiteralDecoder.decimal("-" + number.getText()));
    }

    static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** One step of a left-deep chain: the operator and the right operand's tree. */
    private record ChainLink(BinaryOperator operator, ParserRuleContext right) {
    }

    /**
     * Builds {@code ((a op b) op c) ...} from a left-deep tree of {@code type} nodes without
     * recursing down the left spine.
     */
    private <T extends ParserRuleContext> Expression leftDeepChain(
            T top, Class<T> type, Function<T, ParserRuleContext> left, Function<T, ChainLink> link) {
        Deque<T> spine = new ArrayDeque<>();
        ParserRuleContext current = top;
        while (type.isInstance(current)) {
            T node = type.cast(current);
            spine.push(node);
            current = left.apply(node);
        }
        Expression result = visit(current);
        while (!spine.isEmpty()) {
            ChainLink step = link.apply(spine.pop());
            result = new BinaryOperation(step.operator(), result, visit(step.right()));
        }
        return result;
    }
}
