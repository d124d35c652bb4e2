package io.tessera.fe.cluster;

import io.tessera.common.TesseraException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Doris's backend tags: {@code "tag.<type>" = "<value>"} properties, validated with Doris's
 * formats and messages. The {@code location} tag decides where replicas may go. Stateless.
 */
public final class BackendTags {
    public static final String LOCATION = "location";
    public static final String DEFAULT_LOCATION = "default";

    private static final Pattern TYPE_FORMAT = Pattern.compile("^[a-z][a-z0-9_]{0,32}$");
    private static final Pattern VALUE_FORMAT = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]{0,32}$");
    private static final Pattern ENDPOINT_FORMAT = Pattern.compile("^[a-zA-Z0-9.-]+(:[0-9]+)?$");

    private BackendTags() {
    }

    /** True for {@code tag.<type>}: the key has exactly two dot-separated parts. */
    public static boolean isTagKey(String key) {
        return key.startsWith("tag.") && key.split("\\.", -1).length == 2;
    }

    /**
     * Collects and validates the tags among the properties; other keys are not looked at. The
     * result has {@code location} first when present. Values lose their spaces, as in Doris.
     */
    public static Map<String, String> parse(Map<String, String> properties) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (!isTagKey(entry.getKey())) {
                continue;
            }
            String type = entry.getKey().substring("tag.".length());
            String value = entry.getValue().replaceAll(" ", "");
            validate(type, value);
            tags.put(type, value);
        }
        return locationFirst(tags);
    }

    /** The ADD BACKEND rule: without a location tag, the backend is in {@code default}. */
    public static Map<String, String> withDefaultLocation(Map<String, String> tags) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put(LOCATION, tags.getOrDefault(LOCATION, DEFAULT_LOCATION));
        result.putAll(tags);
        return result;
    }

    /** Doris's display: {@code {"location" : "default"}}. */
    public static String toDisplayJson(Map<String, String> tags) {
        StringBuilder text = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> entry : tags.entrySet()) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            text.append('"').append(entry.getKey()).append("\" : \"").append(entry.getValue()).append('"');
        }
        return text.append('}').toString();
    }

    private static void validate(String type, String value) {
        if (!TYPE_FORMAT.matcher(type).matches()) {
            throw new TesseraException("Invalid tag type format: " + type);
        }
        if (type.equals("public_endpoint") || type.equals("private_endpoint")) {
            if (!ENDPOINT_FORMAT.matcher(value).matches()) {
                throw new TesseraException("Invalid " + type + " value format: " + value);
            }
        } else if (!VALUE_FORMAT.matcher(value).matches()) {
            throw new TesseraException("Invalid tag value format: " + value);
        }
    }

    private static Map<String, String> locationFirst(Map<String, String> tags) {
        if (!tags.containsKey(LOCATION)) {
            return tags;
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(LOCATION, tags.get(LOCATION));
        ordered.putAll(tags);
        return ordered;
    }
}
