package io.tessera.fe.session;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The load transaction a session opened with {@code BEGIN}: the rows its INSERTs produced, kept
 * here until COMMIT loads them as one load transaction (one transaction id, all rows visible at
 * once) or ROLLBACK, a failure, a timeout or the connection's end drops them. Nothing reaches a
 * backend before COMMIT, so an abandoned transaction leaves no pending rowset anywhere.
 *
 * <p>Bounded, so a session cannot hold the FE's memory: at most {@code maxRows} rows, and at most
 * {@code timeoutMillis} from BEGIN (Doris's rule: the larger of {@code insert_timeout} and
 * {@code query_timeout}). As in Doris before 2.1, all INSERTs of one transaction go to one table.
 *
 * <p>Threading: owned by one {@link SessionContext}, whose statements run one at a time; not
 * thread-safe.
 */
public final class OpenTransaction {
    private final String label;
    private final long beganAtMillis;
    private final long timeoutMillis;
    private final int maxRows;
    private final List<List<Object>> rows = new ArrayList<>();
    private String database;
    private String table;

    /**
     * @param label         the transaction's label (given with BEGIN WITH LABEL, or generated)
     * @param beganAtMillis wall-clock time of BEGIN
     * @param timeoutMillis how long after BEGIN it may still take rows or commit
     * @param maxRows       how many rows it may hold
     */
    public OpenTransaction(String label, long beganAtMillis, long timeoutMillis, int maxRows) {
        this.label = Objects.requireNonNull(label, "label is null");
        this.beganAtMillis = beganAtMillis;
        this.timeoutMillis = timeoutMillis;
        this.maxRows = maxRows;
    }

    public String label() {
        return label;
    }

    /** The database of the table its INSERTs load into, or null before the first INSERT. */
    public String database() {
        return database;
    }

    /** The table its INSERTs load into, or null before the first INSERT. */
    public String table() {
        return table;
    }

    /** The rows so far, every column in table order. */
    public List<List<Object>> rows() {
        return List.copyOf(rows);
    }

    /**
     * Adds an INSERT's rows.
     *
     * @throws TesseraException when the transaction timed out, the rows go to another table than
     *                          the earlier INSERTs', or they would pass the row limit
     */
    public void add(String databaseName, String tableName, List<List<Object>> newRows, long nowMillis) {
        checkNotTimedOut(nowMillis);
        if (database == null) {
            database = databaseName;
            table = tableName;
        } else if (!database.equals(databaseName) || !table.equals(tableName)) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "Only one table can be inserted in one transaction.");
        }
        if ((long) rows.size() + newRows.size() > maxRows) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "The transaction with label '" + label
                    + "' would hold " + ((long) rows.size() + newRows.size()) + " rows, more than the limit of "
                    + maxRows + "; it was rolled back. Load larger data with Stream Load or in several transactions.");
        }
        rows.addAll(newRows);
    }

    /** @throws TesseraException when more than the timeout has passed since BEGIN */
    public void checkNotTimedOut(long nowMillis) {
        if (nowMillis - beganAtMillis > timeoutMillis) {
            throw new TesseraException(ErrorCode.BAD_STATEMENT, "The transaction with label '" + label
                    + "' timed out: it began " + (nowMillis - beganAtMillis) / 1000 + " seconds ago, the limit is "
                    + timeoutMillis / 1000 + " seconds (the larger of insert_timeout and query_timeout); "
                    + "it was rolled back.");
        }
    }

    /** Doris's answer to BEGIN and to an INSERT inside the transaction: the transaction is PREPARE, no id yet. */
    public String preparedInfo() {
        return "{'label':'" + label + "', 'status':'PREPARE', 'txnId':''}";
    }
}
