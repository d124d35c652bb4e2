package io.tessera.fe.journal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.tessera.fe.meta.MetadataImage;
import io.tessera.proto.journal.SnapshotRecord;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The byte format of a metadata snapshot file: a header (magic {@code TSNP}, format version,
 * term, index), the {@link SnapshotRecord}s of a {@link MetadataImage}, each length-delimited, a
 * trailer (magic {@code TEND}, the record count) and a CRC-32C of every byte before it. A file that
 * is truncated, altered or of another kind fails {@link #read} with a {@link CorruptSnapshotException}
 * saying what is wrong, before any record reaches the state.
 *
 * <p>Threading: stateless; both methods may run on any thread.
 */
final class SnapshotCodec {
    static final int MAGIC = 0x54534E50; // "TSNP"
    static final int TRAILER_MAGIC = 0x54454E44; // "TEND"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 4 + 4 + 8 + 8;
    static final int TRAILER_BYTES = 4 + 8;
    static final int CRC_BYTES = 4;

    /** A snapshot read back: where it stands in the journal, and its records in file order. */
    record Decoded(long term, long index, List<SnapshotRecord> records) {
    }

    /** Signals a snapshot file that must not be loaded. */
    static final class CorruptSnapshotException extends IOException {
        CorruptSnapshotException(String message) {
            super(message);
        }

        CorruptSnapshotException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private SnapshotCodec() {
    }

    /** Writes {@code image} as of journal position {@code term}/{@code index}; the caller fsyncs. */
    static void write(OutputStream out, long term, long index, MetadataImage image) throws IOException {
        CRC32C crc = new CRC32C();
        CheckedOutputStream checked = new CheckedOutputStream(out, crc);
        CodedOutputStream coded = CodedOutputStream.newInstance(checked, 64 * 1024);
        coded.writeFixed32NoTag(Integer.reverseBytes(MAGIC));
        coded.writeFixed32NoTag(Integer.reverseBytes(FORMAT_VERSION));
        coded.writeFixed64NoTag(Long.reverseBytes(term));
        coded.writeFixed64NoTag(Long.reverseBytes(index));
        long[] count = {0};
        try {
            image.forEachRecord(record -> {
                try {
                    coded.writeUInt32NoTag(record.getSerializedSize());
                    record.writeTo(coded);
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        coded.writeFixed32NoTag(Integer.reverseBytes(TRAILER_MAGIC));
        coded.writeFixed64NoTag(Long.reverseBytes(count[0]));
        coded.flush();
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.flush();
    }

    /**
     * Reads a whole snapshot of {@code sizeBytes} bytes and checks it; the records are returned
     * only when every check passed.
     */
    static Decoded read(InputStream in, long sizeBytes) throws IOException {
        if (sizeBytes < HEADER_BYTES + TRAILER_BYTES + CRC_BYTES) {
            throw new CorruptSnapshotException("too short (" + sizeBytes + " bytes): truncated");
        }
        CRC32C crc = new CRC32C();
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(in, 64 * 1024), crc);
        DataInputStream data = new DataInputStream(checked);
        try {
            int magic = data.readInt();
            if (magic != MAGIC) {
                throw new CorruptSnapshotException(String.format("wrong magic 0x%08x: not a Tessera snapshot", magic));
            }
            int version = data.readInt();
            if (version != FORMAT_VERSION) {
                throw new CorruptSnapshotException("unknown format version " + version + " (this FE reads "
                        + FORMAT_VERSION + ")");
            }
            long term = data.readLong();
            long index = data.readLong();
            long recordBytes = sizeBytes - HEADER_BYTES - TRAILER_BYTES - CRC_BYTES;
            List<SnapshotRecord> records = new ArrayList<>();
            CodedInputStream coded = CodedInputStream.newInstance(new BoundedInputStream(checked, recordBytes));
            coded.setSizeLimit(Integer.MAX_VALUE);
            while (!coded.isAtEnd()) {
                int length = coded.readUInt32();
                int limit = coded.pushLimit(length);
                records.add(SnapshotRecord.parseFrom(coded));
                coded.checkLastTagWas(0);
                coded.popLimit(limit);
                coded.resetSizeCounter();
            }
            int trailerMagic = data.readInt();
            long count = data.readLong();
            long expectedCrc = crc.getValue() & 0xFFFFFFFFL;
            long storedCrc = data.readInt() & 0xFFFFFFFFL;
            if (storedCrc != expectedCrc) {
                throw new CorruptSnapshotException(String.format("CRC-32C mismatch (stored %08x, computed %08x)",
                        storedCrc, expectedCrc));
            }
            if (trailerMagic != TRAILER_MAGIC || count != records.size()) {
                throw new CorruptSnapshotException("bad trailer (" + records.size() + " records read, trailer says "
                        + count + ")");
            }
            if (data.read() != -1) {
                throw new CorruptSnapshotException("bytes after the trailer");
            }
            return new Decoded(term, index, List.copyOf(records));
        } catch (EOFException e) {
            throw new CorruptSnapshotException("ends early: truncated", e);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CorruptSnapshotException("unreadable record: " + e.getMessage(), e);
        }
    }

    /** Lets a reader consume exactly the record section, leaving the trailer in the stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
