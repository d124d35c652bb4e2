package io.tessera.be.storage.tablet;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.decimal;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;

import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A schema with a column of every type, and rows that exercise edge values and NULLs. */
public final class AllTypes {
    public static final TabletSchema SCHEMA = Batches.schema(
            column("b", DataType.BOOLEAN),
            column("ti", DataType.TINYINT),
            column("si", DataType.SMALLINT),
            column("i", DataType.INT),
            column("bi", DataType.BIGINT),
            column("f", DataType.FLOAT),
            column("d", DataType.DOUBLE),
            decimal("dec", 10, 2),
            decimal("wide", 30, 4),
            column("day", DataType.DATE),
            column("ts", DataType.DATETIME),
            column("c", DataType.CHAR).toBuilder().setLength(4).build(),
            varchar("v", 20),
            column("s", DataType.STRING));

    public static final List<List<Object>> ROWS = List.of(
            row(true, -128, -32768, Integer.MIN_VALUE, Long.MIN_VALUE, -1.5f, -2.25, new BigDecimal("-99999999.99"),
                    new BigDecimal("-12345678901234567890123456.7891"), LocalDate.of(1900, 1, 1),
                    LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), "abcd", "", "ünïcødé ☃"),
            row(false, 127, 32767, Integer.MAX_VALUE, Long.MAX_VALUE, 3.5f, 1e300, new BigDecimal("99999999.99"),
                    new BigDecimal("0.0001"), LocalDate.of(2026, 11, 26), LocalDateTime.of(2026, 11, 26, 10, 15, 30, 123_456_000),
                    "x", "twenty characters!!!", "a longer string value"),
            row(null, null, null, null, null, null, null, null, null, null, null, null, null, null),
            row(true, 0, 0, 0, 0, 0f, 0.0, new BigDecimal("0.00"), new BigDecimal("0.0000"), LocalDate.of(1970, 1, 1),
                    LocalDateTime.of(1970, 1, 1, 0, 0), "", "v", ""));

    private AllTypes() {
    }
}
