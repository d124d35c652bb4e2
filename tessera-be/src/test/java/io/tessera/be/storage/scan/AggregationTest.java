package io.tessera.be.storage.scan;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.decimal;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;
import static io.tessera.be.storage.tablet.Exprs.call;
import static io.tessera.be.storage.tablet.Exprs.col;
import static io.tessera.be.storage.tablet.Exprs.lit;
import static io.tessera.proto.data.AggregateFunction.COUNT;
import static io.tessera.proto.data.AggregateFunction.COUNT_STAR;
import static io.tessera.proto.data.AggregateFunction.MAX;
import static io.tessera.proto.data.AggregateFunction.MIN;
import static io.tessera.proto.data.AggregateFunction.SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.be.storage.tablet.Batches;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.AggregateCall;
import io.tessera.proto.data.AggregateFunction;
import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Expression;
import io.tessera.proto.data.Operator;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partial aggregation: COUNT(*), COUNT, SUM, MIN, MAX, with and without GROUP BY, over empty input too. */
class AggregationTest {
    static final TabletSchema SCHEMA = Batches.schema(
            column("k", DataType.INT),
            varchar("name", 10),
            column("v", DataType.BIGINT),
            column("d", DataType.DOUBLE),
            decimal("price", 10, 2),
            decimal("wide", 30, 1),
            column("day", DataType.DATE));

    @TempDir
    java.nio.file.Path dir;

    private StoreFixture fixture;

    @BeforeEach
    void load() throws Exception {
        fixture = new StoreFixture(dir);
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(
                row(1, "a", 10L, 1.5, new BigDecimal("1.10"), new BigDecimal("1.5"), LocalDate.of(2024, 1, 2)),
                row(2, "b", 20L, 2.5, new BigDecimal("2.20"), new BigDecimal("2.5"), LocalDate.of(2024, 1, 1)),
                row(1, "a", null, null, null, null, null)));
        fixture.load(10, SCHEMA, List.of(
                row(null, "c", 5L, -1.0, new BigDecimal("-0.30"), new BigDecimal("-1.0"), LocalDate.of(2023, 5, 5)),
                row(2, "b", 7L, 0.5, new BigDecimal("99999999.99"), new BigDecimal("99999999999999999999999999999.0"),
                        LocalDate.of(2025, 1, 1))));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static AggregateCall agg(AggregateFunction function, int column) {
        return AggregateCall.newBuilder().setFunction(function).setColumn(column).build();
    }

    private static Aggregation aggregation(List<Integer> groupBy, AggregateCall... calls) {
        return Aggregation.newBuilder().addAllGroupByColumns(groupBy).addAllCalls(Arrays.asList(calls)).build();
    }

    private List<List<Object>> aggregate(Aggregation aggregation, Expression filter) {
        return fixture.scan(10, 3, StoreFixture.aggregate(aggregation, Optional.ofNullable(filter))).rows();
    }

    @Test
    void withoutGroupByGivesOneRowOfEveryFunction() {
        List<List<Object>> rows = aggregate(aggregation(List.of(),
                agg(COUNT_STAR, 0), agg(COUNT, 2), agg(SUM, 2), agg(SUM, 3), agg(SUM, 4), agg(SUM, 5),
                agg(MIN, 2), agg(MAX, 2), agg(MIN, 1), agg(MAX, 1), agg(MIN, 4), agg(MAX, 5), agg(MIN, 6),
                agg(MAX, 3)), null);

        assertThat(rows).containsExactly(Arrays.asList(5L, 4L, 42L, 3.5, "100000002.99",
                "100000000000000000000000000002.0", 5L, 20L, "a", "c", -30L, "99999999999999999999999999999.0",
                LocalDate.of(2023, 5, 5).toEpochDay(), 2.5));
    }

    @Test
    void overNoRowsWithoutGroupByCountsAreZeroAndTheRestNull() {
        Expression none = call(Operator.GT, col(2), lit(1000));
        List<List<Object>> rows = aggregate(aggregation(List.of(), agg(COUNT_STAR, 0), agg(COUNT, 1),
                agg(SUM, 2), agg(SUM, 3), agg(SUM, 4), agg(MIN, 1), agg(MAX, 6)), none);

        assertThat(rows).containsExactly(Arrays.asList(0L, 0L, null, null, null, null, null));
    }

    @Test
    void anEmptyReplicaStillGivesOneRowAndAGroupedScanNone() {
        var result = fixture.scan(10, 1, StoreFixture.aggregate(aggregation(List.of(), agg(COUNT_STAR, 0),
                agg(SUM, 2)), Optional.empty()));
        assertThat(result.rows()).containsExactly(Arrays.asList(0L, null));
        assertThat(result.rowsRead).isZero();

        var grouped = fixture.scan(10, 1, StoreFixture.aggregate(aggregation(List.of(0), agg(COUNT_STAR, 0)),
                Optional.empty()));
        assertThat(grouped.rows()).isEmpty();
        assertThat(grouped.batches).hasSize(1);
        assertThat(grouped.batches.get(0).getColumnsCount()).isEqualTo(2);
    }

