package io.tessera.be.storage.tablet;

import io.tessera.common.TesseraException;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one rowset file record batch by record batch, after checking that the file's Arrow schema
 * is the tablet's. Compressed and plain files both read.
 *
 * <p>A column is decompressed only when it is asked for ({@link #vector}): a scan that reads two
 * of a table's ten columns decompresses two, where Arrow's own reader decompresses every buffer of
 * every record batch (on a compressed rowset that was most of a scan's CPU). {@link #root} loads
 * every column, for readers that want whole rows (compaction).
 *
 * <p>Threading: not thread-safe; one scan owns a reader.
 */
public final class RowsetReader implements AutoCloseable {
    private final ColumnLoadingReader reader;
    private final VectorSchemaRoot root;
    private final int[] firstBuffer;
    private final int[] bufferCount;
    private final boolean[] loaded;
    private ArrowRecordBatch batch;
    private CompressionCodec codec;
    private int rowCount;

    private RowsetReader(ColumnLoadingReader reader, VectorSchemaRoot root) {
        this.reader = reader;
        this.root = root;
        List<Field> fields = root.getSchema().getFields();
        this.firstBuffer = new int[fields.size()];
        this.bufferCount = new int[fields.size()];
        this.loaded = new boolean[fields.size()];
        int next = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).getChildren().isEmpty()) {
                throw new TesseraException("rowset column " + fields.get(i).getName() + " is nested, which rowsets never are");
            }
            firstBuffer[i] = next;
            bufferCount[i] = TypeLayout.getTypeBufferCount(fields.get(i).getType());
            next += bufferCount[i];
        }
        reader.owner = this;
    }

    /**
     * @throws TesseraException when the file's schema is not the tablet's
     * @throws IOException      when the file cannot be read (missing, truncated, not Arrow)
     */
    public static RowsetReader open(Path file, TabletSchema schema, BufferAllocator allocator) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ColumnLoadingReader reader = new ColumnLoadingReader(channel, allocator);
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema expected = ColumnTypes.arrowSchema(schema);
            if (!root.getSchema().equals(expected)) {
                throw new TesseraException("rowset file " + file + " has schema " + root.getSchema()
                        + ", not the tablet's " + expected);
            }
            return new RowsetReader(reader, root);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Every column of the current record batch, all loaded (valid until the next {@link #next} or close). */
    public VectorSchemaRoot root() {
        for (int i = 0; i < loaded.length; i++) {
            vector(i);
        }
        root.setRowCount(rowCount);
        return root;
    }

    /** The current record batch's row count. */
    public int rowCount() {
        return rowCount;
    }

    /**
     * Column {@code index} of the current record batch, decompressed on the first call for this
     * batch (valid until the next {@link #next} or close).
     */
    public FieldVector vector(int index) {
        FieldVector vector = root.getVector(index);
        if (!loaded[index]) {
            if (batch == null) {
                throw new IllegalStateException("no record batch is loaded");
            }
            load(vector, index);
            loaded[index] = true;
        }
        return vector;
    }

    /** Loads the next record batch's (still compressed) buffers; false at the end of the file. */
    public boolean next() throws IOException {
        releaseBatch();
        return reader.loadNextBatch();
    }

    @Override
    public void close() throws IOException {
        releaseBatch();
        reader.close();
    }

    /** Called by the Arrow reader with the record batch it read: kept until the next one. */
    private void accept(ArrowRecordBatch next) {
        if (next.getNodes().size() != loaded.length || next.getVariadicBufferCounts() != null
                && !next.getVariadicBufferCounts().isEmpty()) {
            next.close();
            throw new TesseraException("a record batch has " + next.getNodes().size() + " columns, not the schema's "
                    + loaded.length);
        }
        batch = next;
        rowCount = next.getLength();
        CompressionUtil.CodecType type = CompressionUtil.CodecType.fromCompressionType(
                next.getBodyCompression().getCodec());
        codec = type == CompressionUtil.CodecType.NO_COMPRESSION ? NoCompressionCodec.INSTANCE
                : CommonsCompressionFactory.INSTANCE.createCodec(type);
    }

    /** As Arrow's VectorLoader loads one field: decompress each non-empty buffer, hand them to the vector. */
    private void load(FieldVector vector, int index) {
        boolean decompress = codec != NoCompressionCodec.INSTANCE;
        List<ArrowBuf> buffers = batch.getBuffers();
        List<ArrowBuf> own = new ArrayList<>(bufferCount[index]);
        try {
            for (int b = firstBuffer[index]; b < firstBuffer[index] + bufferCount[index]; b++) {
                ArrowBuf stored = buffers.get(b);
                own.add(stored.writerIndex() > 0 ? codec.decompress(vector.getAllocator(), stored) : stored);
                if (decompress) {
                    // decompress releases its input; the record batch still owns it
                    stored.getReferenceManager().retain();
                }
            }
            vector.loadFieldBuffers(batch.getNodes().get(index), own);
        } finally {
            if (decompress) {
                own.forEach(ArrowBuf::close);
            }
        }
    }

    private void releaseBatch() {
        if (batch != null) {
            batch.close();
            batch = null;
            for (int i = 0; i < loaded.length; i++) {
                if (loaded[i]) {
                    root.getVector(i).clear();
                    loaded[i] = false;
                }
            }
        }
        rowCount = 0;
    }

    /** Arrow's file reader, handing each record batch over instead of loading every vector of it. */
    private static final class ColumnLoadingReader extends ArrowFileReader {
        private RowsetReader owner;

        ColumnLoadingReader(FileChannel channel, BufferAllocator allocator) {
            super(channel, allocator, CommonsCompressionFactory.INSTANCE);
        }

        @Override
        protected void loadRecordBatch(ArrowRecordBatch batch) {
            owner.accept(batch);
        }
    }
}
