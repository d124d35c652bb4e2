package io.tessera.fe.config;

/**
 * One FE config key as {@code SHOW FRONTEND CONFIG} describes it.
 *
 * @param name         the key, as Doris spells it in fe.conf
 * @param type         its type
 * @param defaultValue the value when fe.conf does not give one, canonical text
 * @param mutable      whether {@code ADMIN SET FRONTEND CONFIG} may change it while the FE runs;
 *                     the others are read once at start
 * @param masterOnly   Doris's flag: the key matters on the master only
 * @param comment      the {@code Comment} column (Doris prints its annotation's, usually empty)
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, boolean mutable, boolean masterOnly,
                        String comment) {
    public ConfigKey {
        defaultValue = type.canonical(defaultValue);
    }
}
