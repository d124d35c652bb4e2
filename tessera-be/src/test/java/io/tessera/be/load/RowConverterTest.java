package io.tessera.be.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records to typed rows: the columns header, defaults, NULL, strict mode, bad field counts. */
class RowConverterTest {
    private static final TableDefinition TABLE = TableDefinition.newBuilder().setName("t")
            .addColumns(column("k", DataType.INT, false, null))
            .addColumns(column("name", DataType.VARCHAR, true, null))
            .addColumns(column("amount", DataType.DECIMAL, true, null))
            .addColumns(column("day", DataType.DATE, false, "2024-01-01"))
            .build();

    private static ColumnDefinition column(String name, DataType type, boolean nullable, String defaultValue) {
        ColumnDefinition.Builder column = ColumnDefinition.newBuilder().setSchema(ColumnSchema.newBuilder()
                .setName(name).setType(type).setNullable(nullable).setLength(5).setPrecision(10).setScale(2));
        if (defaultValue != null) {
            column.setDefaultValue(defaultValue);
        }
        return column.build();
    }

    private static RowConverter converter(Map<String, String> headers) {
        return new RowConverter(TABLE, StreamLoadOptions.parse(headers::get), new ManualClock(0), ZoneOffset.UTC);
    }

    private static SourceRecord csv(String... fields) {
        return SourceRecord.csv(Arrays.asList(fields));
    }

    @Test
    void convertsEveryColumnInTableOrder() throws RowRejected {
        assertThat(converter(Map.of()).convert(csv("1", "ab", "2.5", "2024-05-06"))).containsExactly(1L, "ab",
                new BigDecimal("2.50"), LocalDate.of(2024, 5, 6));
    }

    @Test
    void theColumnsHeaderMapsFieldsSkipsUnknownNamesAndDefaultsTheRest() throws RowRejected {
        RowConverter converter = converter(Map.of("columns", "amount, skipped, K"));
        assertThat(converter.convert(csv("1.25", "whatever", "7"))).containsExactly(7L, null,
                new BigDecimal("1.25"), LocalDate.of(2024, 1, 1));
    }

    @Test
    void aColumnLeftOutWithoutDefaultFailsTheLoad() {
        assertThatThrownBy(() -> converter(Map.of("columns", "name")))
                .isInstanceOf(LoadFailure.class).hasMessage("Column has no default value. column: k");
        assertThatThrownBy(() -> converter(Map.of("columns", "k, K")))
                .isInstanceOf(LoadFailure.class).hasMessage("Duplicate column: K");
    }

    @Test
    void rejectsWrongFieldCountsNullsIntoNotNullAndTooLongStrings() {
        RowConverter converter = converter(Map.of("column_separator", ","));
        assertThatThrownBy(() -> converter.convert(csv("1", "a")))
                .hasMessage("actual column number in csv file is less than schema column number. actual number: 2, "
                        + "column separator: [,], line delimiter: [\\n], schema column number: 4");
        assertThatThrownBy(() -> converter.convert(csv("1", "a", "1", "2024-01-01", "x")))
                .hasMessageContaining("is more than schema column number");
        assertThatThrownBy(() -> converter.convert(csv(null, "a", "1", "2024-01-01")))
                .hasMessage("null value for not null column, column=k");
        assertThatThrownBy(() -> converter.convert(csv("1", "toolong", "1", "2024-01-01")))
                .hasMessage("Value 'toolong' is too long for column 'name' (VARCHAR(5))");
    }

    @Test
    void aValueThatDoesNotConvertIsNullUnlessStrictOrNotNull() throws RowRejected {
        assertThat(converter(Map.of()).convert(csv("1", "a", "abc", "2024-01-01"))[2]).isNull();
        assertThatThrownBy(() -> converter(Map.of("strict_mode", "true")).convert(csv("1", "a", "abc", "2024-01-01")))
                .hasMessage("Invalid value 'abc' for column 'amount' (DECIMAL(10, 2)); strict mode is on, so the row "
                        + "is filtered");
        assertThatThrownBy(() -> converter(Map.of()).convert(csv("x", "a", "1", "2024-01-01")))
                .hasMessage("Invalid value 'x' for column 'k' (INT); it would be NULL, and the column is NOT NULL");
        assertThatThrownBy(() -> converter(Map.of()).convert(csv("1", "a", "1", "2024-13-01")))
                .hasMessageContaining("Invalid value '2024-13-01' for column 'day' (DATE)");
    }

    @Test
    void jsonMembersAreMatchedByNameAndMissingOnesTakeDefaults() throws RowRejected {
        Map<String, String> members = new HashMap<>(Map.of("k", "3", "amount", "4", "extra", "x"));
        members.put("name", null);
        assertThat(converter(Map.of()).convert(SourceRecord.json(members))).containsExactly(3L, null,
                new BigDecimal("4.00"), LocalDate.of(2024, 1, 1));
        assertThatThrownBy(() -> converter(Map.of()).convert(SourceRecord.json(Map.of("name", "a"))))
                .hasMessageStartingWith("null value for not null column, column=k");
        assertThatThrownBy(() -> converter(Map.of()).convert(SourceRecord.malformed("Parse json data failed: x")))
                .hasMessage("Parse json data failed: x");
    }

    @Test
    void theFilterRatioIsDorisRule() {
        assertThat(FilterRatio.tooManyFiltered(0, 10, 0)).isFalse();
        assertThat(FilterRatio.tooManyFiltered(1, 10, 0)).isTrue();
        assertThat(FilterRatio.tooManyFiltered(3, 3, 0.5)).isFalse();
        assertThat(FilterRatio.tooManyFiltered(4, 2, 0.5)).isTrue();
        assertThat(FilterRatio.tooManyFiltered(10, 0, 1)).isFalse();
        assertThat(FilterRatio.message(1, 3, 0)).isEqualTo("[DATA_QUALITY_ERROR]too many filtered rows: 1 of 4 rows "
                + "were filtered (ratio 0.25), more than max_filter_ratio 0.0; see ErrorURL for the bad rows");
        assertThat(List.of(FilterRatio.message(2, 1, 0.5))).allMatch(m -> m.contains("(ratio 0.6667)"));
    }
}
