package io.tessera.be.storage.tablet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.data.RowBatch;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RowBatch → Arrow file → RowBatch for every type, with NULLs, compressed and not. */
class ArrowRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RowsetCompression.class)
    void everyTypeSurvivesAWriteAndAScan(RowsetCompression compression) throws Exception {
        try (StoreFixture fixture = new StoreFixture(dir, 1, compression)) {
            fixture.create(10, AllTypes.SCHEMA);
            long version = fixture.load(10, AllTypes.SCHEMA, AllTypes.ROWS);

            List<RowBatch> batches = fixture.scan(10, version, StoreFixture.project(AllTypes.SCHEMA)).batches;

            RowBatch expected = Batches.batch(AllTypes.SCHEMA, AllTypes.ROWS);
            assertThat(Batches.rows(batches)).isEqualTo(Batches.rows(List.of(expected)));
            // The null flags appear only in the output as data.proto says: one per row.
            assertThat(batches.get(0).getColumns(0).getNullsCount()).isEqualTo(4);
        }
    }

    @Test
    void columnsAreTheDocumentedArrowVectors() throws Exception {
        Path file = dir.resolve("rowset.arrow");
        try (BufferAllocator allocator = new RootAllocator(64L << 20)) {
            try (RowsetWriter writer = RowsetWriter.create(file, AllTypes.SCHEMA, allocator, RowsetCompression.ZSTD)) {
                writer.append(Batches.batch(AllTypes.SCHEMA, AllTypes.ROWS));
                RowsetWriter.WrittenRowset written = writer.finish();
                assertThat(written.rowCount()).isEqualTo(4);
                assertThat(Checksums.of(file)).isEqualTo(new Checksums.FileChecksum(written.byteSize(), written.crc32c()));
            }
            try (RowsetReader reader = RowsetReader.open(file, AllTypes.SCHEMA, allocator)) {
                assertThat(reader.next()).isTrue();
                VectorSchemaRoot root = reader.root();
                assertThat(root.getRowCount()).isEqualTo(4);
                assertThat(root.getVector(0)).isInstanceOf(BitVector.class);
                assertThat(root.getVector(1)).isInstanceOf(TinyIntVector.class);
                assertThat(root.getVector(2)).isInstanceOf(SmallIntVector.class);
                assertThat(root.getVector(3)).isInstanceOf(IntVector.class);
                assertThat(root.getVector(4)).isInstanceOf(BigIntVector.class);
                assertThat(root.getVector(5)).isInstanceOf(Float4Vector.class);
                assertThat(root.getVector(6)).isInstanceOf(Float8Vector.class);
                assertThat(root.getVector(7)).isInstanceOf(DecimalVector.class);
                assertThat(((DecimalVector) root.getVector(7)).getObject(0)).isEqualByComparingTo("-99999999.99");
                assertThat(((DecimalVector) root.getVector(8)).getObject(0))
                        .isEqualByComparingTo("-12345678901234567890123456.7891");
                assertThat(root.getVector(9)).isInstanceOf(DateDayVector.class);
                assertThat(root.getVector(10)).isInstanceOf(TimeStampMicroVector.class);
                assertThat(root.getVector(11)).isInstanceOf(VarCharVector.class);
                assertThat(root.getVector(13).getObject(0).toString()).isEqualTo("ünïcødé ☃");
                for (int c = 0; c < 14; c++) {
                    assertThat(root.getVector(c).isNull(2)).as("column %d row 2", c).isTrue();
                    assertThat(root.getVector(c).isNull(1)).as("column %d row 1", c).isFalse();
                }
                assertThat(reader.next()).isFalse();
            }
        }
    }

    @Test
    void recordBatchesHoldAtMost64kRows() throws Exception {
        Path file = dir.resolve("big.arrow");
        var schema = Batches.schema(Batches.column("v", io.tessera.proto.data.DataType.BIGINT));
        RowBatch.Builder batch = RowBatch.newBuilder().setRowCount(100_000);
        var vector = io.tessera.proto.data.ColumnVector.newBuilder();
        for (int i = 0; i < 100_000; i++) {
            vector.addIntValues(i);
        }
        batch.addColumns(vector);
        try (BufferAllocator allocator = new RootAllocator(64L << 20)) {
            try (RowsetWriter writer = RowsetWriter.create(file, schema, allocator, RowsetCompression.NONE)) {
                writer.append(batch.build());
                writer.finish();
            }
            try (RowsetReader reader = RowsetReader.open(file, schema, allocator)) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.root().getRowCount()).isEqualTo(65_536);
                assertThat(reader.next()).isTrue();
                assertThat(reader.root().getRowCount()).isEqualTo(100_000 - 65_536);
                assertThat(((BigIntVector) reader.root().getVector(0)).get(0)).isEqualTo(65_536);
                assertThat(reader.next()).isFalse();
            }
        }
    }

    /** Columns decompress one by one as asked; skipped ones leak nothing; root() still gives every column. */
    @ParameterizedTest
    @EnumSource(RowsetCompression.class)
    void columnsLoadOnlyWhenAsked(RowsetCompression compression) throws Exception {
        Path file = dir.resolve("lazy.arrow");
        try (BufferAllocator allocator = new RootAllocator(64L << 20)) {
            try (RowsetWriter writer = RowsetWriter.create(file, AllTypes.SCHEMA, allocator, compression)) {
                writer.append(Batches.batch(AllTypes.SCHEMA, AllTypes.ROWS));
                writer.finish();
            }
            try (RowsetReader reader = RowsetReader.open(file, AllTypes.SCHEMA, allocator)) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.rowCount()).isEqualTo(4);
                assertThat(reader.vector(13).getObject(0).toString()).isEqualTo("ünïcødé ☃");
                assertThat(reader.vector(13).isNull(2)).isTrue();
                assertThat(((DecimalVector) reader.vector(7)).getObject(0)).isEqualByComparingTo("-99999999.99");
                VectorSchemaRoot root = reader.root();
                assertThat(root.getRowCount()).isEqualTo(4);
                for (int c = 0; c < 14; c++) {
                    assertThat(root.getVector(c).getValueCount()).as("column %d", c).isEqualTo(4);
                    assertThat(root.getVector(c).isNull(2)).as("column %d row 2", c).isTrue();
                    assertThat(root.getVector(c).isNull(1)).as("column %d row 1", c).isFalse();
                }
                assertThat(reader.next()).isFalse();
            }
            try (RowsetReader reader = RowsetReader.open(file, AllTypes.SCHEMA, allocator)) {
                assertThat(reader.next()).isTrue();
                assertThat(((BigIntVector) reader.vector(4)).isNull(2)).isTrue();
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }
}
