package io.tessera.fe.sql;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Grammar-based generators of SQL expressions and the statements around them, for the fuzz
 * properties: literals of every kind (huge, negative, decimal, dates in and out of range, strings,
 * unicode, NULL), the columns of the fuzz table ({@code k INT, v VARCHAR(20), d DATE}), arithmetic,
 * comparison and logic operators, the FE's scalar functions with any argument count, CAST to each
 * type, CASE, IN, BETWEEN, LIKE and IS NULL, nested a few levels; as SELECT lists, WHERE
 * filters, aggregates with GROUP BY, ORDER BY and LIMIT, and INSERT values.
 *
 * <p>Threading: stateless; arbitraries are immutable.
 */
public final class ExpressionArbitraries {
    private static final List<String> LITERALS = List.of("0", "1", "-1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999999999999999999",
            "0.5", "-0.0", "1e308", "1e309", "3.14159265358979323846264338327950288", "'a'", "''", "'名字'", "'𝄞'",
            "'2024-02-29'", "'2023-02-29'", "'9999-12-31'", "'0000-01-01'", "'10000-01-01'", "'2024-01-01 25:61:61'",
            "NULL", "TRUE", "FALSE", "'1'", "'1e5'", "' 12 '", "'x' 'y'", "DATE '2024-01-01'", "@@version",
            "@@time_zone", "@nope", "k", "v", "d", "t.k", "fuzz.t.v");
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "%", "DIV", "MOD", "=", "<>", "!=", "<",
            "<=", ">", ">=", "<=>", "AND", "OR", "XOR", "&&", "||", "LIKE", "NOT LIKE", "REGEXP");
    private static final List<String> FUNCTIONS = List.of("concat", "upper", "lower", "length", "char_length", "ifnull",
            "coalesce", "if", "substring", "substr", "mid", "locate", "least", "greatest", "lcase", "ucase", "now",
            "curdate", "database", "version", "connection_id", "user", "current_user", "last_insert_id", "abs",
            "round", "date_add", "datediff", "year", "nope_function");
    private static final List<String> TYPES = List.of("INT", "BIGINT", "TINYINT", "SIGNED", "UNSIGNED", "DECIMAL(5,2)",
            "DECIMAL(38,10)", "DECIMAL(100,2)", "CHAR", "VARCHAR(3)", "STRING", "DATE", "DATETIME", "DOUBLE", "FLOAT",
            "BOOLEAN", "JSON", "NOPE");
    private static final List<String> AGGREGATES = List.of("count", "sum", "avg", "min", "max");

    private ExpressionArbitraries() {
    }

    /** Expressions nested up to {@code depth} levels. */
    public static Arbitrary<String> expressions(int depth) {
        Arbitrary<String> leaves = Arbitraries.oneOf(List.of(Arbitraries.of(LITERALS),
                Arbitraries.longs().map(String::valueOf), Arbitraries.bigDecimals().map(Object::toString)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<String> sub = expressions(depth - 1);
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(3, leaves),
                Tuple.of(3, Combinators.combine(sub, Arbitraries.of(OPERATORS), sub)
                        .as((left, operator, right) -> left + " " + operator + " " + right)),
                Tuple.of(3, Combinators.combine(Arbitraries.of(FUNCTIONS), sub.list().ofMaxSize(4))
                        .as((name, arguments) -> name + "(" + String.join(", ", arguments) + ")")),
                Tuple.of(1, Combinators.combine(sub, Arbitraries.of(TYPES)).as((e, type) -> "CAST(" + e + " AS " + type
                        + ")")),
                Tuple.of(1, Combinators.combine(sub, sub, sub).as((a, b, c) -> "CASE WHEN " + a + " THEN " + b
                        + " ELSE " + c + " END")),
                Tuple.of(1, Combinators.combine(sub, sub.list().ofMinSize(1).ofMaxSize(3)).as((e, list) -> e + " IN ("
                        + String.join(", ", list) + ")")),
                Tuple.of(1, Combinators.combine(sub, sub, sub).as((a, b, c) -> a + " BETWEEN " + b + " AND " + c)),
                Tuple.of(1, sub.map(e -> "(" + e + ")")),
                Tuple.of(1, sub.map(e -> "-" + e)),
                Tuple.of(1, sub.map(e -> "NOT " + e)),
                Tuple.of(1, sub.map(e -> e + " IS NOT NULL"))));
    }

    /** Statements over the fuzz table {@code t (k INT, v VARCHAR(20), d DATE)} built around expressions. */
    public static Arbitrary<String> statements() {
        Arbitrary<String> e = expressions(3);
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(3, e.list().ofMinSize(1).ofMaxSize(3).map(list -> "SELECT " + String.join(", ", list))),
                Tuple.of(3, Combinators.combine(e, e).as((select, where) -> "SELECT " + select + " FROM t WHERE "
                        + where)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(AGGREGATES), e, Arbitraries.of("k", "v", "d", "1"))
                        .as((aggregate, argument, group) -> "SELECT " + group + ", " + aggregate + "(" + argument
                                + ") FROM t GROUP BY " + group)),
                Tuple.of(2, Combinators.combine(e, e, Arbitraries.of("0", "1", "5", "-1", "18446744073709551616"))
                        .as((select, order, limit) -> "SELECT " + select + " FROM t ORDER BY " + order + " LIMIT "
                                + limit)),
                Tuple.of(1, Combinators.combine(e, e, e).as((k, v, d) -> "INSERT INTO t (k, v, d) VALUES (" + k + ", "
                        + v + ", " + d + ")"))));
    }
}
