package io.tessera.be.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.testkit.ClientMessages;
import io.tessera.testkit.FuzzSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzes Stream Load's parsing on the BE, in process: random header sets through
 * {@link StreamLoadOptions}, and random CSV and JSON bodies (odd separators, huge fields, invalid
 * UTF-8, wrong field counts, broken and deeply nested JSON) through {@link RecordSource} and
 * {@link RowConverter} as {@link StreamLoadExecutor} drives them. Properties: a bad header is
 * refused with a clear message naming it; a body either fails the whole load with a clear message
 * or every record is counted once, loaded or filtered ({@code total = loaded + filtered}), and a CSV
 * body has exactly as many records as non-empty lines; a filtered row's reason is clear too. See
 * docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzSettings.class)
class StreamLoadFuzzTest {
    private static final TableDefinition TABLE = TableDefinition.newBuilder().setName("t")
            .addColumns(column("k", DataType.INT, false, null))
            .addColumns(column("name", DataType.VARCHAR, true, null))
            .addColumns(column("amount", DataType.DECIMAL, true, null))
            .addColumns(column("day", DataType.DATE, false, "2024-01-01"))
            .build();
    private static final List<String> HEADER_NAMES = List.of("label", "column_separator", "line_delimiter", "columns",
            "format", "read_json_by_line", "strip_outer_array", "strict_mode", "max_filter_ratio", "timeout",
            "two_phase_commit", "where", "jsonpaths", "partitions", "Content-Type", "Expect", "x-unknown");
    private static final List<String> HEADER_VALUES = List.of("", " ", "true", "false", "TRUE", "yes", "0", "1", "0.5",
            "-0.1", "1.0000001", "NaN", "Infinity", "-Infinity", "1e400", "1e-400", "0x10", "600", "600.5", "-1",
            "9223372036854775807", "99999999999999999999", "csv", "json", "JSON", "parquet", "\\t", ",", "\\x01",
            "\\x", "\\xZZ", "\\", "\\n", "\\r\\n", "|||", "k,name,amount,day", "k, `name`, amount", "k,,name", ",",
            "k=1", "k,k", "nope,k", "K,NAME", "`", "``", "é", "\u0000", "\uD83D\uDE00", "a".repeat(5000));
    /** Column separators and line delimiters as written in headers; none is a digit, letter, '-' or '.'. */
    private static final List<String> SEPARATORS = List.of("\\t", ",", "|", "\\x01", "||", "\\\\", "é", ";;", "\\x00");
    private static final List<String> DELIMITERS = List.of("\\n", "\\r\\n", "\\x02", "$$", "\\n\\n", "é");

