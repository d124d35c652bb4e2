package io.tessera.be.storage.scan;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.decimal;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;
import static io.tessera.be.storage.tablet.Exprs.bool;
import static io.tessera.be.storage.tablet.Exprs.call;
import static io.tessera.be.storage.tablet.Exprs.col;
import static io.tessera.be.storage.tablet.Exprs.decimalLit;
import static io.tessera.be.storage.tablet.Exprs.lit;
import static io.tessera.be.storage.tablet.Exprs.nullLit;
import static io.tessera.proto.data.Operator.AND;
import static io.tessera.proto.data.Operator.BETWEEN;
import static io.tessera.proto.data.Operator.EQ;
import static io.tessera.proto.data.Operator.GE;
import static io.tessera.proto.data.Operator.GT;
import static io.tessera.proto.data.Operator.IN;
import static io.tessera.proto.data.Operator.IS_NOT_NULL;
import static io.tessera.proto.data.Operator.IS_NULL;
import static io.tessera.proto.data.Operator.LE;
import static io.tessera.proto.data.Operator.LIKE;
import static io.tessera.proto.data.Operator.LT;
import static io.tessera.proto.data.Operator.NE;
import static io.tessera.proto.data.Operator.NOT;
import static io.tessera.proto.data.Operator.NOT_BETWEEN;
import static io.tessera.proto.data.Operator.NOT_IN;
import static io.tessera.proto.data.Operator.NOT_LIKE;
import static io.tessera.proto.data.Operator.OR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Expression;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every filter operator, with SQL's NULL rules: a row passes only when the filter is TRUE. */
class FilterTest {
    static final TabletSchema SCHEMA = Batches.schema(
            column("id", DataType.BIGINT),
            varchar("name", 10),
            decimal("price", 10, 2),
            column("ratio", DataType.DOUBLE),
            column("day", DataType.DATE),
            column("flag", DataType.BOOLEAN),
            decimal("wide", 25, 3),
            column("small", DataType.INT));

    // Row ids 1..6; row 4 holds NULL everywhere but id; row 6 has a NULL id.
    static final List<List<Object>> ROWS = List.of(
            row(1L, "apple", new BigDecimal("1.50"), 0.5, LocalDate.of(2024, 1, 1), true, new BigDecimal("1.001"), 10),
            row(2L, "banana", new BigDecimal("2.25"), 1.5, LocalDate.of(2024, 6, 30), false, new BigDecimal("-5"), 20),
            row(3L, "cherry", new BigDecimal("10.00"), 2.5, LocalDate.of(2025, 1, 1), true,
                    new BigDecimal("1234567890123456789012.000"), 30),
            row(4L, null, null, null, null, null, null, null),
            row(5L, "a_b%", new BigDecimal("0.99"), -1.0, LocalDate.of(1999, 12, 31), false, new BigDecimal("0"), 50),
            row(null, "ümlaut", new BigDecimal("3.00"), 3.0, LocalDate.of(2024, 1, 1), true, new BigDecimal("2"), 60));

    @TempDir
    java.nio.file.Path dir;

    private StoreFixture fixture;

    @BeforeEach
    void load() throws Exception {
        fixture = new StoreFixture(dir);
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, ROWS.subList(0, 3));
        fixture.load(10, SCHEMA, ROWS.subList(3, 6));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The names (column 1) of rows passing, or ids when asked for column 0. */
    private List<Object> ids(Expression filter) {
        List<Object> ids = new ArrayList<>();
        fixture.scan(10, 3, StoreFixture.filter(filter, 7)).rows().forEach(row -> ids.add(row.get(0)));
        return ids;
    }

    // Column "small" (7) is 10, 20, 30, NULL, 50, 60 for rows 1..6, so it identifies rows.

