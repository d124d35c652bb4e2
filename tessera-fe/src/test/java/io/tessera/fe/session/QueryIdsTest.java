package io.tessera.fe.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryIdsTest {
    @Test
    void idsAreTwoZeroPaddedHexHalvesOfTheRandomSource() {
        long seed = 20261206;
        QueryIds ids = new QueryIds(new Random(seed));
        Random same = new Random(seed);
        for (int i = 0; i < 1_000; i++) {
            String expected = String.format("%016x-%016x", same.nextLong(), same.nextLong());
            assertThat(ids.next()).isEqualTo(expected);
        }
    }

    @Test
    void smallAndNegativeHalvesKeepSixteenDigits() {
        QueryIds ids = new QueryIds(new FixedRandom(1L, -1L));
        assertThat(ids.next()).isEqualTo("0000000000000001-ffffffffffffffff");
    }

    /** Answers the given longs in turn. */
    private static final class FixedRandom extends Random {
        private final long[] values;
        private int next;

        FixedRandom(long... values) {
            this.values = values;
        }

        @Override
        public long nextLong() {
            return values[next++];
        }
    }
}
