package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.BinaryOperator;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.InsertStatement;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.NegateExpression;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.TableRef;
import io.tessera.fe.sql.ast.TypeDefinition;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INSERT INTO ... VALUES and INSERT INTO ... SELECT. */
class InsertParserTest {
    private final SqlParser parser = new SqlParser();

    private Statement parse(String sql) {
        return parser.parse(sql);
    }

    private InsertStatement insert(String sql) {
        return (InsertStatement) parse(sql);
    }

    private static Literal literal(Object value) {
        return new Literal(value);
    }

    private static TableName table(String name) {
        return new TableName(null, name);
    }

    private static InsertStatement values(TableName table, List<String> columns, List<List<Expression>> rows) {
        return new InsertStatement(table, List.of(), null, columns, rows, null);
    }

    private void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> parse(sql))
                .as(sql)
                .isInstanceOf(TesseraException.class)
                .hasMessageMatching("(?s)\n.*\\(line \\d+, pos \\d+\\)");
    }

    @Test
    void briefExample() {
        assertThat(parse("INSERT INTO t VALUES (1, 'a', -2.5, NULL), (2, \"b\", 3e2, DEFAULT)")).isEqualTo(values(
                table("t"), List.of(), List.of(
                        List.of(literal(1L), literal("a"), literal(new BigDecimal("-2.5")), Literal.NULL),
                        List.of(literal(2L), literal("b"), literal(new BigDecimal("3e2")), new DefaultValue()))));
    }

    @Test
    void columnsAndQualifiedTable() {
        assertThat(parse("insert into `db`.`t` (k1, `v 1`) values (1, 'x');")).isEqualTo(values(
                new TableName("db", "t"), List.of("k1", "v 1"), List.of(List.of(literal(1L), literal("x")))));
    }

    @Test
    void simpleExpressionsAsValues() {
        InsertStatement statement = insert("INSERT INTO t VALUES (1 + 2, -a, CAST('1' AS INT), now(), TRUE,"
                + " DATE '2024-01-01', -9223372036854775808, 'a' 'b')");
        assertThat(statement.rows()).containsExactly(List.of(
                new BinaryOperation(BinaryOperator.ADD, literal(1L), literal(2L)),
                new NegateExpression(new ColumnRef(null, "a")),
                new CastExpression(literal("1"), TypeDefinition.of("INT")),
                new FunctionCall("now", List.of(), false, false),
                literal(true),
                new CastExpression(literal("2024-01-01"), TypeDefinition.of("DATE")),
                literal(Long.MIN_VALUE),
                literal("ab")));
    }

    @Test
    void labelAndPartitions() {
        assertThat(parse("INSERT INTO t WITH LABEL my_label (c1, c2) VALUES (1, 2)")).isEqualTo(new InsertStatement(
                table("t"), List.of(), "my_label", List.of("c1", "c2"), List.of(List.of(literal(1L), literal(2L))), null));
        assertThat(parse("INSERT INTO db.t PARTITION (p1, `p 2`) WITH LABEL `label-1` VALUES (1)"))
                .isEqualTo(new InsertStatement(new TableName("db", "t"), List.of("p1", "p 2"), "label-1", List.of(),
                        List.of(List.of(literal(1L))), null));
        assertThat(parse("INSERT INTO t PARTITION p1 (a) VALUES (1)")).isEqualTo(new InsertStatement(
                table("t"), List.of("p1"), null, List.of("a"), List.of(List.of(literal(1L))), null));
        assertThat(parse("INSERT INTO t PARTITIONS (p1) VALUES (1)")).isEqualTo(new InsertStatement(
                table("t"), List.of("p1"), null, List.of(), List.of(List.of(literal(1L))), null));
    }

    @Test
    void insertSelect() {
        SelectStatement query = new SelectStatement(false,
                List.of(new SelectItem(new ColumnRef(null, "k1"), null, "k1", null),
                        new SelectItem(new ColumnRef(null, "v1"), null, "v1", null)),
                new TableRef("db", "s", null),
                new BinaryOperation(BinaryOperator.GREATER_THAN, new ColumnRef(null, "k1"), literal(0L)),
                List.of(), null, List.of(), 10L, null);
        assertThat(parse("INSERT INTO t (k1, v1) SELECT k1, v1 FROM db.s WHERE k1 > 0 LIMIT 10"))
                .isEqualTo(new InsertStatement(table("t"), List.of(), null, List.of("k1", "v1"), List.of(), query));
        InsertStatement all = insert("INSERT INTO t WITH LABEL l SELECT * FROM s");
        assertThat(all.label()).isEqualTo("l");
        assertThat(all.rows()).isEmpty();
        assertThat(all.query().items()).hasSize(1);
        assertThat(all.query().items().get(0).isStar()).isTrue();
    }

    @Test
    void keywordsAsNames() {
        assertThat(parse("INSERT INTO data (status, comment, date, label) VALUES (1, 2, 3, 4)")).isEqualTo(values(
                table("data"), List.of("status", "comment", "date", "label"),
                List.of(List.of(literal(1L), literal(2L), literal(3L), literal(4L)))));
    }

    @Test
    void manyRows() {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (0, 'v0')");
        for (int i = 1; i < 5_000; i++) {
            sql.append(", (").append(i).append(", 'v").append(i).append("')");
        }
        assertThat(insert(sql.toString()).rows()).hasSize(5_000).last()
                .isEqualTo(List.of(literal(4_999L), literal("v4999")));
    }

    @Test
    void malformed() {
        assertSyntaxError("INSERT INTO t");
        assertSyntaxError("INSERT INTO t VALUES");
        assertSyntaxError("INSERT INTO t VALUES ()");
        assertSyntaxError("INSERT INTO t VALUES (1,)");
        assertSyntaxError("INSERT INTO t VALUES (1), ");
        assertSyntaxError("INSERT INTO t () VALUES (1)");
        assertSyntaxError("INSERT t VALUES (1)");
        assertSyntaxError("INSERT INTO t VALUES (DEFAULT + 1)");
        assertSyntaxError("INSERT INTO t WITH LABEL VALUES (1)");
        assertSyntaxError("INSERT INTO t (a) WITH LABEL l VALUES (1)");
        assertSyntaxError("INSERT INTO t VALUES (1) SELECT 1");
        assertThatThrownBy(() -> parse("INSERT INTO t VALUES (1, 2\n, )"))
                .isInstanceOf(TesseraException.class)
                .hasMessageEndingWith("(line 2, pos 2)");
    }

    @Test
    void recordIsImmutable() {
        InsertStatement statement = insert("INSERT INTO t (a) VALUES (1), (2)");
        assertThatThrownBy(() -> statement.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> statement.rows().get(0).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> statement.columns().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new InsertStatement(table("t"), List.of(), null, List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
