package io.tessera.be.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tessera.data.StreamLoadReply;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one JSON object from a streaming parser into member name (lower-cased, as Doris matches
 * names to columns without regard to case) to text: strings as they are, numbers as written,
 * {@code true}/{@code false}, null for JSON null, and nested objects or arrays as their JSON text.
 * Stateless.
 */
final class JsonObjects {
    /** Jackson's factory: thread-safe, shared. */
    static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern JACKSON_SETTING = Pattern.compile(",? *from `[^`]*`");

    private JsonObjects() {
    }

    /** Reads the object whose START_OBJECT the parser is on, up to and including its END_OBJECT. */
    static Map<String, String> read(JsonParser parser) throws IOException {
        Map<String, String> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName().toLowerCase(Locale.ROOT);
            JsonToken value = parser.nextToken();
            members.put(name, text(parser, value));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + token + " in a JSON object");
        }
        return members;
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "the JSON ended inside an object");
        }
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case START_OBJECT, START_ARRAY -> {
                StringWriter out = new StringWriter();
                try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                    generator.copyCurrentStructure(parser);
                }
                yield out.toString();
            }
            default -> parser.getText();
        };
    }

    /**
     * Why Jackson could not parse the JSON, for the client: its own message without the location
     * (the error log shows the record) and without the name of the Jackson setting behind a limit,
     * which its limit messages add ("..., from `StreamReadConstraints.getMaxNestingDepth()`").
     */
    static String failure(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return "Parse json data failed: " + (message == null ? "malformed JSON" : JACKSON_SETTING.matcher(message)
                .replaceAll(""));
    }

    /** The members as a JSON object again, for the error log. */
    static String render(Map<String, String> members) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append(StreamLoadReply.quote(member.getKey())).append(": ")
                    .append(member.getValue() == null ? "null" : StreamLoadReply.quote(member.getValue()));
        }
        return json.append('}').toString();
    }
}
