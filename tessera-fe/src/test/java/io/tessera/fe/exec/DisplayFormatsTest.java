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

    @Test
    void memoryHasTwoDecimals() {
        assertThat(DisplayFormats.memory(0)).isEqualTo("0.00 ");
        assertThat(DisplayFormats.memory(24L * 1024 * 1024 * 1024)).isEqualTo("24.00 GB");
    }

    @Test
    void percentAndTime() {
        assertThat(DisplayFormats.percent(0)).isEqualTo("0.00 %");
        assertThat(DisplayFormats.percent(12.345)).isEqualTo("12.35 %");
        assertThat(DisplayFormats.time(0, ZoneId.of("UTC"))).isNull();
        assertThat(DisplayFormats.time(1_700_000_000_000L, ZoneId.of("UTC"))).isEqualTo("2023-11-14 22:13:20");
    }
}
