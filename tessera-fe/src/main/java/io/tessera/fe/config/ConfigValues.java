package io.tessera.fe.config;

import java.util.Map;

/** Typed reads of raw config values, with errors that name the key. Immutable. */
final class ConfigValues {
    private final Map<String, String> values;

    ConfigValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    int integer(String key, int defaultValue) {
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

    int port(String key, int defaultValue) {
        int port = integer(key, defaultValue);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("config " + key + " = " + port + " is not a port (0..65535)");
        }
        return port;
    }
}
