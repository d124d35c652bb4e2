package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protocol's basic types (length-encoded integers and strings, NUL-terminated
 * strings) into a payload buffer. Fixed-length integers are plain {@code ByteBuf.write*LE}
 * calls.
 *
 * <p>Stateless; safe from any thread.
 */
final class PayloadEncoding {
    /** The length-encoded-string marker of SQL NULL in a text row. */
    static final int NULL_CELL = 0xfb;

    private PayloadEncoding() {
    }

    static void writeLenencInt(ByteBuf buffer, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative length-encoded integer: " + value);
        }
        if (value < 0xfb) {
            buffer.writeByte((int) value);
        } else if (value < 1 << 16) {
            buffer.writeByte(0xfc);
            buffer.writeShortLE((int) value);
        } else if (value < 1 << 24) {
            buffer.writeByte(0xfd);
            buffer.writeMediumLE((int) value);
        } else {
            buffer.writeByte(0xfe);
            buffer.writeLongLE(value);
        }
    }

    static void writeLenencBytes(ByteBuf buffer, byte[] bytes) {
        writeLenencInt(buffer, bytes.length);
        buffer.writeBytes(bytes);
    }

    /**
     * The text's UTF-8 with its length first. ASCII text (most cells: a SHOW BACKENDS of 1,000 rows
     * has 29,000) is written in place, with no {@code byte[]}; other text goes through
     * {@code String.getBytes}, whose spelling of malformed text is the one clients have always had.
     */
    static void writeLenencString(ByteBuf buffer, String text) {
        if (ascii(text)) {
            writeLenencInt(buffer, text.length());
            ByteBufUtil.writeAscii(buffer, text);
        } else {
            writeLenencBytes(buffer, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static void writeNulTerminatedString(ByteBuf buffer, String text) {
        buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        buffer.writeByte(0);
    }

    static void writeString(ByteBuf buffer, String text) {
        buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