    @Test
    void comparesIntegersWithEveryOperatorAndEitherOperandOrder() {
        assertThat(ids(call(EQ, col(0), lit(2)))).containsExactly(20L);
        assertThat(ids(call(NE, col(0), lit(2)))).containsExactly(10L, 30L, null, 50L);
        assertThat(ids(call(LT, col(0), lit(3)))).containsExactly(10L, 20L);
        assertThat(ids(call(LE, col(0), lit(3)))).containsExactly(10L, 20L, 30L);
        assertThat(ids(call(GT, col(0), lit(3)))).containsExactly(null, 50L);
        assertThat(ids(call(GE, col(0), lit(3)))).containsExactly(30L, null, 50L);
        assertThat(ids(call(GT, lit(3), col(0)))).containsExactly(10L, 20L);
        assertThat(ids(call(EQ, col(7), col(7)))).containsExactly(10L, 20L, 30L, 50L, 60L);
        assertThat(ids(call(LT, col(0), lit(2.5)))).containsExactly(10L, 20L);
    }

    @Test
    void comparisonsWithNullAreNeverTrue() {
        assertThat(ids(call(EQ, col(0), nullLit()))).isEmpty();
        assertThat(ids(call(NOT, call(EQ, col(0), nullLit())))).isEmpty();
        assertThat(ids(call(NE, col(1), lit("apple")))).containsExactly(20L, 30L, 50L, 60L);
        assertThat(ids(call(NOT, call(EQ, col(1), lit("apple"))))).containsExactly(20L, 30L, 50L, 60L);
    }

    @Test
    void andOrFollowThreeValuedLogic() {
        // NULL name OR id > 3: row 4 passes through the OR although its name is NULL.
        assertThat(ids(call(OR, call(EQ, col(1), lit("apple")), call(GT, col(0), lit(3))))).containsExactly(10L, null, 50L);
        // NULL AND FALSE is FALSE, so NOT of it is TRUE: row 4 (name NULL, id 4) passes.
        assertThat(ids(call(NOT, call(AND, call(EQ, col(1), lit("x")), call(LT, col(0), lit(0))))))
                .containsExactly(10L, 20L, 30L, null, 50L, 60L);
        // Row 4: NULL AND TRUE is NULL, and NOT NULL is NULL, so it fails. Row 6: FALSE AND NULL is
        // FALSE, so NOT of it is TRUE and it passes.
        assertThat(ids(call(NOT, call(AND, call(EQ, col(1), lit("x")), call(GT, col(0), lit(0))))))
                .containsExactly(10L, 20L, 30L, 50L, 60L);
        assertThat(ids(call(AND, call(GT, col(0), lit(1)), call(LT, col(0), lit(5)), call(NE, col(0), lit(3)))))
                .containsExactly(20L, null);
        assertThat(ids(bool(true))).hasSize(6);
        assertThat(ids(bool(false))).isEmpty();
        assertThat(ids(nullLit())).isEmpty();
    }

    @Test
    void isNullAndIsNotNull() {
        assertThat(ids(call(IS_NULL, col(1)))).containsExactly((Object) null);
        assertThat(ids(call(IS_NULL, col(0)))).containsExactly(60L);
        assertThat(ids(call(IS_NOT_NULL, col(2)))).containsExactly(10L, 20L, 30L, 50L, 60L);
        assertThat(ids(call(IS_NULL, call(EQ, col(0), lit(1))))).containsExactly(60L);
        assertThat(ids(call(IS_NULL, nullLit()))).hasSize(6);
    }

    @Test
    void inAndNotInWithNullSemantics() {
        assertThat(ids(call(IN, col(0), lit(1), lit(3), lit(9)))).containsExactly(10L, 30L);
        assertThat(ids(call(NOT_IN, col(0), lit(1), lit(3)))).containsExactly(20L, null, 50L);
        assertThat(ids(call(IN, col(0), lit(1), nullLit()))).containsExactly(10L);
        assertThat(ids(call(NOT_IN, col(0), lit(1), nullLit()))).isEmpty();
        assertThat(ids(call(IN, col(1), lit("apple"), lit("cherry")))).containsExactly(10L, 30L);
    }

