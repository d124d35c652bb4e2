package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled SQL LIKE pattern over UTF-8 bytes: {@code %} matches any run of characters, {@code _}
 * exactly one character (one to four bytes), {@code \} makes the next character literal; matching
 * is case-sensitive (binary, as Doris). The pattern is cut at each {@code %} into segments; a
 * segment matches at a position in one way only, so the first segment is anchored at the start, the
 * middle ones are taken leftmost, and the last is anchored at the end. Immutable.
 */
final class LikePattern {
    /** A segment's element: literal bytes, or null for {@code _}. */
    private final List<List<byte[]>> segments;

    private LikePattern(List<List<byte[]>> segments) {
        this.segments = segments;
    }

    static LikePattern compile(String pattern) {
        List<List<byte[]>> segments = new ArrayList<>();
        List<byte[]> segment = new ArrayList<>();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        int[] codePoints = pattern.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == '\\' && i + 1 < codePoints.length) {
                literal.writeBytes(new String(codePoints, ++i, 1).getBytes(StandardCharsets.UTF_8));
            } else if (c == '%') {
                flush(literal, segment);
                segments.add(segment);
                segment = new ArrayList<>();
            } else if (c == '_') {
                flush(literal, segment);
                segment.add(null);
            } else {
                literal.writeBytes(new String(codePoints, i, 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        flush(literal, segment);
        segments.add(segment);
        return new LikePattern(segments);
    }

    private static void flush(ByteArrayOutputStream literal, List<byte[]> segment) {
        if (literal.size() > 0) {
            segment.add(literal.toByteArray());
            literal.reset();
        }
    }

    /** Whether {@code text[start, end)} matches. */
    boolean matches(byte[] text, int start, int end) {
        if (segments.size() == 1) {
            return matchAt(segments.get(0), text, start, end) == end;
        }
        int position = matchAt(segments.get(0), text, start, end);
        if (position < 0) {
            return false;
        }
        for (int s = 1; s < segments.size() - 1; s++) {
            position = findLeftmost(segments.get(s), text, position, end);
            if (position < 0) {
                return false;
            }
        }
        List<byte[]> last = segments.get(segments.size() - 1);
        if (last.isEmpty()) {
            return true;
        }
        for (int p = position; p <= end; p += p < end ? Utf8.characterLength(text[p]) : 1) {
            if (matchAt(last, text, p, end) == end) {
                return true;
            }
        }
        return false;
    }

    /** Where the segment's match ending leftmost-starting at or after {@code from} ends; -1 if none. */
    private static int findLeftmost(List<byte[]> segment, byte[] text, int from, int end) {
        for (int p = from; p <= end; p += p < end ? Utf8.characterLength(text[p]) : 1) {
            int matched = matchAt(segment, text, p, end);
            if (matched >= 0) {
                return matched;
            }
        }
        return -1;
    }

    /** Where the segment ends when it matches at {@code position}; -1 when it does not. */
    private static int matchAt(List<byte[]> segment, byte[] text, int position, int end) {
        int p = position;
        for (byte[] element : segment) {
            if (element == null) {
                if (p >= end) {
                    return -1;
                }
                p += Utf8.characterLength(text[p]);
                if (p > end) {
                    return -1;
                }
            } else {
                if (end - p < element.length || !Arrays.equals(text, p, p + element.length, element, 0,
                        element.length)) {
                    return -1;
                }
                p += element.length;
            }
        }
        return p;
    }
}
