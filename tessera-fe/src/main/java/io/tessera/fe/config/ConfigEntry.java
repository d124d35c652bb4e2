package io.tessera.fe.config;

/**
 * One row of {@code SHOW FRONTEND CONFIG}: a key and the value in force.
 *
 * @param key   the key's description
 * @param value the value in force, canonical text
 */
public record ConfigEntry(ConfigKey key, String value) {
}
