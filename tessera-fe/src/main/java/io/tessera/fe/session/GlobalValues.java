package io.tessera.fe.session;

import java.util.HashMap;
import java.util.Map;

/**
 * The global values of the system variables at one moment: what a session copies when it
 * connects, so that a later {@code SET GLOBAL} reaches only new sessions, as in MySQL and Doris.
 *
 * <p>Threading: immutable; reading a value is one map lookup, copying them is keeping the reference.
 */
public final class GlobalValues {
    static final GlobalValues NONE = new GlobalValues(Map.of());

    /** Values set by {@code SET GLOBAL}, by variable name; {@link NullValue} marks NULL. */
    private final Map<String, Object> values;

    private GlobalValues(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The variable's global value at that moment: its default unless SET GLOBAL changed it; may be null. */
    public Object value(SystemVariable variable) {
        Object value = values.get(variable.name());
        if (value == null) {
            return variable.defaultValue();
        }
        return value == NullValue.INSTANCE ? null : value;
    }

    /** These values with one variable's changed; {@code value} may be null. */
    GlobalValues with(SystemVariable variable, Object value) {
        Map<String, Object> copy = new HashMap<>(values);
        copy.put(variable.name(), value == null ? NullValue.INSTANCE : value);
        return new GlobalValues(copy);
    }

    /** Marks an explicit NULL in the immutable map, which cannot hold null. */
    private enum NullValue {
        INSTANCE
    }
}
