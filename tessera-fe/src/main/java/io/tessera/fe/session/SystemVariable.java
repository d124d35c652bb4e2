package io.tessera.fe.session;

import java.util.Objects;

/**
 * The definition of one system variable.
 *
 * @param name         lower-case name
 * @param type         how values are parsed and shown
 * @param defaultValue the value before any SET: a Long, Boolean or String
 * @param readOnly     SET refuses it
 * @param nullable     {@code SET x = NULL} is allowed (character_set_results)
 */
public record SystemVariable(String name, VariableType type, Object defaultValue, boolean readOnly, boolean nullable) {
    public SystemVariable {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
