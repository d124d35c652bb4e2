package io.tessera.fe.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AccumulatorTest {
    @Test
    void followsSqlRulesOverRawValues() {
        Accumulator sum = new Accumulator(Accumulator.Kind.SUM);
        Accumulator count = new Accumulator(Accumulator.Kind.COUNT);
        Accumulator average = new Accumulator(Accumulator.Kind.AVG);
        Accumulator distinct = new Accumulator(Accumulator.Kind.COUNT_DISTINCT);
        Accumulator min = new Accumulator(Accumulator.Kind.MIN);
        for (Object value : new Object[] {3L, null, 5L, 3L}) {
            sum.add(value);
            count.add(value);
            average.add(value);
            distinct.add(value);
            min.add(value);
        }
        assertThat(sum.result()).isEqualTo(11L);
        assertThat(count.result()).isEqualTo(3L);
        assertThat(average.result()).isEqualTo(11.0 / 3);
        assertThat(distinct.result()).isEqualTo(2L);
        assertThat(min.result()).isEqualTo(3L);
    }

    @Test
    void nothingIsZeroForCountsAndNullOtherwise() {
        assertThat(new Accumulator(Accumulator.Kind.COUNT_STAR).result()).isEqualTo(0L);
        assertThat(new Accumulator(Accumulator.Kind.SUM).result()).isNull();
        assertThat(new Accumulator(Accumulator.Kind.AVG).result()).isNull();
        assertThat(new Accumulator(Accumulator.Kind.MAX).result()).isNull();
    }

    @Test
    void mergesPartialsExactly() {
        Accumulator sum = new Accumulator(Accumulator.Kind.SUM);
        sum.addSum(new BigDecimal("1.25"));
        sum.addSum(null);
        sum.addSum(new BigDecimal("2.50"));
        assertThat(sum.result()).isEqualTo(new BigDecimal("3.75"));
        Accumulator overflow = new Accumulator(Accumulator.Kind.SUM);
        overflow.addSum(Long.MAX_VALUE);
        overflow.addSum(Long.MAX_VALUE);
        assertThat(overflow.result()).isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE).multiply(BigDecimal.valueOf(2)));
    }
}
