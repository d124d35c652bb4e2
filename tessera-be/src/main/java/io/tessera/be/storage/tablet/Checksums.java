package io.tessera.be.storage.tablet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** CRC-32C of whole files, the checksum recorded for every rowset file. Stateless. */
public final class Checksums {
    private static final int BUFFER_BYTES = 1 << 20;

    private Checksums() {
    }

    /** The file's size and CRC-32C, read in one pass. */
    public static FileChecksum of(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                size += buffer.remaining();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return new FileChecksum(size, (int) crc.getValue());
    }

    /**
     * A file's size and checksum.
     *
     * @param byteSize the file's length
     * @param crc32c   its CRC-32C, as the unsigned 32 bits stored in {@code RowsetMeta.crc32c}
     */
    public record FileChecksum(long byteSize, int crc32c) {
        /** Hexadecimal spelling of the checksum, for messages. */
        public static String hex(int crc32c) {
            return String.format("%08x", crc32c);
        }
    }
}
