package io.tessera.fe.cluster;

import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated properties of {@code ALTER SYSTEM MODIFY BACKEND ... SET (...)}: a new tag map
 * (replacing the whole map, as in Doris), and the query/load switches. Empty optionals leave the
 * backend as it is.
 */
public record BackendModification(
        Optional<Map<String, String>> tags, Optional<Boolean> disableQuery, Optional<Boolean> disableLoad) {

    public static final String DISABLE_QUERY = "disable_query";
    public static final String DISABLE_LOAD = "disable_load";

    /**
     * Validates with Doris's rules: tags as in ADD but without a default location (and a location
     * is required when any tag is given); booleans must be {@code true} or {@code false} in any
     * case (Doris's text for boolean properties, {@code <key> must be `true` or `false`}; Doris's
     * MODIFY BACKEND itself reads anything else as false); any other key is refused, all unknown keys named at once.
     */
    public static BackendModification parse(Map<String, String> properties) {
        List<String> unknown = new ArrayList<>();
        for (String key : properties.keySet()) {
            if (!BackendTags.isTagKey(key) && !key.equals(DISABLE_QUERY) && !key.equals(DISABLE_LOAD)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new TesseraException("unknown properties setting for key (" + String.join(",", unknown) + ")");
        }
        Map<String, String> tags = BackendTags.parse(properties);
        if (!tags.isEmpty() && !tags.containsKey(BackendTags.LOCATION)) {
            throw new TesseraException("Backend must have location type tag. Eg: 'tag.location' = 'xxx'.");
        }
        return new BackendModification(
                tags.isEmpty() ? Optional.empty() : Optional.of(tags),
                Optional.ofNullable(properties.get(DISABLE_QUERY)).map(value -> parseBoolean(DISABLE_QUERY, value)),
                Optional.ofNullable(properties.get(DISABLE_LOAD)).map(value -> parseBoolean(DISABLE_LOAD, value)));
    }

    private static boolean parseBoolean(String key, String value) {
        String trimmed = value.strip();
        if (trimmed.equalsIgnoreCase("true")) {
            return true;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return false;
        }
        throw new TesseraException(key + " must be `true` or `false`");
    }
}
