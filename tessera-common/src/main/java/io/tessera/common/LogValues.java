package io.tessera.common;

/**
 * Bounds user-supplied values (statement texts, hosts, labels, headers) before they go into a
 * log line or an error message, so that no single request can write an unbounded line: a value
 * longer than the bound keeps its head and gets a marker saying how much was cut. Control
 * characters become spaces, so a value cannot forge a second log line. Stateless and
 * thread-safe.
 */
public final class LogValues {
    /** The default bound, in characters, of one user value in a log line. */
    public static final int DEFAULT_MAX_CHARS = 256;

    private LogValues() {
    }

    /** {@code value} cut to {@link #DEFAULT_MAX_CHARS}. */
    public static String bounded(String value) {
        return bounded(value, DEFAULT_MAX_CHARS);
    }

    /** {@code value} cut to {@code maxChars} characters plus {@code ...(N more chars)}; null stays "null". */
    public static String bounded(String value, int maxChars) {
        if (value == null) {
            return "null";
        }
        int kept = Math.min(value.length(), maxChars);
        StringBuilder result = new StringBuilder(kept + 24);
        for (int i = 0; i < kept; i++) {
            char c = value.charAt(i);
            result.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        if (value.length() > maxChars) {
            result.append("...(").append(value.length() - maxChars).append(" more chars)");
        }
        return result.toString();
    }
}
