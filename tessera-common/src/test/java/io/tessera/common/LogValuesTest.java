package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValuesTest {
    @Test
    void keepsShortValuesAndCutsLongOnesWithAMarker() {
        assertThat(LogValues.bounded("select 1")).isEqualTo("select 1");
        assertThat(LogValues.bounded("abcdef", 3)).isEqualTo("abc...(3 more chars)");
        assertThat(LogValues.bounded("x".repeat(100_000))).isEqualTo("x".repeat(LogValues.DEFAULT_MAX_CHARS) + "...(99744 more chars)");
        assertThat(LogValues.bounded(null)).isEqualTo("null");
    }

    @Test
    void controlCharactersCannotForgeLines() {
        assertThat(LogValues.bounded("a\nWARN forged\r\tb")).isEqualTo("a WARN forged  b");
    }
}
