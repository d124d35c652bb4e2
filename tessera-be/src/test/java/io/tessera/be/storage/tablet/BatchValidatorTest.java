package io.tessera.be.storage.tablet;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.decimal;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnVector;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Incoming batches are checked against the schema with messages naming batch, column, row and value. */
class BatchValidatorTest {
    private static final TabletSchema SCHEMA = Batches.schema(
            column("id", DataType.BIGINT).toBuilder().setNullable(false).build(),
            column("small", DataType.TINYINT),
            varchar("name", 3),
            decimal("price", 5, 2),
            decimal("wide", 20, 2),
            column("ratio", DataType.FLOAT));

    private final BatchValidator validator = new BatchValidator(SCHEMA);

    private static RowBatch good() {
        return Batches.batch(SCHEMA, List.of(row(1L, 5, "abc", new BigDecimal("1.50"), new BigDecimal("12.34"), 0.5)));
    }

    private static RowBatch withColumn(int index, ColumnVector vector) {
        return good().toBuilder().setColumns(index, vector).build();
    }

    @Test
    void acceptsAValidBatchAndMultiByteCharactersWithinTheLength() {
        assertThatCode(() -> validator.validate(good(), 1)).doesNotThrowAnyException();
        RowBatch accents = Batches.batch(SCHEMA, List.of(row(1L, null, "äöü", null, null, null)));
        assertThatCode(() -> validator.validate(accents, 1)).doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongColumnCount() {
        RowBatch batch = good().toBuilder().removeColumns(5).build();
        assertThatThrownBy(() -> validator.validate(batch, 3)).isInstanceOf(TesseraException.class)
                .hasMessage("batch 3 has 5 columns; the tablet has 6");
    }

    @Test
    void refusesAVectorOfTheWrongLength() {
        RowBatch batch = withColumn(0, ColumnVector.newBuilder().addIntValues(1).addIntValues(2).build());
        assertThatThrownBy(() -> validator.validate(batch, 1))
                .hasMessage("batch 1, column 0 (id BIGINT): int_values has 2 values, expected 1");
    }

    @Test
    void refusesValuesInTheWrongField() {
        RowBatch batch = withColumn(2, ColumnVector.newBuilder().addIntValues(1).build());
        assertThatThrownBy(() -> validator.validate(batch, 1))
                .hasMessage("batch 1, column 2 (name VARCHAR(3)): int_values has 1 values, expected 0");
    }

    @Test
    void refusesNullsInANotNullColumnAndMisCountedNullFlags() {
        RowBatch nullId = withColumn(0, ColumnVector.newBuilder().addNulls(true).addIntValues(0).build());
        assertThatThrownBy(() -> validator.validate(nullId, 1))
                .hasMessage("batch 1, column 0 (id BIGINT): row 0 is NULL but the column is NOT NULL");
        RowBatch flags = withColumn(1, ColumnVector.newBuilder().addNulls(false).addNulls(true).addIntValues(1)
                .build());
        assertThatThrownBy(() -> validator.validate(flags, 1))
                .hasMessage("batch 1, column 1 (small TINYINT): has 2 null flags for 1 rows (expected none or one per row)");
    }

    @Test
    void refusesValuesThatDoNotFitTheType() {
        assertThatThrownBy(() -> validator.validate(withColumn(1, ColumnVector.newBuilder().addIntValues(128).build()), 1))
                .hasMessage("batch 1, column 1 (small TINYINT): row 0: value 128 is out of range");
        assertThatThrownBy(() -> validator.validate(withColumn(2, ColumnVector.newBuilder().addStringValues("abcd")
                .build()), 1))
                .hasMessage("batch 1, column 2 (name VARCHAR(3)): row 0: a value of 4 characters is longer than 3");
        assertThatThrownBy(() -> validator.validate(withColumn(3, ColumnVector.newBuilder().addIntValues(100_000)
                .build()), 1))
                .hasMessage("batch 1, column 3 (price DECIMAL(5, 2)): row 0: value 100000 is out of range");
        assertThatThrownBy(() -> validator.validate(withColumn(4, ColumnVector.newBuilder().addStringValues("1.234")
                .build()), 1))
                .hasMessage("batch 1, column 4 (wide DECIMAL(20, 2)): row 0: 1.234 has more than 2 digits after the point");
        assertThatThrownBy(() -> validator.validate(withColumn(4, ColumnVector.newBuilder().addStringValues("x")
                .build()), 1))
                .hasMessage("batch 1, column 4 (wide DECIMAL(20, 2)): row 0: 'x' is not a decimal number");
        assertThatThrownBy(() -> validator.validate(withColumn(4, ColumnVector.newBuilder()
                .addStringValues("123456789012345678901").build()), 1))
                .hasMessage("batch 1, column 4 (wide DECIMAL(20, 2)): row 0: 123456789012345678901 does not fit "
                        + "DECIMAL(20, 2)");
        assertThatThrownBy(() -> validator.validate(withColumn(5, ColumnVector.newBuilder().addDoubleValues(1e300)
                .build()), 1))
                .hasMessage("batch 1, column 5 (ratio FLOAT): row 0: value 1.0E300 does not fit FLOAT");
    }

    @Test
    void refusesANegativeRowCount() {
        assertThatThrownBy(() -> validator.validate(good().toBuilder().setRowCount(-1).build(), 2))
                .hasMessage("batch 2 has a negative row_count -1");
    }
}
