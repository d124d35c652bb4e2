package io.tessera.fe.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names {@code sql_mode} may hold, as Doris accepts them: a comma-separated list of known mode
 * names (any case; ANSI and TRADITIONAL stand for their members too) or a number whose bits are
 * Doris's mode bits. Anything else is refused with the name or number that is not a mode, as
 * Doris's check does. Tessera keeps the modes as text and enforces none of them (neither does
 * Doris for most). Stateless and thread-safe.
 */
final class SqlModes {
    /** Doris's mode bits, in its order. */
    private static final Map<String, Long> BITS = modeBits();
    private static final Map<String, Long> COMBINED = Map.of(
            "ANSI", bits("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "ONLY_FULL_GROUP_BY"),
            "TRADITIONAL", bits("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
                    "ERROR_FOR_DIVISION_BY_ZERO", "NO_ENGINE_SUBSTITUTION"));
    private static final long ALLOWED = BITS.values().stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a | b);

    private SqlModes() {
    }

    /**
     * The value to keep for {@code SET sql_mode = value}: the modes it names, upper case, in Doris's
     * order, combined modes followed by their members.
     *
     * @throws io.tessera.common.TesseraException WRONG_VALUE_FOR_VARIABLE naming the first entry that is not a mode
     */
    static String canonical(SystemVariable variable, String value) {
        long modes = 0;
        for (String entry : value.split(",")) {
            String key = entry.strip();
            if (key.isEmpty()) {
                continue;
            }
            long code;
            if (key.chars().allMatch(Character::isDigit)) {
                try {
                    code = expand(Long.parseLong(key));
                } catch (NumberFormatException e) {
                    throw SystemVariables.wrongValue(variable, key);
                }
            } else {
                String name = key.toUpperCase(Locale.ROOT);
                Long bit = BITS.get(name);
                if (bit == null) {
                    throw SystemVariables.wrongValue(variable, key);
                }
                code = bit | COMBINED.getOrDefault(name, 0L);
            }
            modes |= code;
            if ((modes & ~ALLOWED) != 0) {
                throw SystemVariables.wrongValue(variable, key);
            }
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Long> mode : BITS.entrySet()) {
            if ((modes & mode.getValue()) != 0) {
                names.add(mode.getKey());
            }
        }
        return String.join(",", names);
    }

    private static long expand(long modes) {
        long expanded = modes;
        for (Map.Entry<String, Long> combined : COMBINED.entrySet()) {
            if ((modes & BITS.get(combined.getKey())) != 0) {
                expanded |= combined.getValue();
            }
        }
        return expanded;
    }

    private static Map<String, Long> modeBits() {
        Map<String, Long> bits = new LinkedHashMap<>();
        bits.put("DEFAULT", 1L);
        bits.put("PIPES_AS_CONCAT", 2L);
        bits.put("ANSI_QUOTES", 4L);
        bits.put("IGNORE_SPACE", 8L);
        bits.put("NOT_USED", 16L);
        bits.put("ONLY_FULL_GROUP_BY", 32L);
        bits.put("NO_UNSIGNED_SUBTRACTION", 64L);
        bits.put("NO_DIR_IN_CREATE", 128L);
        bits.put("ANSI", 1L << 18);
        bits.put("NO_AUTO_VALUE_ON_ZERO", 1L << 19);
        bits.put("NO_BACKSLASH_ESCAPES", 1L << 20);
        bits.put("STRICT_TRANS_TABLES", 1L << 21);
        bits.put("STRICT_ALL_TABLES", 1L << 22);
        bits.put("NO_ZERO_IN_DATE", 1L << 23);
        bits.put("NO_ZERO_DATE", 1L << 24);
        bits.put("INVALID_DATES", 1L << 25);
        bits.put("ERROR_FOR_DIVISION_BY_ZERO", 1L << 26);
        bits.put("TRADITIONAL", 1L << 27);
        bits.put("HIGH_NOT_PRECEDENCE", 1L << 29);
        bits.put("NO_ENGINE_SUBSTITUTION", 1L << 30);
        bits.put("PAD_CHAR_TO_FULL_LENGTH", 1L << 31);
        bits.put("TIME_TRUNCATE_FRACTIONAL", 1L << 32);
        bits.put("REAL_AS_FLOAT", 1L << 34);
        return bits;
    }

    private static long bits(String... names) {
        long bits = 0;
        for (String name : names) {
            bits |= BITS.get(name);
        }
        return bits;
    }
}
