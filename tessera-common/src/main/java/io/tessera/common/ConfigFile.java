package io.tessera.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Doris-style configuration files ({@code fe.conf}, {@code be.conf}): one
 * {@code key = value} per line, {@code #} starts a comment line, blank lines are ignored, and a
 * later line for the same key wins. Values are kept as written (trimmed); typing and defaults are
 * the job of each component's config class.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Parses a file; a line without {@code =} is an error naming the file and line. */
    public static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    public static Map<String, String> parse(List<String> lines, String sourceName) {
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        sourceName + ":" + lineNumber + ": expected 'key = value', got '" + line + "'");
            }
            values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
        }
        return values;
    }

    /** Doris's files often quote values: {@code JAVA_OPTS = "-Xmx1g"}. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
