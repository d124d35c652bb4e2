package io.tessera.fe.report;

/**
 * What a backend last reported about one replica it holds. Soft state: never journaled, learned
 * again from the next reports after an FE restart. Immutable.
 *
 * @param backendId     the backend that reported it
 * @param version       the newest version the replica published
 * @param rowsetCount   rowsets it holds now (SHOW TABLETS' VersionCount): one per load until compaction merges them
 * @param dataSizeBytes bytes of its current rowset files (SHOW TABLETS' LocalDataSize)
 * @param rowCount      rows in it
 * @param bad           its files failed their checks on the backend
 * @param badReason     why, when bad; "" otherwise
 * @param reportTimeMs  when the FE received the report (FE wall clock)
 */
public record ReplicaStats(long backendId, long tabletId, long replicaId, long version, int rowsetCount,
                           long dataSizeBytes, long rowCount, boolean bad, String badReason, long reportTimeMs) {
}
