package io.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScaleBenchmarkTest {
    @Test
    void heapSizesAreReadAsXmxTakesThem() {
        assertThat(ScaleBenchmark.heapBytes("4g")).isEqualTo(4L << 30);
        assertThat(ScaleBenchmark.heapBytes("12G")).isEqualTo(12L << 30);
        assertThat(ScaleBenchmark.heapBytes("512m")).isEqualTo(512L << 20);
        assertThat(ScaleBenchmark.heapBytes("1024k")).isEqualTo(1L << 20);
        assertThat(ScaleBenchmark.heapBytes("1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> ScaleBenchmark.heapBytes("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--fe-heap");
        assertThatThrownBy(() -> ScaleBenchmark.heapBytes("")).isInstanceOf(IllegalArgumentException.class);
    }
}
