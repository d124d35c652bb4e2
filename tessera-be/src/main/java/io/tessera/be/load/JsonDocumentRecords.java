package io.tessera.be.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * JSON records from a body that is one document: with {@code strip_outer_array}, the objects of one
 * outer array; without it, one object (or several objects one after another). Read with Jackson's
 * streaming parser, element by element, so even a large array is never in memory at once. A syntax
 * error fails the whole load (the parser cannot find the next record after it); an element that is
 * not an object is a bad row.
 *
 * <p>Threading: not thread-safe; one reader.
 */
public final class JsonDocumentRecords implements RecordSource {
    private final JsonParser parser;
    private final boolean stripOuterArray;
    private boolean inArray;
    private String current = "";

    public JsonDocumentRecords(InputStream body, boolean stripOuterArray) throws IOException {
        this.parser = JsonObjects.FACTORY.createParser(body);
        this.stripOuterArray = stripOuterArray;
    }

    @Override
    public SourceRecord next() throws IOException {
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    if (inArray) {
                        throw new LoadFailure("Parse json data failed: the body ended inside the outer array");
                    }
                    return null;
                }
                if (inArray && token == JsonToken.END_ARRAY) {
                    inArray = false;
                    continue;
                }
                if (!inArray && token == JsonToken.START_ARRAY) {
                    if (!stripOuterArray) {
                        throw new LoadFailure("JSON data is array-object, `strip_outer_array` must be TRUE.");
                    }
                    inArray = true;
                    continue;
                }
                if (token == JsonToken.START_OBJECT) {
                    if (!inArray && stripOuterArray) {
                        throw new LoadFailure("JSON data is not an array-object, `strip_outer_array` must be FALSE.");
                    }
                    Map<String, String> record = JsonObjects.read(parser);
                    current = JsonObjects.render(record);
                    return SourceRecord.json(record);
                }
                parser.skipChildren();
                current = parser.getText();
                return SourceRecord.malformed("a JSON object is expected, found " + token);
            }
        } catch (JsonProcessingException e) {
            throw new LoadFailure(JsonObjects.failure(e), e);
        }
    }

    @Override
    public String current() {
        return current;
    }
}
