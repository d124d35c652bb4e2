package io.tessera.be.clone;

import io.tessera.be.storage.BackendFailure;
import io.tessera.be.storage.tablet.Checksums.FileChecksum;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.tablet.RowsetMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One rowset file being received into a staging folder: its chunks must come in order, and when
 * the last byte is in, the size and CRC-32C of what was written must be the ones the source's
 * header announced; the file is then fsynced. Anything else fails the clone as CORRUPTED.
 *
 * <p>Threading: confined to the clone's worker thread.
 */
final class StagedFile implements AutoCloseable {
    private final RowsetMeta rowset;
    private final Path file;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private long written;

    private StagedFile(RowsetMeta rowset, Path file, FileChannel channel) {
        this.rowset = rowset;
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code <folder>/<rowset's file name>} for writing, new. */
    static StagedFile open(Path folder, RowsetMeta rowset) throws IOException {
        Path file = folder.resolve(rowset.getFileName());
        return new StagedFile(rowset, file, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    /** Appends a chunk that must start where the last one ended. */
    void append(long offset, ByteBuffer data) throws IOException {
        if (offset != written) {
            throw new BackendFailure(StatusCode.CORRUPTED, "rowset file " + rowset.getFileName() + ": a chunk at offset "
                    + offset + " arrived after " + written + " bytes");
        }
        if (written + data.remaining() > rowset.getByteSize()) {
            throw new BackendFailure(StatusCode.CORRUPTED, "rowset file " + rowset.getFileName() + " is longer than the "
                    + rowset.getByteSize() + " bytes announced");
        }
        crc.update(data.duplicate());
        written += data.remaining();
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    boolean complete() {
        return written == rowset.getByteSize();
    }

    /** Checks the size and checksum of what was written, then fsyncs the file. */
    void finish() throws IOException {
        int actual = (int) crc.getValue();
        if (written != rowset.getByteSize() || actual != rowset.getCrc32C()) {
            throw new BackendFailure(StatusCode.CORRUPTED, "rowset file " + rowset.getFileName() + " arrived damaged ("
                    + written + " bytes, crc32c " + FileChecksum.hex(actual) + "; expected " + rowset.getByteSize()
                    + " bytes, crc32c " + FileChecksum.hex(rowset.getCrc32C()) + ")");
        }
        channel.force(true);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
