package io.tessera.fe.mysql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protocol's basic types (fixed-length little-endian integers, length-encoded
 * integers and strings, NUL-terminated strings) from one packet payload, checking every read
 * against the payload's end so that a short or lying packet becomes a
 * {@link MalformedPacketException} rather than an index error.
 *
 * <p>Not thread-safe; one instance reads one payload on one thread.
 */
final class PayloadReader {
    private final byte[] payload;
    private int position;

    PayloadReader(byte[] payload) {
        this.payload = payload;
    }

    int remaining() {
        return payload.length - position;
    }

    boolean hasRemaining() {
        return position < payload.length;
    }

    int readInt1() {
        require(1, "int<1>");
        return payload[position++] & 0xff;
    }

    int readInt2() {
        require(2, "int<2>");
        int value = (payload[position] & 0xff) | (payload[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    int readInt4() {
        require(4, "int<4>");
        int value = (payload[position] & 0xff)
                | (payload[position + 1] & 0xff) << 8
                | (payload[position + 2] & 0xff) << 16
                | (payload[position + 3] & 0xff) << 24;
        position += 4;
        return value;
    }

    /** A length-encoded integer; 0xFB (NULL) and 0xFF are not valid here. */
    long readLenencInt() {
        int first = readInt1();
        if (first < 0xfb) {
            return first;
        }
        int size;
        switch (first) {
            case 0xfc:
                size = 2;
                break;
            case 0xfd:
                size = 3;
                break;
            case 0xfe:
                size = 8;
                break;
            default:
                throw new MalformedPacketException(
                        String.format("invalid length-encoded integer prefix 0x%02x", first));
        }
        require(size, "length-encoded integer");
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (payload[position + i] & 0xff) << (8 * i);
        }
        position += size;
        return value;
    }

    byte[] readBytes(long length) {
        if (length < 0 || length > remaining()) {
            throw new MalformedPacketException(
                    "field of " + length + " bytes overruns the packet (" + remaining() + " bytes left)");
        }
        byte[] bytes = Arrays.copyOfRange(payload, position, position + (int) length);
        position += (int) length;
        return bytes;
    }

    byte[] readLenencBytes() {
        return readBytes(readLenencInt());
    }

    /** Bytes up to (not including) the next NUL, which is consumed; fails without a NUL. */
    byte[] readNulTerminatedBytes() {
        int end = indexOfNul();
        if (end < 0) {
            throw new MalformedPacketException("missing NUL terminator");
        }
        byte[] bytes = Arrays.copyOfRange(payload, position, end);
        position = end + 1;
        return bytes;
    }

    String readNulTerminatedString() {
        return new String(readNulTerminatedBytes(), StandardCharsets.UTF_8);
    }

    /** Up to the next NUL if there is one, else to the end of the payload. */
    String readNulTerminatedOrRestString() {
        return indexOfNul() < 0 ? readRestString() : readNulTerminatedString();
    }

    byte[] readRest() {
        return readBytes(remaining());
    }

    String readRestString() {
        return new String(readRest(), StandardCharsets.UTF_8);
    }

    void skip(long length) {
        readBytes(length);
    }

    private int indexOfNul() {
        for (int i = position; i < payload.length; i++) {
            if (payload[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private void require(int bytes, String what) {
        if (remaining() < bytes) {
            throw new MalformedPacketException(
                    "packet ends before " + what + " at offset " + position + " of " + payload.length);
        }
    }
}
