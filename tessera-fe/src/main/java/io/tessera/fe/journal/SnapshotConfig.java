package io.tessera.fe.journal;

/**
 * When the metadata journal takes a snapshot (Doris's image): after {@code recordsPerSnapshot}
 * records were applied since the last one ({@code edit_log_roll_num}, 50000), or when
 * {@code intervalMs} has passed since the last one and at least one record was applied
 * ({@code checkpoint_interval_second}, 60). Also the size of a Raft log segment, since only whole
 * closed segments behind a snapshot can be purged.
 *
 * @param recordsPerSnapshot applied records that trigger a snapshot; at least 1
 * @param intervalMs         time after which any applied record triggers one; at least 1
 * @param segmentSizeBytes   Raft log segment size (Ratis's default, 32 MiB, in the FE)
 */
public record SnapshotConfig(long recordsPerSnapshot, long intervalMs, long segmentSizeBytes) {
    public static final long DEFAULT_RECORDS_PER_SNAPSHOT = 50_000;
    public static final long DEFAULT_INTERVAL_SECOND = 60;
    public static final long DEFAULT_SEGMENT_SIZE_BYTES = 32L * 1024 * 1024;

    public SnapshotConfig {
        if (recordsPerSnapshot < 1 || intervalMs < 1 || segmentSizeBytes < 1024) {
            throw new IllegalArgumentException("invalid snapshot config: " + recordsPerSnapshot + " records, "
                    + intervalMs + " ms, segments of " + segmentSizeBytes + " bytes");
        }
    }

    public static SnapshotConfig defaults() {
        return new SnapshotConfig(DEFAULT_RECORDS_PER_SNAPSHOT, DEFAULT_INTERVAL_SECOND * 1000,
                DEFAULT_SEGMENT_SIZE_BYTES);
    }
}
