package io.tessera.be.storage.tablet;

import io.tessera.common.TesseraException;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one rowset file record batch by record batch into a reused {@link VectorSchemaRoot}, after
 * checking that the file's Arrow schema is the tablet's. Compressed and plain files both read.
 *
 * <p>Threading: not thread-safe; one scan owns a reader.
 */
public final class RowsetReader implements AutoCloseable {
    private final ArrowFileReader reader;
    private final VectorSchemaRoot root;

    private RowsetReader(ArrowFileReader reader, VectorSchemaRoot root) {
        this.reader = reader;
        this.root = root;
    }

    /**
     * @throws TesseraException when the file's schema is not the tablet's
     * @throws IOException      when the file cannot be read (missing, truncated, not Arrow)
     */
    public static RowsetReader open(Path file, TabletSchema schema, BufferAllocator allocator) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE);
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

    /** The vectors of the current record batch (valid until the next {@link #next} or close). */
    public VectorSchemaRoot root() {
        return root;
    }

    /** Loads the next record batch; false at the end of the file. */
    public boolean next() throws IOException {
        return reader.loadNextBatch();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