    private static ColumnDefinition column(String name, DataType type, boolean nullable, String defaultValue) {
        ColumnDefinition.Builder column = ColumnDefinition.newBuilder().setSchema(ColumnSchema.newBuilder()
                .setName(name).setType(type).setNullable(nullable).setLength(8).setPrecision(10).setScale(2));
        if (defaultValue != null) {
            column.setDefaultValue(defaultValue);
        }
        return column.build();
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> values = Arbitraries.frequencyOf(List.of(Tuple.of(4, Arbitraries.of(HEADER_VALUES)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12))));
        return Arbitraries.maps(Arbitraries.of(HEADER_NAMES), values).ofMaxSize(6);
    }

    @Property(tries = 5000)
    void headersGiveOptionsOrAClearRefusal(@ForAll("headers") Map<String, String> headers) {
        StreamLoadOptions options;
        try {
            options = StreamLoadOptions.parse(headers::get);
        } catch (IllegalArgumentException e) {
            assertClear(e.getMessage(), headers);
            return;
        }
        assertThat(options.columnSeparator()).isNotEmpty();
        assertThat(options.lineDelimiter()).isNotEmpty();
        assertThat(options.maxFilterRatio()).isBetween(0.0, 1.0);
        assertThat(options.timeoutSeconds()).isNotNegative();
        try {
            new RowConverter(TABLE, options, new ManualClock(0), ZoneOffset.UTC);
        } catch (LoadFailure e) {
            assertClear(e.getMessage(), headers);
        }
    }

    /** One CSV field: valid values of each column, NULL, junk, huge text and invalid UTF-8. */
    private static Arbitrary<byte[]> fields() {
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(4, Arbitraries.oneOf(List.of(Arbitraries.integers().map(String::valueOf),
                        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8),
                        Arbitraries.of("12.5", "-0.01", "99999999.99", "2024-02-29", "2024-12-31", "\\N")))
                        .map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.of("", " ", "1e999", "99999999999999999999", "2023-02-29", "0000-00-00",
                        "NaN", "\\n", "'1'", "\"x\"", "名字名字名字", "𝄞", "--").map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(12)),
                Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xff, (byte) 0xfe},
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})),
                Tuple.of(1, Arbitraries.integers().between(1, 200_000).map(n -> "x".repeat(n)
                        .getBytes(StandardCharsets.UTF_8)))));
    }

    /** A CSV body: rows of 2 to 5 fields (the table has 4 columns) joined by the separator and delimiter. */
    record CsvCase(String separator, String delimiter, List<List<byte[]>> rows, boolean trailingDelimiter,
                   boolean strictMode, String columns) {
    }

    @Provide
    Arbitrary<CsvCase> csvCases() {
        return Combinators.combine(Arbitraries.of(SEPARATORS), Arbitraries.of(DELIMITERS),
                fields().list().ofMinSize(2).ofMaxSize(5).list().ofMaxSize(12), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of("", "k,name,amount,day", "day,k", "k,skip,name,amount,day"))
                .as(CsvCase::new);
    }

    @Property(tries = 1000)
    void csvBodiesCountEveryRecordOnce(@ForAll("csvCases") CsvCase csv) throws IOException {
        Map<String, String> headers = new HashMap<>(Map.of("column_separator", csv.separator(),
                "line_delimiter", csv.delimiter(), "strict_mode", String.valueOf(csv.strictMode()),
                "max_filter_ratio", "1", "columns", csv.columns()));
        StreamLoadOptions options = StreamLoadOptions.parse(headers::get);
        byte[] separator = options.columnSeparator();
        byte[] delimiter = options.lineDelimiter();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int r = 0; r < csv.rows().size(); r++) {
            List<byte[]> row = csv.rows().get(r);
            for (int f = 0; f < row.size(); f++) {
                body.writeBytes(f > 0 ? separator : new byte[0]);
                body.writeBytes(row.get(f));
            }
            if (r < csv.rows().size() - 1 || csv.trailingDelimiter()) {
                body.writeBytes(delimiter);
            }
        }
        byte[] bytes = body.toByteArray();
        Counts counts = load(options, bytes, headers);
        if (counts == null) {
            return;
        }
        assertThat(counts.total()).as("records of %s", headers).isEqualTo(nonEmptyPieces(bytes, delimiter));
        assertThat(counts.loaded() + counts.filtered()).isEqualTo(counts.total());
    }

    /** JSON bodies: objects with the table's members and others, arrays, junk, cut short, nested deep. */
    @Provide
    Arbitrary<String> jsonBodies() {
        Arbitrary<String> value = Arbitraries.oneOf(List.of(Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("null", "true", "\"\"", "\"abc\"", "\"2024-01-02\"", "12.50", "1e999", "-0",
                        "99999999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "[1,2]", "{\"a\":{}}", "\"名字\""),
                Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n))));
        Arbitrary<String> member = Combinators.combine(Arbitraries.of("k", "K", "name", "amount", "day", "other", ""),
                value).as((name, v) -> "\"" + name + "\": " + v);
        Arbitrary<String> object = member.list().ofMaxSize(5).map(members -> "{" + String.join(", ", members) + "}");
        Arbitrary<String> item = Arbitraries.frequencyOf(List.of(Tuple.of(6, object),
                Tuple.of(1, value), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(6))));
        Arbitrary<String> document = Arbitraries.oneOf(List.of(
                item.list().ofMaxSize(6).map(items -> String.join("\n", items)),
                item.list().ofMaxSize(6).map(items -> "[" + String.join(", ", items) + "]"),
                item.list().ofMaxSize(6).map(items -> "[" + String.join(", ", items) + "]\n[" + String.join(",", items)
                        + "]")));
        return Combinators.combine(document, Arbitraries.integers().between(0, 100_000), Arbitraries.of(true, false))
                .as((text, cut, truncate) -> truncate && !text.isEmpty() ? text.substring(0, cut % text.length()) : text);
    }

    @Property(tries = 1000)
    void jsonBodiesFailWholeOrCountEveryRecordOnce(@ForAll("jsonBodies") String json, @ForAll boolean byLine,
            @ForAll boolean stripOuterArray, @ForAll boolean strictMode) throws IOException {
        Map<String, String> headers = Map.of("format", "json", "read_json_by_line", String.valueOf(byLine),
                "strip_outer_array", String.valueOf(stripOuterArray), "strict_mode", String.valueOf(strictMode),
                "max_filter_ratio", "1");
        Counts counts = load(StreamLoadOptions.parse(headers::get), json.getBytes(StandardCharsets.UTF_8), headers);
        if (counts != null) {
            assertThat(counts.loaded() + counts.filtered()).isEqualTo(counts.total());
        }
    }

    @Property(tries = 2000)
    void randomBytesFailWholeOrCountEveryRecordOnce(@ForAll("headers") Map<String, String> headers,
            @ForAll byte[] body) throws IOException {
        StreamLoadOptions options;
        try {
            options = StreamLoadOptions.parse(headers::get);
        } catch (IllegalArgumentException e) {
            return;
        }
        Counts counts = load(options, body, headers);
        if (counts != null) {
            assertThat(counts.loaded() + counts.filtered()).isEqualTo(counts.total());
            if (options.format() == StreamLoadOptions.Format.CSV) {
                assertThat(counts.total()).isEqualTo(nonEmptyPieces(body, options.lineDelimiter()));
            }
        }
    }

    record Counts(long total, long loaded, long filtered) {
    }

    /**
     * Reads and converts the body as {@link StreamLoadExecutor} does; null when the whole load fails
     * (with a clear message, which this checks), as a failed load loads nothing.
     */
    private static Counts load(StreamLoadOptions options, byte[] body, Map<String, String> headers) {
        long total = 0;
        long loaded = 0;
        long filtered = 0;
        try {
            RowConverter converter = new RowConverter(TABLE, options, new ManualClock(0), ZoneOffset.UTC);
            RecordSource source = RecordSource.open(options, new ByteArrayInputStream(body));
            for (SourceRecord record = source.next(); record != null; record = source.next()) {
                total++;
                try {
                    assertThat(converter.convert(record)).hasSize(TABLE.getColumnsCount());
                    loaded++;
                } catch (RowRejected e) {
                    filtered++;
                    assertClear(e.getMessage(), headers);
                    assertThat(source.current()).isNotNull();
                }
            }
        } catch (LoadFailure | IOException e) {
            assertClear(e.getMessage(), headers);
            return null;
        }
        return new Counts(total, loaded, filtered);
    }

    /** Non-empty pieces of the body split on the delimiter: the records a CSV load must see. */
    private static long nonEmptyPieces(byte[] body, byte[] delimiter) {
        long pieces = 0;
        int start = 0;
        int i = 0;
        while (i <= body.length - delimiter.length) {
            if (java.util.Arrays.equals(body, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                pieces += i > start ? 1 : 0;
                i += delimiter.length;
                start = i;
            } else {
                i++;
            }
        }
        return pieces + (body.length > start ? 1 : 0);
    }

    private static void assertClear(String message, Map<String, String> headers) {
        assertThat(message).as("message for %s", headers).isNotBlank();
        assertThat(ClientMessages.internalDetail(message)).as("internal detail in '%s' for %s", message, headers)
                .isNull();
    }
}
