package io.tessera.fe.catalog;

/**
 * What a backend last reported about one replica (soft state, from tablet reports): bytes, rows
 * and rowset count. {@link #UNKNOWN} until the first report.
 */
public record ReplicaStats(long dataSizeBytes, long rowCount, int rowsetCount) {
    public static final ReplicaStats UNKNOWN = new ReplicaStats(0, 0, 0);
}
