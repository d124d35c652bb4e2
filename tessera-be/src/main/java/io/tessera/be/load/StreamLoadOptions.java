package io.tessera.be.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A Stream Load's settings, read from its HTTP headers with Doris's names and defaults:
 * {@code label}, {@code column_separator} ({@code \t}), {@code line_delimiter} ({@code \n}),
 * {@code columns}, {@code format} ({@code csv} or {@code json}), {@code read_json_by_line},
 * {@code strip_outer_array}, {@code strict_mode} (false), {@code max_filter_ratio} (0) and
 * {@code timeout} (seconds; 0 = the FE's default). Separators may be written as Doris allows:
 * escapes {@code \t}, {@code \n}, {@code \\} and hex bytes {@code \x01}. Immutable.
 *
 * @param label           the label ("" lets the FE make one)
 * @param columnSeparator CSV field separator, as bytes
 * @param lineDelimiter   record separator, as bytes
 * @param columns         the {@code columns} header's names, in file order; empty means the table's
 * @param format          CSV or JSON
 * @param readJsonByLine  JSON: one value per line
 * @param stripOuterArray JSON: the records are the elements of an outer array
 * @param strictMode      a value that fails conversion filters its row (else it becomes NULL)
 * @param maxFilterRatio  the fraction of bad rows tolerated, 0..1
 * @param timeoutSeconds  how long the load may take; 0 for the FE's default
 */
public record StreamLoadOptions(String label, byte[] columnSeparator, byte[] lineDelimiter, List<String> columns,
                                Format format, boolean readJsonByLine, boolean stripOuterArray, boolean strictMode,
                                double maxFilterRatio, long timeoutSeconds) {
    /** The body's format. */
    public enum Format { CSV, JSON }

    /**
     * Doris headers that change what is loaded and that Tessera does not implement yet: refused,
     * rather than ignored, so a load never quietly differs from what the operator asked for.
     */
    static final List<String> UNSUPPORTED = List.of("where", "jsonpaths", "json_root", "partitions",
            "temporary_partitions", "merge_type", "delete", "sequence_col", "function_column.sequence_col",
            "hidden_columns", "partial_columns", "compress_type", "enclose", "escape", "trim_double_quotes",
            "skip_lines", "fuzzy_parse", "num_as_string");

    public StreamLoadOptions {
        columnSeparator = columnSeparator.clone();
        lineDelimiter = lineDelimiter.clone();
        columns = List.copyOf(columns);
    }

    @Override
    public byte[] columnSeparator() {
        return columnSeparator.clone();
    }

    @Override
    public byte[] lineDelimiter() {
        return lineDelimiter.clone();
    }

    /**
     * Reads the options from request headers.
     *
     * @param header a header's value by (case-insensitive) name, or null when absent
     * @throws IllegalArgumentException naming the header and value that cannot be used
     */
    public static StreamLoadOptions parse(Function<String, String> header) {
        for (String name : UNSUPPORTED) {
            if (header.apply(name) != null) {
                throw new IllegalArgumentException("the " + name + " header is not supported yet");
            }
        }
        if (bool(header, "two_phase_commit")) {
            throw new IllegalArgumentException("two_phase_commit is not supported yet");
        }
        String label = value(header, "label", "");
        byte[] separator = separator("column_separator", value(header, "column_separator", "\\t"));
        byte[] delimiter = separator("line_delimiter", value(header, "line_delimiter", "\\n"));
        String formatText = value(header, "format", "csv").toLowerCase(Locale.ROOT);
        Format format = switch (formatText) {
            case "csv", "" -> Format.CSV;
            case "json" -> Format.JSON;
            default -> throw new IllegalArgumentException("unknown data format: format: " + formatText
                    + " (use csv or json)");
        };
        double ratio = number(header, "max_filter_ratio", 0);
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("invalid max_filter_ratio: " + ratio + " (must be between 0 and 1)");
        }
        double timeout = number(header, "timeout", 0);
        if (timeout < 0 || timeout != Math.rint(timeout)) {
            throw new IllegalArgumentException("invalid timeout: " + value(header, "timeout", "")
                    + " (whole seconds expected)");
        }
        return new StreamLoadOptions(label, separator, delimiter, columns(value(header, "columns", "")), format,
                bool(header, "read_json_by_line"), bool(header, "strip_outer_array"), bool(header, "strict_mode"),
                ratio, (long) timeout);
    }

    /** The separator as the client wrote it, for messages ({@code \t} stays {@code \t}). */
    public static String describe(byte[] separator) {
        StringBuilder text = new StringBuilder();
        for (byte b : separator) {
            switch (b) {
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> {
                    if (b < 0x20 || b == 0x7f) {
                        text.append(String.format(Locale.ROOT, "\\x%02x", b));
                    } else {
                        text.append((char) (b & 0xff));
                    }
                }
            }
        }
        return text.toString();
    }

    static byte[] separator(String name, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == 't' || next == 'n' || next == 'r' || next == '\\') {
                    bytes.write(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : '\\');
                    i++;
                    continue;
                }
                if ((next == 'x' || next == 'X') && isHex(text, i + 2)) {
                    bytes.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                }
            }
            int codePoint = text.codePointAt(i);
            byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            bytes.write(encoded, 0, encoded.length);
            i += Character.charCount(codePoint) - 1;
        }
        if (bytes.size() == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(String text, int at) {
        return at + 2 <= text.length() && Character.digit(text.charAt(at), 16) >= 0
                && Character.digit(text.charAt(at + 1), 16) >= 0;
    }

    private static List<String> columns(String text) {
        List<String> names = new ArrayList<>();
        if (text.isBlank()) {
            return names;
        }
        for (String part : text.split(",", -1)) {
            String name = part.strip();
            if (name.startsWith("`") && name.endsWith("`") && name.length() >= 2) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("columns: '" + text + "' has an empty column name");
            }
            if (name.contains("=") || name.contains("(")) {
                throw new IllegalArgumentException("columns: '" + name.strip()
                        + "': column expressions are not supported; list plain column names");
            }
            names.add(name);
        }
        return names;
    }

    private static String value(Function<String, String> header, String name, String fallback) {
        String value = header.apply(name);
        return value == null ? fallback : value;
    }

    private static boolean bool(Function<String, String> header, String name) {
        String value = value(header, name, "false").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new IllegalArgumentException("invalid " + name + ": '" + value + "' (true or false)");
        };
    }

    private static double number(Function<String, String> header, String name, double fallback) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        double number;
        try {
            number = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            number = Double.NaN;
        }
        // NaN and the infinities (also "1e400") would pass every range check: NaN compares false.
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("invalid " + name + ": '" + value + "' is not a number");
        }
        return number;
    }
}
