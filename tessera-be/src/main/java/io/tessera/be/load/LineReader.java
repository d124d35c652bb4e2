package io.tessera.be.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines on a delimiter of one or more bytes, reading a buffer at a time:
 * only the current line (and one buffer) is ever in memory. The last line needs no delimiter.
 * A line longer than the limit fails the read, so a body without delimiters cannot exhaust memory.
 *
 * <p>Threading: not thread-safe; one reader.
 */
public final class LineReader {
    static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final int maxLineBytes;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean end;
    private int lineStart;
    private int lineLength;

    public LineReader(InputStream in, byte[] delimiter, int maxLineBytes) {
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("the line delimiter is empty");
        }
        this.in = in;
        this.delimiter = delimiter.clone();
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        int searchFrom = position;
        while (true) {
            int found = indexOfDelimiter(searchFrom);
            if (found >= 0) {
                lineStart = position;
                lineLength = found - position;
                position = found + delimiter.length;
                return true;
            }
            if (end) {
                if (position < limit) {
                    lineStart = position;
                    lineLength = limit - position;
                    position = limit;
                    return true;
                }
                return false;
            }
            int scanned = limit - position;
            fill();
            searchFrom = position + Math.max(0, scanned - delimiter.length + 1);
        }
    }

    /** The current line's bytes: {@link #buffer()} from {@link #start()}, {@link #length()} long. */
    public byte[] buffer() {
        return buffer;
    }

    public int start() {
        return lineStart;
    }

    public int length() {
        return lineLength;
    }

    /** The current line as UTF-8 text. */
    public String text() {
        return new String(buffer, lineStart, lineLength, StandardCharsets.UTF_8);
    }

    private int indexOfDelimiter(int from) {
        byte first = delimiter[0];
        for (int i = from; i <= limit - delimiter.length; i++) {
            if (buffer[i] == first && matches(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(int at) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            if (buffer.length >= maxLineBytes) {
                throw new IOException("a line is longer than " + maxLineBytes + " bytes: is line_delimiter right?");
            }
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            end = true;
        } else {
            limit += n;
        }
    }
}
