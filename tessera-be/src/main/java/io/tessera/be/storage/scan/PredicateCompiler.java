package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.Call;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Expression;
import io.tessera.proto.data.Literal;
import io.tessera.proto.data.Operator;
import io.tessera.proto.data.TabletSchema;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns a filter {@link Expression} (data.proto) into a tree of vectorized {@link Predicate}s,
 * checking it against the tablet schema first, so a bad filter fails before any file is read.
 * Comparisons of a column with a literal that is already in the column's representation get a
 * tight loop of their own; other shapes fall back to a row-by-row comparison. IN with more than
 * {@value #SHORT_IN_LIST} literals uses a sorted set; shorter lists, BETWEEN and NOT forms are
 * rewritten into OR / AND / NOT, which keeps SQL's NULL rules exact. Stateless apart from the schema.
 */
final class PredicateCompiler {
    static final int SHORT_IN_LIST = 8;

    private final TabletSchema schema;

    PredicateCompiler(TabletSchema schema) {
        this.schema = schema;
    }

    /** @throws TesseraException when the expression is malformed or does not fit the schema */
    Predicate compile(Expression expression) {
        return condition(expression);
    }

    private Predicate condition(Expression expression) {
        switch (expression.getKindCase()) {
            case COLUMN -> {
                Operand column = operand(expression);
                if (column.family() != Operand.Family.EXACT || column.encoding() != WireEncoding.INT
                        || column.scale() != 0) {
                    throw new TesseraException("filter: " + column.describe() + " is not a condition");
                }
                return new TruthPredicate(column.column());
            }
            case LITERAL -> {
                Literal literal = expression.getLiteral();
                if (literal.getIsNull()) {
                    return new ConstantPredicate(TriState.NULL);
                }
                if (literal.getType() != DataType.BOOLEAN) {
                    throw new TesseraException("filter: a " + literal.getType() + " literal is not a condition");
                }
                return new ConstantPredicate(TriState.of(literal.getIntValue() != 0));
            }
            case CALL -> {
                return call(expression.getCall());
            }
            default -> throw new TesseraException("filter: an expression is empty");
        }
    }

    private Predicate call(Call call) {
        Operator operator = call.getOperator();
        List<Expression> arguments = call.getArgumentsList();
        switch (operator) {
            case AND, OR -> {
                requireArguments(operator, arguments, 2, Integer.MAX_VALUE);
                List<Predicate> operands = new ArrayList<>();
                for (Expression argument : arguments) {
                    operands.add(condition(argument));
                }
                return new LogicalPredicate(operator == Operator.AND, operands);
            }
            case NOT -> {
                requireArguments(operator, arguments, 1, 1);
                return new NotPredicate(condition(arguments.get(0)));
            }
            case IS_NULL, IS_NOT_NULL -> {
                requireArguments(operator, arguments, 1, 1);
                boolean negated = operator == Operator.IS_NOT_NULL;
                Expression argument = arguments.get(0);
                if (argument.hasLiteral()) {
                    return new ConstantPredicate(TriState.of(argument.getLiteral().getIsNull() != negated));
                }
                if (argument.getKindCase() == Expression.KindCase.COLUMN) {
                    return new IsNullPredicate(operand(argument).column(), null, negated);
                }
                return new IsNullPredicate(-1, condition(argument), negated);
            }
            case EQ, NE, LT, LE, GT, GE -> {
                requireArguments(operator, arguments, 2, 2);
                return comparison(operand(arguments.get(0)), CompareOp.of(operator), operand(arguments.get(1)));
            }
            case IN, NOT_IN -> {
                requireArguments(operator, arguments, 2, Integer.MAX_VALUE);
                Predicate in = in(operand(arguments.get(0)), arguments.subList(1, arguments.size()));
                return operator == Operator.IN ? in : new NotPredicate(in);
            }
            case LIKE, NOT_LIKE -> {
                requireArguments(operator, arguments, 2, 2);
                Predicate like = like(operand(arguments.get(0)), operand(arguments.get(1)));
                return operator == Operator.LIKE ? like : new NotPredicate(like);
            }
            case BETWEEN, NOT_BETWEEN -> {
                requireArguments(operator, arguments, 3, 3);
                Operand value = operand(arguments.get(0));
                Predicate between = new LogicalPredicate(true, List.of(
                        comparison(value, CompareOp.GE, operand(arguments.get(1))),
                        comparison(value, CompareOp.LE, operand(arguments.get(2)))));
                return operator == Operator.BETWEEN ? between : new NotPredicate(between);
            }
            default -> throw new TesseraException("filter: operator " + operator + " is not supported");
        }
    }

    private static void requireArguments(Operator operator, List<Expression> arguments, int min, int max) {
        if (arguments.size() < min || arguments.size() > max) {
            throw new TesseraException("filter: " + operator + " takes " + (min == max ? Integer.toString(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max) + " arguments, got "
                    + arguments.size());
        }
    }

    private Operand operand(Expression expression) {
        switch (expression.getKindCase()) {
            case COLUMN -> {
                int index = expression.getColumn();
                if (index < 0 || index >= schema.getColumnsCount()) {
                    throw new TesseraException("filter: column index " + index + " is out of range (the tablet has "
                            + schema.getColumnsCount() + " columns)");
                }
                return Operand.column(index, schema.getColumns(index));
            }
            case LITERAL -> {
                return Operand.literal(expression.getLiteral());
            }
            case CALL -> throw new TesseraException("filter: " + expression.getCall().getOperator()
                    + " cannot be compared; comparisons take columns and literals");
            default -> throw new TesseraException("filter: an expression is empty");
        }
    }

    private Predicate comparison(Operand left, CompareOp op, Operand right) {
        if (left.isNullLiteral() || right.isNullLiteral()) {
            return new ConstantPredicate(TriState.NULL);
        }
        if (!left.isColumn() && right.isColumn()) {
            return comparison(right, op.swapped(), left);
        }
        Operand.Family family = commonFamily(left, right);
        if (!left.isColumn()) {
            return new ConstantPredicate(TriState.of(op.test(compareLiterals(left, right, family))));
        }
        if (!right.isColumn()) {
            if (family == Operand.Family.STRING) {
                return new CompareStringPredicate(left.column(), op, right.bytesLiteral());
            }
            OptionalLong asColumn = inColumnRepresentation(left, right);
            if (asColumn.isPresent()) {
                return new CompareLongPredicate(left.column(), op, asColumn.getAsLong());
            }
            if (family == Operand.Family.APPROXIMATE && left.encoding() == WireEncoding.DOUBLE) {
                double literal = right.doubleLiteral();
                if (left.type() == DataType.FLOAT && right.type() == DataType.FLOAT) {
                    literal = (float) literal;
                }
                return new CompareDoublePredicate(left.column(), op, literal);
            }
        }
        return new CompareGenericPredicate(left, op, right, family);
    }

    private Predicate in(Operand value, List<Expression> items) {
        if (value.isNullLiteral()) {
            return new ConstantPredicate(TriState.NULL);
        }
        List<Operand> operands = new ArrayList<>();
        for (Expression item : items) {
            operands.add(operand(item));
        }
        if (value.isColumn() && operands.size() > SHORT_IN_LIST && operands.stream().noneMatch(Operand::isColumn)) {
            Predicate set = inSet(value, operands);
            if (set != null) {
                return set;
            }
        }
        List<Predicate> equalities = new ArrayList<>();
        for (Operand operand : operands) {
            equalities.add(comparison(value, CompareOp.EQ, operand));
        }
        return equalities.size() == 1 ? equalities.get(0) : new LogicalPredicate(false, equalities);
    }

    /** A set lookup when every literal has the column's representation; null otherwise. */
    private static Predicate inSet(Operand column, List<Operand> literals) {
        boolean hasNull = false;
        List<Operand> values = new ArrayList<>();
        for (Operand literal : literals) {
            if (literal.isNullLiteral()) {
                hasNull = true;
            } else {
                commonFamily(column, literal);
                values.add(literal);
            }
        }
        if (column.family() == Operand.Family.STRING) {
            byte[][] strings = values.stream().map(Operand::bytesLiteral).sorted(Arrays::compareUnsigned)
                    .toArray(byte[][]::new);
            return new InSetPredicate(column.column(), null, strings, hasNull);
        }
        if (column.encoding() != WireEncoding.INT) {
            return null;
        }
        long[] longs = new long[values.size()];
        for (int i = 0; i < longs.length; i++) {
            OptionalLong value = inColumnRepresentation(column, values.get(i));
            if (value.isEmpty()) {
                return null;
            }
            longs[i] = value.getAsLong();
        }
        Arrays.sort(longs);
        return new InSetPredicate(column.column(), longs, null, hasNull);
    }

    private Predicate like(Operand value, Operand pattern) {
        if (value.isNullLiteral() || pattern.isNullLiteral()) {
            return new ConstantPredicate(TriState.NULL);
        }
        if (value.family() != Operand.Family.STRING) {
            throw new TesseraException("filter: LIKE needs a string, not " + value.describe());
        }
        if (pattern.isColumn() || pattern.family() != Operand.Family.STRING) {
            throw new TesseraException("filter: the LIKE pattern must be a string literal, not "
                    + pattern.describe());
        }
        LikePattern compiled = LikePattern.compile(pattern.literal().getStringValue());
        if (!value.isColumn()) {
            byte[] text = value.literal().getStringValue().getBytes(StandardCharsets.UTF_8);
            return new ConstantPredicate(TriState.of(compiled.matches(text, 0, text.length)));
        }
        return new LikePredicate(value.column(), compiled);
    }

    /**
     * The literal as the column's long representation (same scale, same time unit), when it is
     * exactly representable; empty when a row-by-row comparison is needed.
     */
    private static OptionalLong inColumnRepresentation(Operand column, Operand literal) {
        if (column.encoding() != WireEncoding.INT) {
            return OptionalLong.empty();
        }
        Operand.Family family = column.family();
        if (family == Operand.Family.EXACT && literal.family() == Operand.Family.EXACT) {
            try {
                return OptionalLong.of(literal.exactLiteral().setScale(column.scale(), RoundingMode.UNNECESSARY)
                        .unscaledValue().longValueExact());
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
        if (family == Operand.Family.TEMPORAL && literal.family() == Operand.Family.TEMPORAL) {
            if (column.type() == literal.type()) {
                return OptionalLong.of(literal.literal().getIntValue());
            }
            if (column.type() == DataType.DATETIME) {
                return OptionalLong.of(literal.microsLiteral());
            }
        }
        return OptionalLong.empty();
    }

    private static Operand.Family commonFamily(Operand left, Operand right) {
        Operand.Family a = left.family();
        Operand.Family b = right.family();
        if (a == b && a != Operand.Family.ANY) {
            return a;
        }
        boolean numeric = (a == Operand.Family.EXACT || a == Operand.Family.APPROXIMATE)
                && (b == Operand.Family.EXACT || b == Operand.Family.APPROXIMATE);
        if (numeric) {
            return Operand.Family.APPROXIMATE;
        }
        throw new TesseraException("filter: cannot compare " + left.describe() + " with " + right.describe());
    }

    private static int compareLiterals(Operand left, Operand right, Operand.Family family) {
        return switch (family) {
            case EXACT -> left.exactLiteral().compareTo(right.exactLiteral());
            case APPROXIMATE -> Double.compare(left.doubleLiteral(), right.doubleLiteral());
            case TEMPORAL -> Long.compare(left.microsLiteral(), right.microsLiteral());
            case STRING -> Arrays.compareUnsigned(left.bytesLiteral(), right.bytesLiteral());
            case ANY -> throw new IllegalStateException("no comparison family");
        };
    }
}
