package io.tessera.fe.txn;

/**
 * A finished load: what INSERT and Stream Load report.
 *
 * @param transactionId the transaction's id
 * @param label         the load's label (given, or generated)
 * @param loadedRows    rows made visible
 * @param status        {@code VISIBLE}
 */
public record LoadResult(long transactionId, String label, long loadedRows, String status) {
    /** Doris's INSERT info text: {@code {'label':'...', 'status':'VISIBLE', 'txnId':'...'}}. */
    public String info() {
        return "{'label':'" + label + "', 'status':'" + status + "', 'txnId':'" + transactionId + "'}";
    }
}