    @Test
    void longInListsUseASetWithTheSameSemantics() {
        Expression[] numbers = new Expression[13];
        Expression[] names = new Expression[13];
        numbers[0] = col(0);
        names[0] = col(1);
        for (int i = 1; i < 12; i++) {
            numbers[i] = lit(100 + i);
            names[i] = lit("n" + i);
        }
        numbers[12] = lit(2);
        names[12] = lit("banana");
        assertThat(ids(call(IN, numbers))).containsExactly(20L);
        assertThat(ids(call(IN, names))).containsExactly(20L);
        numbers[11] = nullLit();
        assertThat(ids(call(NOT_IN, numbers))).isEmpty();
        assertThat(ids(call(IN, numbers))).containsExactly(20L);
    }

    @Test
    void likeWithWildcardsAndEscapes() {
        assertThat(ids(call(LIKE, col(1), lit("%an%")))).containsExactly(20L);
        assertThat(ids(call(LIKE, col(1), lit("_pple")))).containsExactly(10L);
        assertThat(ids(call(LIKE, col(1), lit("a\\_b\\%")))).containsExactly(50L);
        assertThat(ids(call(LIKE, col(1), lit("_mlaut")))).containsExactly(60L);
        assertThat(ids(call(NOT_LIKE, col(1), lit("%e%")))).containsExactly(20L, 50L, 60L);
        assertThat(ids(call(LIKE, col(1), nullLit()))).isEmpty();
    }

    @Test
    void betweenAndNotBetween() {
        assertThat(ids(call(BETWEEN, col(0), lit(2), lit(4)))).containsExactly(20L, 30L, null);
        assertThat(ids(call(NOT_BETWEEN, col(0), lit(2), lit(4)))).containsExactly(10L, 50L);
        assertThat(ids(call(BETWEEN, col(3), lit(0.0), lit(2.0)))).containsExactly(10L, 20L);
    }

    @Test
    void comparesDecimalsDatesBooleansAndDoubles() {
        assertThat(ids(call(GT, col(2), decimalLit(10, 2, 225)))).containsExactly(30L, 60L);
        assertThat(ids(call(EQ, col(2), decimalLit(5, 1, 15)))).containsExactly(10L);
        assertThat(ids(call(LT, col(2), decimalLit(6, 3, 1001)))).containsExactly(50L);
        assertThat(ids(call(GE, col(6), decimalLit(5, 0, 2)))).containsExactly(30L, 60L);
        assertThat(ids(call(EQ, col(4), lit(DataType.DATE, LocalDate.of(2024, 1, 1).toEpochDay()))))
                .containsExactly(10L, 60L);
        assertThat(ids(col(5))).containsExactly(10L, 30L, 60L);
        assertThat(ids(call(NOT, col(5)))).containsExactly(20L, 50L);
        assertThat(ids(call(LE, col(3), lit(0.5)))).containsExactly(10L, 50L);
    }

    @Test
    void aBadFilterFailsBeforeReadingWithAClearMessage() {
        assertThatThrownBy(() -> ids(call(EQ, col(12), lit(1)))).isInstanceOf(TesseraException.class)
                .hasMessage("filter: column index 12 is out of range (the tablet has 8 columns)");
        assertThatThrownBy(() -> ids(call(EQ, col(1), lit(1))))
                .hasMessage("filter: cannot compare column name (VARCHAR(10)) with BIGINT literal");
        assertThatThrownBy(() -> ids(call(LIKE, col(0), lit("1%"))))
                .hasMessage("filter: LIKE needs a string, not column id (BIGINT)");
        assertThatThrownBy(() -> ids(call(EQ, col(0))))
                .hasMessage("filter: EQ takes 2 arguments, got 1");
        assertThatThrownBy(() -> ids(col(1))).hasMessage("filter: column name (VARCHAR(10)) is not a condition");
        assertThatThrownBy(() -> ids(Expression.getDefaultInstance())).hasMessage("filter: an expression is empty");
    }

    @Test
    void projectsColumnsInTheOrderAskedWithALimit() {
        var result = fixture.scan(10, 3, new ScanSpec(List.of(1, 0), java.util.Optional.of(call(GT, col(0), lit(1))),
                java.util.Optional.empty(), 2));
        assertThat(result.rows()).containsExactly(List.of("banana", 2L), List.of("cherry", 3L));
    }
}
