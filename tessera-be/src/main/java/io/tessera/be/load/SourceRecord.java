package io.tessera.be.load;

import java.util.List;
import java.util.Map;

/**
 * One record of a load's body before conversion: the fields of a CSV line (in file order, null for
 * {@code \N}), or the members of a JSON object (by lower-cased name, null for JSON null), or a
 * record that could not even be parsed. Immutable.
 *
 * @param fields CSV fields, or null for JSON
 * @param named  JSON members, or null for CSV
 * @param error  why the record could not be parsed, or null
 */
public record SourceRecord(List<String> fields, Map<String, String> named, String error) {
    public static SourceRecord csv(List<String> fields) {
        return new SourceRecord(fields, null, null);
    }

    public static SourceRecord json(Map<String, String> named) {
        return new SourceRecord(null, named, null);
    }

    public static SourceRecord malformed(String error) {
        return new SourceRecord(null, null, error);
    }
}
