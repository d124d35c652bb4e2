package io.tessera.fe.config;

/**
 * One FE config key as {@code SHOW FRONTEND CONFIG} describes it, and how a value of it is checked.
 *
 * @param name         the key, as Doris spells it in fe.conf
 * @param type         its type
 * @param defaultValue the value when fe.conf does not give one, canonical text
 * @param mutable      whether {@code ADMIN SET FRONTEND CONFIG} may change it while the FE runs;
 *                     the others are read once at start
 * @param masterOnly   Doris's flag: the key matters on the master only
 * @param comment      the {@code Comment} column (Doris prints its annotation's, usually empty)
 * @param minimumValue the least number the key takes ({@link Long#MIN_VALUE}: any); Doris checks no
 *                     range, Tessera does where a smaller value would break its consumer
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, boolean mutable, boolean masterOnly,
                        String comment, long minimumValue) {
    public ConfigKey {
        defaultValue = type.canonical(defaultValue);
    }

    /** A key whose numbers are not range-checked, as every key is in Doris. */
    public ConfigKey(String name, ConfigType type, String defaultValue, boolean mutable, boolean masterOnly,
                     String comment) {
        this(name, type, defaultValue, mutable, masterOnly, comment, Long.MIN_VALUE);
    }

    /**
     * The canonical text of a value of this key.
     *
     * @throws IllegalArgumentException with Doris's cause text when the text is not of the key's
     *                                  type, or Tessera's when the number is below the minimum
     */
    public String canonical(String text) {
        Object value = type.parse(text);
        if (value instanceof Number number && !(value instanceof Double) && number.longValue() < minimumValue) {
            throw new IllegalArgumentException(number + " is less than the minimum " + minimumValue);
        }
        return String.valueOf(value);
    }
}