    @Test
    void groupsByAnIntegerColumnWithNullAsItsOwnGroup() {
        List<List<Object>> rows = aggregate(aggregation(List.of(0), agg(COUNT_STAR, 0), agg(SUM, 2),
                agg(MAX, 1)), null);

        assertThat(rows).containsExactlyInAnyOrder(
                Arrays.asList(1L, 2L, 10L, "a"),
                Arrays.asList(2L, 2L, 27L, "b"),
                Arrays.asList(null, 1L, 5L, "c"));
    }

    @Test
    void groupsByStringsAndSeveralColumnsAfterAFilter() {
        assertThat(aggregate(aggregation(List.of(1), agg(COUNT, 2), agg(SUM, 4)), null)).containsExactlyInAnyOrder(
                Arrays.asList("a", 1L, "1.10"),
                Arrays.asList("b", 2L, "100000002.19"),
                Arrays.asList("c", 1L, "-0.30"));
        assertThat(aggregate(aggregation(List.of(1, 0), agg(COUNT_STAR, 0)), call(Operator.NE, col(1), lit("c"))))
                .containsExactlyInAnyOrder(Arrays.asList("a", 1L, 2L), Arrays.asList("b", 2L, 2L));
        assertThat(aggregate(aggregation(List.of(3), agg(COUNT_STAR, 0)), call(Operator.IS_NULL, col(3))))
                .containsExactly(Arrays.asList(null, 1L));
    }

    @Test
    void resultsComeInBatchesOfAtMost4096Rows() throws Exception {
        TabletSchema schema = Batches.schema(column("id", DataType.BIGINT));
        fixture.create(20, schema);
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            rows.add(row(i));
        }
        fixture.load(20, schema, rows);

        var grouped = fixture.scan(20, 2, StoreFixture.aggregate(aggregation(List.of(0), agg(COUNT_STAR, 0)),
                Optional.empty()));
        assertThat(grouped.batches).extracting(RowBatch::getRowCount).containsExactly(4096, 4096, 1808);
        assertThat(grouped.rowsRead).isEqualTo(10_000);

        var projected = fixture.scan(20, 2, StoreFixture.project(schema));
        assertThat(projected.batches).extracting(RowBatch::getRowCount).containsExactly(4096, 4096, 1808);
        assertThat(projected.rows()).extracting(row -> row.get(0)).isEqualTo(rows.stream().map(row -> row.get(0)).toList());
        assertThat(projected.rowsRead).isEqualTo(10_000);

        var limited = fixture.scan(20, 2, new ScanSpec(List.of(0), Optional.empty(), Optional.empty(), 5000));
        assertThat(limited.rows()).hasSize(5000);
    }

    @Test
    void sumOverflowAndBadCallsFailClearly() throws Exception {
        TabletSchema schema = Batches.schema(column("v", DataType.BIGINT), varchar("s", 5));
        fixture.create(30, schema);
        fixture.load(30, schema, List.of(row(Long.MAX_VALUE, "x"), row(1L, "y")));

        assertThatThrownBy(() -> fixture.scan(30, 2, StoreFixture.aggregate(aggregation(List.of(), agg(SUM, 0)),
                Optional.empty()))).isInstanceOf(TesseraException.class).hasMessage("SUM(v) overflows BIGINT");
        assertThatThrownBy(() -> fixture.scan(30, 2, StoreFixture.aggregate(aggregation(List.of(), agg(SUM, 1)),
                Optional.empty()))).hasMessage("aggregation: SUM needs a numeric column, not s (VARCHAR(5))");
        assertThatThrownBy(() -> fixture.scan(30, 2, StoreFixture.aggregate(aggregation(List.of(5)),
                Optional.empty())))
                .hasMessage("aggregation: GROUP BY column index 5 is out of range (the tablet has 2 columns)");
    }

    @Test
    void narrowDecimalSumsPastTheLongRangeBecomeWideText() throws Exception {
        TabletSchema schema = Batches.schema(decimal("p", 18, 0));
        fixture.create(40, schema);
        BigDecimal big = new BigDecimal("999999999999999999");
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row(big));
        }
        fixture.load(40, schema, rows);

        var result = fixture.scan(40, 2, StoreFixture.aggregate(aggregation(List.of(), agg(SUM, 0)), Optional.empty()));
        assertThat(result.rows()).containsExactly(List.of(big.multiply(BigDecimal.valueOf(20)).toPlainString()));
    }
}
