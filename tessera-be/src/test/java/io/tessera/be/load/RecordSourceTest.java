package io.tessera.be.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV and JSON bodies read record by record. */
class RecordSourceTest {
    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SourceRecord> all(RecordSource source) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        SourceRecord record;
        while ((record = source.next()) != null) {
            records.add(record);
        }
        return records;
    }

    private static RecordSource open(String text, Map<String, String> headers) throws IOException {
        return RecordSource.open(StreamLoadOptions.parse(headers::get), body(text));
    }

    @Test
    void csvSplitsPlainlyWithNullMarkersAndSkipsEmptyLines() throws IOException {
        List<SourceRecord> records = all(open("1,a,\\N\n\n2,\"b,c\",\n3", Map.of("column_separator", ",")));
        assertThat(records).extracting(SourceRecord::fields).containsExactly(
                Arrays.asList("1", "a", null), List.of("2", "\"b", "c\"", ""), List.of("3"));
    }

    @Test
    void csvTakesMultiByteSeparatorsAndDelimiters() throws IOException {
        RecordSource source = open("1||é||x\r\n2||||y\r\n", Map.of("column_separator", "||",
                "line_delimiter", "\\r\\n"));
        assertThat(source.next().fields()).containsExactly("1", "é", "x");
        assertThat(source.current()).isEqualTo("1||é||x");
        assertThat(source.next().fields()).containsExactly("2", "", "y");
        assertThat(source.next()).isNull();
    }

    @Test
    void linesLongerThanTheBufferAndDelimitersAcrossReadsAreWhole() throws IOException {
        String longField = "x".repeat(LineReader.BUFFER_BYTES * 3 + 17);
        String text = "a" + longField + "\r\nb\r\n";
        InputStream trickle = new InputStream() {
            private final InputStream in = body(text);

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, Math.min(len, 7));
            }
        };
        LineReader lines = new LineReader(trickle, new byte[] {'\r', '\n'}, 1 << 20);
        assertThat(lines.next()).isTrue();
        assertThat(lines.text()).isEqualTo("a" + longField);
        assertThat(lines.next()).isTrue();
        assertThat(lines.text()).isEqualTo("b");
        assertThat(lines.next()).isFalse();
    }

    @Test
    void aLineBeyondTheLimitFailsTheRead() {
        LineReader lines = new LineReader(body("y".repeat(300_000)), new byte[] {'\n'}, 128 * 1024);
        assertThatThrownBy(lines::next).hasMessageContaining("a line is longer than 131072 bytes");
    }

    @Test
    void jsonByLineReadsObjectsAndArraysPerLineAndFlagsBadLines() throws IOException {
        List<SourceRecord> records = all(open("{\"K\": 1, \"s\": \"a\", \"n\": null, \"o\": {\"x\": [1]}}\n"
                + "  \n[{\"k\": 2}, {\"k\": 3.50}]\n{\"k\": \nnot json\n7\n", Map.of("format", "json",
                "read_json_by_line", "true", "strip_outer_array", "true")));
        assertThat(records.get(0).named()).containsOnlyKeys("k", "s", "n", "o").containsEntry("k", "1")
                .containsEntry("s", "a").containsEntry("n", null).containsEntry("o", "{\"x\":[1]}");
        assertThat(records.get(1).named()).containsExactly(Map.entry("k", "2"));
        assertThat(records.get(2).named()).containsExactly(Map.entry("k", "3.50"));
        assertThat(records.get(3).error()).startsWith("Parse json data failed: ");
        assertThat(records.get(4).error()).startsWith("Parse json data failed: ");
        assertThat(records.get(5).error()).isEqualTo("a JSON object is expected");
        assertThat(records).hasSize(6);
    }

    @Test
    void jsonByLineWithoutStripOuterArrayRefusesAnArrayLine() throws IOException {
        RecordSource source = open("[{\"k\": 1}]\n", Map.of("format", "json", "read_json_by_line", "true"));
        assertThat(source.next().error()).isEqualTo("JSON data is array-object, `strip_outer_array` must be TRUE.");
    }

    @Test
    void jsonDocumentReadsTheOuterArrayElementByElement() throws IOException {
        RecordSource source = open("[{\"k\": 1}, 5, {\"k\": true}]", Map.of("format", "json",
                "strip_outer_array", "true"));
        assertThat(source.next().named()).containsEntry("k", "1");
        assertThat(source.next().error()).isEqualTo("a JSON object is expected, found VALUE_NUMBER_INT");
        assertThat(source.next().named()).containsEntry("k", "true");
        assertThat(source.current()).isEqualTo("{\"k\": \"true\"}");
        assertThat(source.next()).isNull();
    }

    @Test
    void jsonDocumentFailsTheLoadOnItsShapeOrSyntax() throws IOException {
        assertThatThrownBy(() -> all(open("[{\"k\": 1}]", Map.of("format", "json"))))
                .isInstanceOf(LoadFailure.class)
                .hasMessage("JSON data is array-object, `strip_outer_array` must be TRUE.");
        assertThatThrownBy(() -> all(open("{\"k\": 1}", Map.of("format", "json", "strip_outer_array", "true"))))
                .isInstanceOf(LoadFailure.class)
                .hasMessage("JSON data is not an array-object, `strip_outer_array` must be FALSE.");
        assertThatThrownBy(() -> all(open("[{\"k\": 1}, {\"k\" 2}]", Map.of("format", "json",
                "strip_outer_array", "true")))).isInstanceOf(LoadFailure.class)
                .hasMessageStartingWith("Parse json data failed: ");
        assertThat(all(open("{\"k\": 1}", Map.of("format", "json")))).hasSize(1);
    }

    /** Found by StreamLoadFuzzTest: Jackson's limit messages named its setting, a Java method. */
    @Test
    void jsonNestedTooDeepIsRefusedWithoutNamingJacksonSettings() throws IOException {
        String deep = "{\"k\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
        SourceRecord line = open(deep, Map.of("format", "json", "read_json_by_line", "true")).next();
        assertThat(line.error()).isEqualTo(
                "Parse json data failed: Document nesting depth (1001) exceeds the maximum allowed (1000)");
        assertThatThrownBy(() -> open(deep, Map.of("format", "json")).next())
                .isInstanceOf(LoadFailure.class)
                .hasMessage("Parse json data failed: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }
}
