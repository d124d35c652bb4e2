package io.tessera.common;

import java.util.Map;

/** Typed reads of raw fe.conf / be.conf values, with errors that name the key and the value. Immutable. */
public final class ConfigValues {
    private final Map<String, String> values;

    public ConfigValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public int integer(String key, int defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config " + key + " = '" + text + "' is not a whole number");
        }
    }

    /** A whole number of at least 1. */
    public int positiveInteger(String key, int defaultValue) {
        int value = integer(key, defaultValue);
        requirePositive(key, value);
        return value;
    }

    /**
     * Refuses a limit below 1 with the same text a bad fe.conf / be.conf value gets; for the
     * compact constructors of limit records, which are also built from code.
     */
    public static void requirePositive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("config " + key + " = " + value + " must be at least 1");
        }
    }

    /** A whole number of at least 1, up to {@code Long.MAX_VALUE}. */
    public long positiveLong(String key, long defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config " + key + " = '" + text + "' is not a whole number");
        }
        requirePositive(key, value);
        return value;
    }

    /** A port 0..65535; 0 asks the system for a free one (tests). */
    public int port(String key, int defaultValue) {
        int port = integer(key, defaultValue);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("config " + key + " = " + port + " is not a port (0..65535)");
        }
        return port;
    }

    /** A port, or -1 for "no such service". */
    public int optionalPort(String key, int defaultValue) {
        int port = integer(key, defaultValue);
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("config " + key + " = " + port + " is not a port (0..65535) or -1");
        }
        return port;
    }
}
