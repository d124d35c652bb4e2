package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DisplayFormatsTest {
    @Test
    void bytesUseDorisUnitsAndThresholds() {
        assertThat(DisplayFormats.bytes(0)).isEqualTo("0.000 ");
        assertThat(DisplayFormats.bytes(1)).isEqualTo("1.000 B");
        assertThat(DisplayFormats.bytes(1024)).isEqualTo("1024.000 B");
        assertThat(DisplayFormats.bytes(1025)).isEqualTo("1.001 KB");
        assertThat(DisplayFormats.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.500 GB");
        assertThat(DisplayFormats.bytes(5L * 1024 * 1024 * 1024 * 1024)).isEqualTo("5.000 TB");
    }

    /** The formats once built a DecimalFormat per value; they must round exactly as it does. */
    @Test
    void sizesRoundExactlyAsDecimalFormatHalfEven() {
        java.util.Random random = new java.util.Random(7);
        java.text.DecimalFormat three = new java.text.DecimalFormat("0.000",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        java.text.DecimalFormat two = new java.text.DecimalFormat("0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        three.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        two.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        for (int i = 0; i < 20_000; i++) {
            // Values near unit boundaries and exact halves (1024 * k + 512 / 1000-ish) included.
            long value = switch (i % 4) {
                case 0 -> random.nextInt(1 << 20);
                case 1 -> random.nextLong() >>> random.nextInt(64);
                case 2 -> 1024L * random.nextInt(1 << 20) + 1;
                default -> (1L << (10 * (1 + random.nextInt(4)))) * random.nextInt(2048) / 2000 * 1000;
            };
            String[] unit = unitOf(value);
            String expectedThree = unit[1].isEmpty() ? three.format(value)
                    : three.format((double) value / Long.parseLong(unit[1]));
            String expectedTwo = unit[1].isEmpty() ? two.format(value)
                    : two.format((double) value / Long.parseLong(unit[1]));
            assertThat(DisplayFormats.bytes(value)).as("bytes(%d)", value).isEqualTo(expectedThree + " " + unit[0]);
            assertThat(DisplayFormats.memory(value)).as("memory(%d)", value).isEqualTo(expectedTwo + " " + unit[0]);
        }
    }

    private static String[] unitOf(long value) {
        long kib = 1024;
        if (value == 0) {
            return new String[] {"", ""};
        }
        if (value > kib * kib * kib * kib) {
            return new String[] {"TB", Long.toString(kib * kib * kib * kib)};
        }
        if (value > kib * kib * kib) {
            return new String[] {"GB", Long.toString(kib * kib * kib)};
        }
        if (value > kib * kib) {
            return new String[] {"MB", Long.toString(kib * kib)};
        }
        if (value > kib) {
            return new String[] {"KB", Long.toString(kib)};
        }
        return new String[] {"B", ""};
    }

    @Test
    void memoryHasTwoDecimals() {
        assertThat(DisplayFormats.memory(0)).isEqualTo("0.00 ");
        assertThat(DisplayFormats.memory(24L * 1024 * 1024 * 1024)).isEqualTo("24.00 GB");
    }

    /** percent() once called String.format; it must still spell every value exactly as that did. */
    @Test
    void percentRoundsExactlyAsTheFormatter() {
        java.util.Random random = new java.util.Random(11);
        double[] special = {0.0, -0.0, 0.005, 0.015, 0.125, 1.005, 2.675, 99.995, 100.0, -1.005, 1e-9, 1e20,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double value : special) {
            assertThat(DisplayFormats.percent(value)).as("percent(%s)", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", value));
        }
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 100;
                case 1 -> random.nextInt(100_000) / 1000.0;
                case 2 -> (double) random.nextLong(1L << 40) * 100.0 / (1L << 40);
                default -> Double.longBitsToDouble(random.nextLong() >>> 1);
            };
            assertThat(DisplayFormats.percent(value)).as("percent(%s)", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", value));
        }
    }

    @Test
    void percentAndTime() {
        assertThat(DisplayFormats.percent(0)).isEqualTo("0.00 %");
        assertThat(DisplayFormats.percent(12.345)).isEqualTo("12.35 %");
        assertThat(DisplayFormats.time(0, ZoneId.of("UTC"))).isNull();
        assertThat(DisplayFormats.time(1_700_000_000_000L, ZoneId.of("UTC"))).isEqualTo("2023-11-14 22:13:20");
    }
}
