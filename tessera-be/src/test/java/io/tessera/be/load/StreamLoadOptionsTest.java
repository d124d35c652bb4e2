package io.tessera.be.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a Stream Load's headers: Doris's names, defaults and separator escapes. */
class StreamLoadOptionsTest {
    private static StreamLoadOptions parse(Map<String, String> headers) {
        return StreamLoadOptions.parse(headers::get);
    }

    @Test
    void defaultsAreDoris() {
        StreamLoadOptions options = parse(Map.of());
        assertThat(options.label()).isEmpty();
        assertThat(options.columnSeparator()).containsExactly('\t');
        assertThat(options.lineDelimiter()).containsExactly('\n');
        assertThat(options.columns()).isEmpty();
        assertThat(options.format()).isEqualTo(StreamLoadOptions.Format.CSV);
        assertThat(options.strictMode()).isFalse();
        assertThat(options.maxFilterRatio()).isZero();
        assertThat(options.timeoutSeconds()).isZero();
    }

    @Test
    void readsEveryHeader() {
        StreamLoadOptions options = parse(Map.of("label", "l1", "column_separator", ",", "columns",
                " k, `v` ,name ", "format", "JSON", "read_json_by_line", "true", "strip_outer_array", "TRUE",
                "strict_mode", "true", "max_filter_ratio", "0.25", "timeout", "30", "line_delimiter", "\\r\\n"));
        assertThat(options.label()).isEqualTo("l1");
        assertThat(options.columnSeparator()).containsExactly(',');
        assertThat(options.lineDelimiter()).containsExactly('\r', '\n');
        assertThat(options.columns()).containsExactly("k", "v", "name");
        assertThat(options.format()).isEqualTo(StreamLoadOptions.Format.JSON);
        assertThat(options.readJsonByLine()).isTrue();
        assertThat(options.stripOuterArray()).isTrue();
        assertThat(options.strictMode()).isTrue();
        assertThat(options.maxFilterRatio()).isEqualTo(0.25);
        assertThat(options.timeoutSeconds()).isEqualTo(30);
    }

    @Test
    void separatorsTakeEscapesHexBytesAndSeveralCharacters() {
        assertThat(StreamLoadOptions.separator("s", "\\x01")).containsExactly(1);
        assertThat(StreamLoadOptions.separator("s", "||")).containsExactly('|', '|');
        assertThat(StreamLoadOptions.separator("s", "\\\\")).containsExactly('\\');
        assertThat(StreamLoadOptions.separator("s", "§")).isEqualTo("§".getBytes(StandardCharsets.UTF_8));
        assertThat(StreamLoadOptions.describe(new byte[] {'\t', 1, ','})).isEqualTo("\\t\\x01,");
    }

    @Test
    void refusesValuesItCannotUse() {
        assertThatThrownBy(() -> parse(Map.of("max_filter_ratio", "2")))
                .hasMessage("invalid max_filter_ratio: 2.0 (must be between 0 and 1)");
        assertThatThrownBy(() -> parse(Map.of("max_filter_ratio", "lots")))
                .hasMessage("invalid max_filter_ratio: 'lots' is not a number");
        assertThatThrownBy(() -> parse(Map.of("format", "parquet")))
                .hasMessage("unknown data format: format: parquet (use csv or json)");
        assertThatThrownBy(() -> parse(Map.of("strict_mode", "yes")))
                .hasMessage("invalid strict_mode: 'yes' (true or false)");
        assertThatThrownBy(() -> parse(Map.of("columns", "k, v=k+1")))
                .hasMessageContaining("column expressions are not supported");
        assertThatThrownBy(() -> parse(Map.of("column_separator", ""))).hasMessage("column_separator is empty");
        assertThatThrownBy(() -> parse(Map.of("timeout", "1.5"))).hasMessageContaining("invalid timeout");
        assertThatThrownBy(() -> parse(Map.of("where", "k > 1"))).hasMessage("the where header is not supported yet");
        assertThatThrownBy(() -> parse(Map.of("two_phase_commit", "true")))
                .hasMessage("two_phase_commit is not supported yet");
        assertThat(parse(Map.of("two_phase_commit", "false")).format()).isEqualTo(StreamLoadOptions.Format.CSV);
    }

    /**
     * Found by StreamLoadFuzzTest: {@code max_filter_ratio: NaN} passed the 0..1 check (NaN compares
     * false), and then no count of bad rows ever failed the load; {@code timeout: Infinity} (or
     * 1e400) became a timeout of Long.MAX_VALUE seconds.
     */
    @Test
    void notANumberAndInfinityAreRefused() {
        for (String value : new String[] {"NaN", "Infinity", "-Infinity", "1e400"}) {
            assertThatThrownBy(() -> parse(Map.of("max_filter_ratio", value)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid max_filter_ratio: '" + value + "' is not a number");
            assertThatThrownBy(() -> parse(Map.of("timeout", value)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid timeout: '" + value + "' is not a number");
        }
    }
}
