package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.fe.expr.RowContext;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.SelectStatement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Aggregates folded over rows of one column {@code x}: MySQL's NULL rules and exact sums. */
class SystemTableAggregatesTest {
    private final SqlParser parser = new SqlParser();
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(new SessionContext(1,
            new UserIdentity("root", "127.0.0.1"), new SystemVariables(ZoneOffset.UTC), null),
            new ManualClock(1_700_000_000_000L));

    private Object aggregate(String expression, Object... values) {
        List<RowContext> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(reference -> value);
        }
        Expression parsed = ((SelectStatement) parser.parse("SELECT " + expression)).items().get(0).expression();
        assertThat(SystemTableAggregates.containsAggregate(parsed)).isTrue();
        return evaluator.evaluate(SystemTableAggregates.fold(parsed, rows, evaluator), RowContext.NONE);
    }

    @Test
    void countsSkipNullsAndDistinctCountsOnce() {
        assertThat(aggregate("COUNT(*)", 1L, null, 1L)).isEqualTo(3L);
        assertThat(aggregate("COUNT(x)", 1L, null, 1L)).isEqualTo(2L);
        assertThat(aggregate("COUNT(DISTINCT x)", 1L, null, 1L, "1")).isEqualTo(1L);
        assertThat(aggregate("COUNT(*)")).isEqualTo(0L);
    }

    @Test
    void minMaxSumAvgOfNoValuesAreNull() {
        assertThat(aggregate("MIN(x)", null, null)).isNull();
        assertThat(aggregate("MAX(x)")).isNull();
        assertThat(aggregate("SUM(x)", (Object) null)).isNull();
        assertThat(aggregate("AVG(x)")).isNull();
    }

    @Test
    void minMaxCompareNumbersAsNumbersAndStringsAsStrings() {
        assertThat(aggregate("MIN(x)", 10L, 9L, 100L)).isEqualTo(9L);
        assertThat(aggregate("MAX(x)", "b", "ab", "c")).isEqualTo("c");
        assertThat(aggregate("MAX(x) + 1", 10L, 9L)).isEqualTo(11L);
    }

    @Test
    void sumsStayExactAndAvgIsADecimal() {
        assertThat(aggregate("SUM(x)", 1L, 2L, null, 3L)).isEqualTo(6L);
        assertThat(aggregate("SUM(x)", Long.MAX_VALUE, 1L)).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(aggregate("SUM(x)", 1L, new BigDecimal("0.5"))).isEqualTo(new BigDecimal("1.5"));
        assertThat(aggregate("AVG(x)", 1L, 2L)).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void nestedAggregatesAndStarOnOtherFunctionsAreRefused() {
        assertThatThrownBy(() -> aggregate("MAX(COUNT(x))", 1L)).isInstanceOf(TesseraException.class)
                .hasMessageContaining("cannot be nested");
        assertThatThrownBy(() -> aggregate("SUM(*)", 1L)).isInstanceOf(TesseraException.class)
                .hasMessageContaining("Only COUNT takes *");
    }
}
