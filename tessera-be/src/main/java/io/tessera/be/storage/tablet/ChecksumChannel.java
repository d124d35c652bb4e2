package io.tessera.be.storage.tablet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/**
 * A file channel that computes the CRC-32C and length of everything written through it, so a
 * rowset's checksum costs no second read. Arrow's file writer only appends, so the running checksum
 * is the file's. Not thread-safe (one writer).
 */
final class ChecksumChannel implements WritableByteChannel {
    private final FileChannel file;
    private final CRC32C crc = new CRC32C();
    private long bytesWritten;

    ChecksumChannel(FileChannel file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        ByteBuffer written = source.duplicate();
        int count = file.write(source);
        written.limit(written.position() + count);
        crc.update(written);
        bytesWritten += count;
        return count;
    }

    /** Flushes everything written so far to the device. */
    void force() throws IOException {
        file.force(true);
    }

    long bytesWritten() {
        return bytesWritten;
    }

    int crc32c() {
        return (int) crc.getValue();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
