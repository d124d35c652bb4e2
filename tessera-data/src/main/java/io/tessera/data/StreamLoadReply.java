package io.tessera.data;

import java.util.Locale;

/**
 * The JSON a Stream Load answers with, in Doris's field names and order (what scripts and tools
 * parse): {@code TxnId}, {@code Label}, {@code Comment}, {@code TwoPhaseCommit}, {@code Status}
 * ({@code Success}, {@code Fail} or {@code Label Already Exists}, then {@code ExistingJobStatus}
 * for the latter), {@code Message}, the row counts, {@code LoadBytes}, the times, and
 * {@code ErrorURL} when rows were filtered. Shared by the backend that runs a load and the frontend
 * that refuses one before redirecting. Immutable.
 *
 * @param transactionId      the load's transaction, -1 when none was begun
 * @param label              the load's label ("" when unknown)
 * @param status             {@link #SUCCESS}, {@link #FAIL} or {@link #LABEL_ALREADY_EXISTS}
 * @param existingJobStatus  for a used label: {@code RUNNING} or {@code FINISHED}; else null
 * @param message            {@code OK} on success, else the reason
 * @param counts             rows and bytes read, loaded and filtered
 * @param times              how long each phase took
 * @param errorUrl           where the first bad rows can be read, or null
 */
public record StreamLoadReply(long transactionId, String label, String status, String existingJobStatus,
                              String message, Counts counts, Times times, String errorUrl) {
    public static final String SUCCESS = "Success";
    public static final String FAIL = "Fail";
    public static final String LABEL_ALREADY_EXISTS = "Label Already Exists";

    /**
     * @param totalRows      rows read from the body
     * @param loadedRows     rows made visible
     * @param filteredRows   bad rows
     * @param unselectedRows rows a WHERE condition left out (always 0: no WHERE header yet)
     * @param loadBytes      bytes of the body read
     */
    public record Counts(long totalRows, long loadedRows, long filteredRows, long unselectedRows, long loadBytes) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);
    }

    /** Milliseconds spent in the whole load and in each phase, as Doris reports them. */
    public record Times(long loadTimeMs, long beginTransactionMs, long streamLoadPutMs, long readDataMs,
                       long writeDataMs, long commitAndPublishMs) {
        public static final Times NONE = new Times(0, 0, 0, 0, 0, 0);
    }

    /** A load refused before it began (bad request, unknown table, no backend). */
    public static StreamLoadReply failure(String label, String message) {
        return new StreamLoadReply(-1, label, FAIL, null, message, Counts.NONE, Times.NONE, null);
    }

    /** Doris's pretty-printed JSON (four-space indent, one field per line). */
    public String toJson() {
        StringBuilder json = new StringBuilder(640).append("{\n");
        field(json, "TxnId", Long.toString(transactionId));
        field(json, "Label", quote(label));
        field(json, "Comment", quote(""));
        field(json, "TwoPhaseCommit", quote("false"));
        field(json, "Status", quote(status));
        if (existingJobStatus != null) {
            field(json, "ExistingJobStatus", quote(existingJobStatus));
        }
        field(json, "Message", quote(message));
        field(json, "NumberTotalRows", Long.toString(counts.totalRows()));
        field(json, "NumberLoadedRows", Long.toString(counts.loadedRows()));
        field(json, "NumberFilteredRows", Long.toString(counts.filteredRows()));
        field(json, "NumberUnselectedRows", Long.toString(counts.unselectedRows()));
        field(json, "LoadBytes", Long.toString(counts.loadBytes()));
        field(json, "LoadTimeMs", Long.toString(times.loadTimeMs()));
        field(json, "BeginTxnTimeMs", Long.toString(times.beginTransactionMs()));
        field(json, "StreamLoadPutTimeMs", Long.toString(times.streamLoadPutMs()));
        field(json, "ReadDataTimeMs", Long.toString(times.readDataMs()));
        field(json, "WriteDataTimeMs", Long.toString(times.writeDataMs()));
        field(json, "CommitAndPublishTimeMs", Long.toString(times.commitAndPublishMs()));
        if (errorUrl != null) {
            field(json, "ErrorURL", quote(errorUrl));
        }
        json.setLength(json.length() - 2);
        return json.append("\n}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("    \"").append(name).append("\": ").append(value).append(",\n");
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
