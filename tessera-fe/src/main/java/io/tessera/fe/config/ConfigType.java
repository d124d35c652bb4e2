package io.tessera.fe.config;

import java.util.Locale;

/**
 * The type of an FE config key, named as Doris's {@code SHOW FRONTEND CONFIG} names it (the Java
 * field type's simple name), and how a value of it is read from text. Reading follows Doris's
 * {@code ConfigBase}: a boolean is {@code true} or {@code false} in any case, else
 * {@code type mismatch}; a number is Java's parse of the text, whose exception message is what
 * Doris prints. Values are kept as canonical text (Java's {@code toString} of the parsed value).
 */
public enum ConfigType {
    INT("int"),
    LONG("long"),
    BOOLEAN("boolean"),
    DOUBLE("double"),
    STRING("String");

    private final String displayName;

    ConfigType(String displayName) {
        this.displayName = displayName;
    }

    /** The name in the {@code Type} column. */
    public String displayName() {
        return displayName;
    }

    /**
     * The value in its type.
     *
     * @throws IllegalArgumentException with Doris's cause text when the text is not of this type
     */
    public Object parse(String text) {
        return switch (this) {
            case INT -> Integer.parseInt(text.strip());
            case LONG -> Long.parseLong(text.strip());
            case DOUBLE -> Double.parseDouble(text.strip());
            case BOOLEAN -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("type mismatch");
            };
            case STRING -> text;
        };
    }

    /** The text a value of this type is kept, journaled and shown as. */
    public String canonical(String text) {
        return String.valueOf(parse(text));
    }
}
