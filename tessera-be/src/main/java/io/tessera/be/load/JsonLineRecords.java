package io.tessera.be.load;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * JSON records with {@code read_json_by_line}: one JSON object per line (or, with
 * {@code strip_outer_array}, an array of objects per line). Each line is parsed on its own, so a
 * malformed line is one bad row, not a failed load; blank lines are skipped.
 *
 * <p>Threading: not thread-safe; one reader.
 */
public final class JsonLineRecords implements RecordSource {
    private final LineReader lines;
    private final boolean stripOuterArray;
    private final Deque<Map<String, String>> pending = new ArrayDeque<>();
    private String current = "";

    public JsonLineRecords(InputStream body, byte[] lineDelimiter, boolean stripOuterArray) {
        this.lines = new LineReader(body, lineDelimiter, CsvRecords.MAX_LINE_BYTES);
        this.stripOuterArray = stripOuterArray;
    }

    @Override
    public SourceRecord next() throws IOException {
        if (!pending.isEmpty()) {
            return element(pending.removeFirst());
        }
        while (lines.next()) {
            String text = lines.text();
            if (text.isBlank()) {
                continue;
            }
            current = text;
            try (JsonParser parser = JsonObjects.FACTORY.createParser(text)) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT) {
                    Map<String, String> record = JsonObjects.read(parser);
                    requireEnd(parser);
                    return SourceRecord.json(record);
                }
                if (token == JsonToken.START_ARRAY && stripOuterArray) {
                    readArray(parser);
                    requireEnd(parser);
                    if (pending.isEmpty()) {
                        continue;
                    }
                    return element(pending.removeFirst());
                }
                pending.clear();
                return SourceRecord.malformed(token == JsonToken.START_ARRAY
                        ? "JSON data is array-object, `strip_outer_array` must be TRUE."
                        : "a JSON object is expected");
            } catch (JsonProcessingException e) {
                pending.clear();
                return SourceRecord.malformed(JsonObjects.failure(e));
            }
        }
        return null;
    }

    @Override
    public String current() {
        return current;
    }

    private SourceRecord element(Map<String, String> record) {
        current = JsonObjects.render(record);
        return SourceRecord.json(record);
    }

    private void readArray(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "an array element is not a JSON object: " + token);
            }
            pending.addLast(JsonObjects.read(parser));
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "text after the JSON value");
        }
    }
}
