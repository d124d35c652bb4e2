package io.tessera.be.storage.tablet;

import io.tessera.proto.data.RowBatch;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one rowset file in Arrow IPC file format: rows arrive as {@link RowBatch}es (a load's,
 * already validated) or as Arrow record batches of other rowset files (a compaction's), are gathered into record batches of up to {@value #ROWS_PER_RECORD_BATCH} rows, and
 * {@link #finish} writes the footer, fsyncs the file and closes it, returning its size and CRC-32C
 * (computed while writing). The caller renames the file into place. {@link #close} without
 * {@link #finish} discards the file. Arrow memory comes from a child of the given allocator and is
 * returned on close.
 *
 * <p>Threading: not thread-safe; one load stream or one compaction owns a writer.
 */
public final class RowsetWriter implements AutoCloseable {
    /** Rows per Arrow record batch. */
    public static final int ROWS_PER_RECORD_BATCH = 65_536;
    private static final int ZSTD_LEVEL = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RowsetWriter.class);

    private final Path file;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final ChecksumChannel channel;
    private final ArrowFileWriter writer;
    private final RowBatchToArrow converter;
    private int buffered;
    private long rowCount;
    private boolean finished;
    private boolean closed;

    private RowsetWriter(Path file, BufferAllocator allocator, VectorSchemaRoot root, ChecksumChannel channel,
                         ArrowFileWriter writer, RowBatchToArrow converter) {
        this.file = file;
        this.allocator = allocator;
        this.root = root;
        this.channel = channel;
        this.writer = writer;
        this.converter = converter;
    }

    /**
     * Creates {@code file} (which must not exist) and writes the Arrow header.
     *
     * @param parent the allocator a child is taken from for this file's buffers
     */
    public static RowsetWriter create(Path file, TabletSchema schema, BufferAllocator parent,
                                      RowsetCompression compression) throws IOException {
        FileChannel fileChannel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        BufferAllocator allocator = null;
        VectorSchemaRoot root = null;
        try {
            allocator = parent.newChildAllocator("rowset " + file.getFileName(), 0, parent.getLimit());
            root = VectorSchemaRoot.create(ColumnTypes.arrowSchema(schema), allocator);
            root.allocateNew();
            ChecksumChannel channel = new ChecksumChannel(fileChannel);
            ArrowFileWriter writer = compression == RowsetCompression.ZSTD
                    ? new ArrowFileWriter(root, null, channel, Map.of(), IpcOption.DEFAULT,
                    CommonsCompressionFactory.INSTANCE, CompressionUtil.CodecType.ZSTD, Optional.of(ZSTD_LEVEL))
                    : new ArrowFileWriter(root, null, channel);
            writer.start();
            return new RowsetWriter(file, allocator, root, channel, writer, new RowBatchToArrow(schema));
        } catch (IOException | RuntimeException e) {
            fileChannel.close();
            if (root != null) {
                root.close();
            }
            if (allocator != null) {
                allocator.close();
            }
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Appends every row of a validated batch. */
    public void append(RowBatch batch) throws IOException {
        requireOpen();
        int from = 0;
        int remaining = batch.getRowCount();
        while (remaining > 0) {
            int count = Math.min(remaining, ROWS_PER_RECORD_BATCH - buffered);
            converter.append(batch, from, count, root, buffered);
            buffered += count;
            rowCount += count;
            from += count;
            remaining -= count;
            if (buffered == ROWS_PER_RECORD_BATCH) {
                flushRecordBatch();
            }
        }
    }

    /**
     * Appends every row of a record batch read from another rowset file of the same schema (a
     * compaction's input), copying values as they are, NULLs included.
     */
    public void append(VectorSchemaRoot source) throws IOException {
        requireOpen();
        List<FieldVector> from = source.getFieldVectors();
        List<FieldVector> to = root.getFieldVectors();
        int next = 0;
        int remaining = source.getRowCount();
        while (remaining > 0) {
            int count = Math.min(remaining, ROWS_PER_RECORD_BATCH - buffered);
            for (int c = 0; c < to.size(); c++) {
                FieldVector target = to.get(c);
                FieldVector values = from.get(c);
                for (int i = 0; i < count; i++) {
                    target.copyFromSafe(next + i, buffered + i, values);
                }
            }
            buffered += count;
            rowCount += count;
            next += count;
            remaining -= count;
            if (buffered == ROWS_PER_RECORD_BATCH) {
                flushRecordBatch();
            }
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /** Writes the last record batch and the footer, fsyncs and closes the file. */
    public WrittenRowset finish() throws IOException {
        requireOpen();
        if (buffered > 0) {
            flushRecordBatch();
        }
        writer.end();
        channel.force();
        finished = true;
        close();
        return new WrittenRowset(file, rowCount, channel.bytesWritten(), channel.crc32c());
    }

    private void flushRecordBatch() throws IOException {
        root.setRowCount(buffered);
        writer.writeBatch();
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
        buffered = 0;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("rowset writer of " + file + " is closed");
        }
    }

    /** Releases the Arrow memory; without a prior {@link #finish}, deletes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (RuntimeException e) {
            if (finished) {
                throw new IllegalStateException("cannot close rowset file " + file, e);
            }
            LOG.debug("closing abandoned rowset file {}: {}", file, e.toString());
        } finally {
            root.close();
            allocator.close();
            if (!finished) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("cannot delete abandoned rowset file {}: {}", file, e.toString());
                }
            }
        }
    }

    /**
     * A finished rowset file.
     *
     * @param file     where it is (the caller renames it)
     * @param rowCount rows in it
     * @param byteSize its length
     * @param crc32c   its CRC-32C
     */
    public record WrittenRowset(Path file, long rowCount, long byteSize, int crc32c) {
    }
}
