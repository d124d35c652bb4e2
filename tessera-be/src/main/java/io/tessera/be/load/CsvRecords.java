package io.tessera.be.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV records as Doris reads them: one record per line, fields split on the column separator with
 * no quoting, {@code \N} for NULL, empty lines skipped. Separators are matched as bytes, so any
 * separator Doris accepts (multi-byte, {@code \x01}) works, and each field is decoded as UTF-8.
 *
 * <p>Threading: not thread-safe; one reader.
 */
public final class CsvRecords implements RecordSource {
    /** The longest line accepted. */
    public static final int MAX_LINE_BYTES = 64 << 20;

    private final LineReader lines;
    private final byte[] separator;

    public CsvRecords(InputStream body, byte[] separator, byte[] lineDelimiter) {
        this.lines = new LineReader(body, lineDelimiter, MAX_LINE_BYTES);
        this.separator = separator.clone();
    }

    @Override
    public SourceRecord next() throws IOException {
        while (lines.next()) {
            if (lines.length() == 0) {
                continue;
            }
            return SourceRecord.csv(split(lines.buffer(), lines.start(), lines.length(), separator));
        }
        return null;
    }

    @Override
    public String current() {
        return lines.text();
    }

    /** The fields of one line: split on every occurrence of the separator. */
    static List<String> split(byte[] bytes, int start, int length, byte[] separator) {
        List<String> fields = new ArrayList<>();
        int end = start + length;
        int fieldStart = start;
        byte first = separator[0];
        int i = start;
        while (i <= end - separator.length) {
            if (bytes[i] == first && matches(bytes, i, separator)) {
                fields.add(field(bytes, fieldStart, i));
                i += separator.length;
                fieldStart = i;
            } else {
                i++;
            }
        }
        fields.add(field(bytes, fieldStart, end));
        return fields;
    }

    private static boolean matches(byte[] bytes, int at, byte[] separator) {
        for (int j = 1; j < separator.length; j++) {
            if (bytes[at + j] != separator[j]) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] bytes, int from, int to) {
        if (to - from == 2 && bytes[from] == '\\' && bytes[from + 1] == 'N') {
            return null;
        }
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
