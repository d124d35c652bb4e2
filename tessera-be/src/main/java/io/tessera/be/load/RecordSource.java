package io.tessera.be.load;

import java.io.IOException;
import java.io.InputStream;

/**
 * Records read one at a time from a load's body, so the body is never held in memory.
 *
 * <p>Threading: not thread-safe; one load's thread reads.
 */
public interface RecordSource {
    /** The next record, or null at the end of the body. */
    SourceRecord next() throws IOException;

    /** The last record as it was in the body, for the error log (asked for bad rows only). */
    String current();

    /** The reader for the body's format: CSV, JSON by line, or one JSON document. */
    static RecordSource open(StreamLoadOptions options, InputStream body) throws IOException {
        if (options.format() == StreamLoadOptions.Format.CSV) {
            return new CsvRecords(body, options.columnSeparator(), options.lineDelimiter());
        }
        if (options.readJsonByLine()) {
            return new JsonLineRecords(body, options.lineDelimiter(), options.stripOuterArray());
        }
        return new JsonDocumentRecords(body, options.stripOuterArray());
    }
}
