package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.TableRef;
import io.tessera.fe.sql.ast.TypeDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SELECT DISTINCT, HAVING, aggregates, ORDER BY forms, db.t.c, CAST and typed literals. */
class SelectExtensionsParserTest {
    private final SqlParser parser = new SqlParser();

    private SelectStatement select(String sql) {
        return (SelectStatement) parser.parse(sql);
    }

    private Expression expression(String text) {
        SelectStatement select = select("SELECT " + text);
        assertThat(select.items()).hasSize(1);
        return select.items().get(0).expression();
    }

    private static Literal literal(Object value) {
        return new Literal(value);
    }

    private static ColumnRef column(String name) {
        return new ColumnRef(null, name);
    }

    private static FunctionCall function(String name, Expression... arguments) {
        return new FunctionCall(name, List.of(arguments), false, false);
    }

    private static FunctionCall countStar() {
        return new FunctionCall("count", List.of(), false, true);
    }

    private static SelectItem item(Expression expression, String alias, String text) {
        return new SelectItem(expression, alias, text, null);
    }

    private static CastExpression cast(Expression operand, TypeDefinition type) {
        return new CastExpression(operand, type);
    }

    private void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> parser.parse(sql))
                .as(sql)
                .isInstanceOf(TesseraException.class)
                .hasMessageMatching("(?s)\n.*\\(line \\d+, pos \\d+\\)");
    }

    @Test
    void aggregateQueryWithEveryClause() {
        SelectStatement statement = select("SELECT DISTINCT k1, COUNT(*) AS c, COUNT(DISTINCT v) cd, SUM(v), MIN(v),"
                + " MAX(v), AVG(v) FROM example_db.t AS x WHERE k1 > 0 GROUP BY k1, x.k2"
                + " HAVING COUNT(*) > 1 AND SUM(v) < 100 ORDER BY 2 DESC, c, k1 + 1 ASC LIMIT 10 OFFSET 5");
        assertThat(statement).isEqualTo(new SelectStatement(
                true,
                List.of(item(column("k1"), null, "k1"),
                        item(countStar(), "c", "COUNT(*)"),
                        item(new FunctionCall("count", List.of(column("v")), true, false), "cd", "COUNT(DISTINCT v)"),
                        item(function("sum", column("v")), null, "SUM(v)"),
                        item(function("min", column("v")), null, "MIN(v)"),
                        item(function("max", column("v")), null, "MAX(v)"),
                        item(function("avg", column("v")), null, "AVG(v)")),
                new TableRef("example_db", "t", "x"),
                new BinaryOperation(BinaryOperator.GREATER_THAN, column("k1"), literal(0L)),
                List.of(column("k1"), new ColumnRef("x", "k2")),
                new BinaryOperation(BinaryOperator.AND,
                        new BinaryOperation(BinaryOperator.GREATER_THAN, countStar(), literal(1L)),
                        new BinaryOperation(BinaryOperator.LESS_THAN, function("sum", column("v")), literal(100L))),
                List.of(new OrderItem(literal(2L), true), new OrderItem(column("c"), false),
                        new OrderItem(new BinaryOperation(BinaryOperator.ADD, column("k1"), literal(1L)), false)),
                10L, 5L));
    }

    @Test
    void distinctAndAll() {
        assertThat(select("SELECT DISTINCT a FROM t").distinct()).isTrue();
        assertThat(select("select distinct a, b from t").distinct()).isTrue();
        assertThat(select("SELECT ALL a FROM t").distinct()).isFalse();
        assertThat(select("SELECT a FROM t").distinct()).isFalse();
        assertThat(select("SELECT DISTINCT(a) FROM t").items().get(0).expression()).isEqualTo(column("a"));
        assertSyntaxError("SELECT DISTINCT FROM t");
        assertSyntaxError("SELECT DISTINCT ALL a FROM t");
    }

    @Test
    void havingWithoutGroupBy() {
        SelectStatement statement = select("SELECT COUNT(*) FROM t HAVING COUNT(*) > 0");
        assertThat(statement.groupBy()).isEmpty();
        assertThat(statement.having())
                .isEqualTo(new BinaryOperation(BinaryOperator.GREATER_THAN, countStar(), literal(0L)));
        assertThat(select("SELECT a FROM t GROUP BY a").having()).isNull();
        assertSyntaxError("SELECT a FROM t HAVING");
        assertSyntaxError("SELECT a FROM t HAVING a > 1 GROUP BY a");
        assertSyntaxError("SELECT a FROM t ORDER BY a HAVING a > 1");
    }

    @Test
    void limitForms() {
        assertThat(select("SELECT a FROM t LIMIT 5").limit()).isEqualTo(5L);
        SelectStatement offset = select("SELECT a FROM t LIMIT 5 OFFSET 10");
        assertThat(offset.limit()).isEqualTo(5L);
        assertThat(offset.offset()).isEqualTo(10L);
        SelectStatement comma = select("SELECT a FROM t LIMIT 10, 5");
        assertThat(comma.limit()).isEqualTo(5L);
        assertThat(comma.offset()).isEqualTo(10L);
    }

    @Test
    void compatibilityConstructorMeansNoDistinctNoHaving() {
        SelectStatement old = new SelectStatement(List.of(), null, null, List.of(), List.of(), null, null);
        assertThat(old).isEqualTo(new SelectStatement(false, List.of(), null, null, List.of(), null, List.of(), null, null));
        assertThat(select("SELECT 1")).isEqualTo(
                new SelectStatement(List.of(item(literal(1L), null, "1")), null, null, List.of(), List.of(), null, null));
    }

    @Test
    void qualifiedColumns() {
        assertThat(expression("db.t.c")).isEqualTo(new ColumnRef("db", "t", "c"));
        assertThat(expression("`my db`.`t`.`c`")).isEqualTo(new ColumnRef("my db", "t", "c"));
        assertThat(expression("t.c")).isEqualTo(new ColumnRef("t", "c"));
        assertThat(expression("t.c")).isEqualTo(new ColumnRef(null, "t", "c"));
        assertThat(expression("c")).isEqualTo(new ColumnRef(null, null, "c"));
        assertThat(new ColumnRef("t", "c").database()).isNull();
        assertSyntaxError("SELECT a.b.c.d");
        assertThatThrownBy(() -> new ColumnRef("db", null, "c")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tablesWithAliases() {
        assertThat(select("SELECT 1 FROM db.t AS a").from()).isEqualTo(new TableRef("db", "t", "a"));
        assertThat(select("SELECT 1 FROM t a").from()).isEqualTo(new TableRef(null, "t", "a"));
        assertThat(select("SELECT 1 FROM `t` AS `the t`").from()).isEqualTo(new TableRef(null, "t", "the t"));
        assertThat(select("SELECT 1 FROM data status").from()).isEqualTo(new TableRef(null, "data", "status"));
    }

    @Test
    void tableFunctions() {
        TableRef backends = select("SELECT * FROM backends()").from();
        assertThat(backends).isEqualTo(new TableRef(null, "backends", null, List.of()));
        assertThat(backends.isFunction()).isTrue();
        assertThat(select("SELECT 1 FROM backends(1, 'x') AS b").from().functionArguments()).hasSize(2);
        assertThat(select("SELECT 1 FROM backends() b").from().alias()).isEqualTo("b");
        assertThat(select("SELECT 1 FROM t").from().isFunction()).isFalse();
    }

    @Test
    void casts() {
        assertThat(expression("CAST(a AS BIGINT)")).isEqualTo(cast(column("a"), TypeDefinition.of("BIGINT")));
        assertThat(expression("cast('1.5' as decimal(10, 2))"))
                .isEqualTo(cast(literal("1.5"), new TypeDefinition("DECIMAL", null, 10, 2)));
        assertThat(expression("CAST(1 + 2 AS VARCHAR(10))")).isEqualTo(cast(
                new BinaryOperation(BinaryOperator.ADD, literal(1L), literal(2L)), new TypeDefinition("VARCHAR", 10, null, null)));
        assertThat(expression("CAST(x AS DATETIME(3))")).isEqualTo(cast(column("x"), new TypeDefinition("DATETIME", null, 3, null)));
        assertThat(expression("CAST(x AS STRING)")).isEqualTo(cast(column("x"), TypeDefinition.of("STRING")));
        assertThat(expression("CAST(x AS DATE)")).isEqualTo(cast(column("x"), TypeDefinition.of("DATE")));
        assertThat(expression("CAST(x AS SIGNED)")).isEqualTo(cast(column("x"), TypeDefinition.of("BIGINT")));
        assertThat(expression("CAST(x AS UNSIGNED)")).isEqualTo(cast(column("x"), TypeDefinition.of("LARGEINT")));
        assertThat(expression("CAST(CAST(x AS INT) AS CHAR)"))
                .isEqualTo(cast(cast(column("x"), TypeDefinition.of("INT")), TypeDefinition.of("CHAR")));
        assertThat(select("SELECT CAST(a AS INT) AS b").items().get(0))
                .isEqualTo(item(cast(column("a"), TypeDefinition.of("INT")), "b", "CAST(a AS INT)"));
        assertThat(expression("cast")).isEqualTo(column("cast"));
        assertThatThrownBy(() -> parser.parse("SELECT CAST(a AS NUMBER)"))
                .isInstanceOf(TesseraException.class)
                .hasMessage("\nUnknown data type 'NUMBER'(line 1, pos 17)");
        // CAST is not reserved: without AS it is an ordinary (unknown) function call for the executor to refuse.
        assertThat(expression("CAST(a)")).isEqualTo(function("cast", column("a")));
        assertSyntaxError("SELECT CAST(a AS)");
        assertSyntaxError("SELECT CAST(a AS INT");
        assertSyntaxError("SELECT CAST(a AS INT(1, 2))");
    }

    @Test
    void typedLiterals() {
        assertThat(expression("DATE '2024-01-01'")).isEqualTo(cast(literal("2024-01-01"), TypeDefinition.of("DATE")));
        assertThat(expression("timestamp \"2024-01-01 10:00:00\""))
                .isEqualTo(cast(literal("2024-01-01 10:00:00"), TypeDefinition.of("DATETIME")));
        assertThat(select("SELECT a FROM t WHERE d >= DATE '2024-01-01'").where()).isEqualTo(new BinaryOperation(
                BinaryOperator.GREATER_THAN_OR_EQUAL, column("d"), cast(literal("2024-01-01"), TypeDefinition.of("DATE"))));
        // The keywords stay usable as column and function names.
        assertThat(expression("date")).isEqualTo(column("date"));
        assertThat(expression("t.date")).isEqualTo(new ColumnRef("t", "date"));
        assertThat(expression("date('2024-01-01 10:00:00')")).isEqualTo(function("date", literal("2024-01-01 10:00:00")));
        assertThat(select("SELECT date AS d, timestamp FROM t").items())
                .extracting(SelectItem::expression).containsExactly(column("date"), column("timestamp"));
    }

    @Test
    void functionsNamedLikeNewKeywords() {
        assertThat(expression("DATABASE()")).isEqualTo(function("database"));
        assertThat(expression("SCHEMA()")).isEqualTo(function("schema"));
        assertThat(expression("IF(a > 1, 'x', 'y')")).isEqualTo(function("if",
                new BinaryOperation(BinaryOperator.GREATER_THAN, column("a"), literal(1L)), literal("x"), literal("y")));
        assertThat(expression("random()")).isEqualTo(function("random"));
        assertThat(expression("hash")).isEqualTo(column("hash"));
    }

    @Test
    void keywordsAsAliasesAndColumns() {
        assertThat(select("SELECT 1 data, 2 comment, 3 label, 4 range, 5 list, 6 partitions, 7 tablets, 8 engine,"
                + " 9 buckets, 10 auto, 11 force, 12 status").items())
                .extracting(SelectItem::alias)
                .containsExactly("data", "comment", "label", "range", "list", "partitions", "tablets", "engine",
                        "buckets", "auto", "force", "status");
        assertSyntaxError("SELECT 1 table");
        assertSyntaxError("SELECT 1 values");
        assertSyntaxError("SELECT 1 partition");
        assertSyntaxError("SELECT 1 having");
    }
}
