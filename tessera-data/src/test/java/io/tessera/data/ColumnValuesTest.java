package io.tessera.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnValuesTest {
    private static ColumnSchema column(String name, DataType type) {
        return ColumnSchema.newBuilder().setName(name).setType(type).setNullable(true).build();
    }

    private static final ColumnSchema TINY = column("t", DataType.TINYINT);
    private static final ColumnSchema NAME = column("name", DataType.VARCHAR).toBuilder().setLength(5).build();
    private static final ColumnSchema PRICE = column("price", DataType.DECIMAL).toBuilder().setPrecision(5)
            .setScale(2).build();
    private static final ColumnSchema WIDE = column("wide", DataType.DECIMAL).toBuilder().setPrecision(30)
            .setScale(3).build();
    private static final ColumnSchema DAY = column("d", DataType.DATE);
    private static final ColumnSchema TIME = column("ts", DataType.DATETIME);

    @Test
    void convertsIntoTheColumnsType() {
        assertThat(ColumnValues.coerce(TINY, 5L)).isEqualTo(5L);
        assertThat(ColumnValues.coerce(TINY, "-7")).isEqualTo(-7L);
        assertThat(ColumnValues.coerce(PRICE, new BigDecimal("1.005"))).isEqualTo(new BigDecimal("1.01"));
        assertThat(ColumnValues.coerce(PRICE, 3L)).isEqualTo(new BigDecimal("3.00"));
        assertThat(ColumnValues.coerce(DAY, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(ColumnValues.coerce(TIME, "2024-02-29 13:14:15")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15));
        assertThat(ColumnValues.coerce(TIME, "2024-02-29")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(ColumnValues.coerce(NAME, "abcde")).isEqualTo("abcde");
    }

    @Test
    void refusesWhatDoesNotFitNamingTheColumn() {
        assertThatThrownBy(() -> ColumnValues.coerce(TINY, 128L))
                .hasMessage("Value 128 is out of range for column 't' (TINYINT)");
        assertThatThrownBy(() -> ColumnValues.coerce(TINY, "x")).hasMessage("Invalid value 'x' for column 't' (TINYINT)");
        assertThatThrownBy(() -> ColumnValues.coerce(NAME, "abcdef"))
                .hasMessage("Value 'abcdef' is too long for column 'name' (VARCHAR(5))");
        assertThatThrownBy(() -> ColumnValues.coerce(PRICE, new BigDecimal("1000")))
                .hasMessage("Value 1000 is out of range for column 'price' (DECIMAL(5, 2))");
        assertThatThrownBy(() -> ColumnValues.coerce(DAY, "2024-02-30"))
                .hasMessage("Invalid value '2024-02-30' for column 'd' (DATE)");
        assertThatThrownBy(() -> ColumnValues.coerce(TINY.toBuilder().setNullable(false).build(), null))
                .hasMessage("Column 't' is NOT NULL: it cannot take NULL");
    }

    @Test
    void datesOutsideYearsZeroTo9999AreRefused() {
        for (String text : List.of("10000-01-01", "+10000-01-01", "-0001-12-31", "99999-01-01 00:00:00")) {
            assertThatThrownBy(() -> ColumnValues.coerce(DAY, text)).as(text)
                    .hasMessage("Invalid value '" + text + "' for column 'd' (DATE)");
            assertThatThrownBy(() -> ColumnValues.coerce(TIME, text)).as(text)
                    .hasMessage("Invalid value '" + text + "' for column 'ts' (DATETIME)");
        }
        assertThatThrownBy(() -> ColumnValues.coerce(DAY, java.time.LocalDate.of(10000, 1, 1)))
                .hasMessage("Invalid value '+10000-01-01' for column 'd' (DATE)");
        assertThatThrownBy(() -> ColumnValues.coerce(TIME, java.time.LocalDateTime.of(-1, 12, 31, 23, 59)))
                .hasMessage("Invalid value '-0001-12-31T23:59' for column 'ts' (DATETIME)");
        assertThat(ColumnValues.coerce(DAY, "0000-01-01")).isEqualTo(java.time.LocalDate.of(0, 1, 1));
        assertThat(ColumnValues.coerce(DAY, "9999-12-31")).isEqualTo(java.time.LocalDate.of(9999, 12, 31));
        assertThat(ColumnValues.coerce(TIME, "9999-12-31 23:59:59"))
                .isEqualTo(java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59));
    }

    @Test
    void rowBatchesRoundTripEveryType() {
        List<ColumnSchema> columns = List.of(TINY, NAME, PRICE, WIDE, DAY, TIME, column("b", DataType.BOOLEAN),
                column("f", DataType.DOUBLE));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(1L, "ab", new BigDecimal("1.50"), new BigDecimal("12345678901234567890.123"),
                LocalDate.of(1969, 12, 31), LocalDateTime.of(1960, 1, 1, 0, 0, 1), true, 2.5));
        rows.add(Arrays.asList(null, null, null, null, null, null, null, null));
        RowBatch batch = RowBatches.encode(columns, rows);
        assertThat(batch.getRowCount()).isEqualTo(2);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                assertThat(RowBatches.value(columns.get(c), batch.getColumns(c), r)).isEqualTo(rows.get(r).get(c));
            }
        }
    }

    @Test
    void displaysLikeMysql() {
        assertThat(ColumnValues.display(PRICE, new BigDecimal("1.5"))).isEqualTo("1.50");
        assertThat(ColumnValues.display(TIME, LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
        assertThat(ColumnValues.display(column("b", DataType.BOOLEAN), true)).isEqualTo("1");
        assertThat(ColumnValues.display(column("f", DataType.DOUBLE), 3.0)).isEqualTo("3");
        assertThat(ColumnValues.display(column("f", DataType.DOUBLE), 2.5)).isEqualTo("2.5");
        assertThat(ColumnValues.display(NAME, null)).isNull();
    }

    /** The plain-text fast paths give what the BigDecimal route gives, over seeded random texts. */
    @Test
    void plainNumberTextsConvertAsTheirBigDecimalDoes() {
        java.util.Random random = new java.util.Random(20261206L);
        ColumnSchema[] integers = {TINY, column("s", DataType.SMALLINT), column("i", DataType.INT),
                column("b", DataType.BIGINT)};
        ColumnSchema[] doubles = {column("f", DataType.FLOAT), column("v", DataType.DOUBLE)};
        for (int i = 0; i < 2_000; i++) {
            String sign = switch (random.nextInt(3)) {
                case 0 -> "-";
                case 1 -> "+";
                default -> "";
            };
            String digits = Long.toString(Math.abs(random.nextLong() >> random.nextInt(64)));
            String integerText = sign + digits;
            for (ColumnSchema column : integers) {
                assertThat(outcome(column, integerText)).as("%s %s", column.getType(), integerText)
                        .isEqualTo(outcome(column, new BigDecimal(integerText)));
            }
            String decimalText = sign + (random.nextBoolean() ? digits : "") + "." + Math.abs(random.nextInt());
            for (ColumnSchema column : doubles) {
                for (String text : List.of(integerText, decimalText, sign + "0", sign + "0.0", sign + digits + ".")) {
                    Object expected = new BigDecimal(text).doubleValue();
                    assertThat(ColumnValues.coerce(column, text)).as("%s %s", column.getType(), text)
                            .isEqualTo(expected);
                }
            }
        }
        assertThatThrownBy(() -> ColumnValues.coerce(column("i", DataType.INT), "3000000000"))
                .hasMessageContaining("out of range for column 'i'");
        assertThat(ColumnValues.coerce(column("v", DataType.DOUBLE), "-0")).isEqualTo(0.0);
        assertThat(ColumnValues.coerce(column("v", DataType.DOUBLE), "1e3")).isEqualTo(1000.0);
        assertThatThrownBy(() -> ColumnValues.coerce(column("v", DataType.DOUBLE), "NaN"))
                .hasMessageContaining("Invalid value 'NaN'");
    }

    /** The converted value, or the error's message. */
    private static Object outcome(ColumnSchema column, Object value) {
        try {
            return ColumnValues.coerce(column, value);
        } catch (io.tessera.common.TesseraException e) {
            return e.getMessage().replace(value.toString(), "<value>");
        }
    }
}
