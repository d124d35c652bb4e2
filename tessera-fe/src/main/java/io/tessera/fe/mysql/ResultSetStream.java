package io.tessera.fe.mysql;

import io.tessera.fe.result.ResultSet;
import java.util.List;

/**
 * The rows of one result set on their way to the client, after its column definitions: written
 * a chunk at a time while the socket takes them, so that a result of any size occupies at most
 * the channel's write buffer (its high water mark) plus one row of direct memory, however slowly
 * the client reads. The {@link CommandDispatcher} calls {@link #writeRows} again when the channel
 * becomes writable; dropping the stream (the client went away) drops the rows.
 *
 * <p>Threading: used only on the connection's event loop.
 */
final class ResultSetStream {
    private final ResultSetWriter writer;
    private final ResultSet resultSet;
    private final int status;
    private final boolean binary;
    private int nextRow;

    ResultSetStream(ResultSetWriter writer, ResultSet resultSet, int status, boolean binary) {
        this.writer = writer;
        this.resultSet = resultSet;
        this.status = status;
        this.binary = binary;
    }

    /**
     * Writes (without flushing) up to {@code maxRows} rows, and the end once every row is
     * written; true when the result set is complete.
     */
    boolean writeRows(int maxRows) {
        List<List<String>> rows = resultSet.rows();
        int stop = (int) Math.min(rows.size(), (long) nextRow + maxRows);
        while (nextRow < stop) {
            writer.writeRow(resultSet.columns(), rows.get(nextRow), binary);
            nextRow++;
        }
        if (nextRow < rows.size()) {
            return false;
        }
        writer.writeEnd(resultSet, status);
        return true;
    }

    /** How many rows have been written. */
    int rowsWritten() {
        return nextRow;
    }

    int totalRows() {
        return resultSet.rows().size();
    }
}
