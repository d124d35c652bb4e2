package io.tessera.fe.ddl;

import io.tessera.common.TesseraException;

/**
 * Tessera's cap on the bucket count of one partition ({@code max_bucket_num_per_partition}, not in
 * Doris, which has no hard cap on an explicit {@code BUCKETS n}): every bucket is a tablet with a
 * replica on several backends, so a typo such as {@code BUCKETS 100000} would otherwise tie up the
 * cluster creating hundreds of thousands of replicas. Immutable.
 */
public record BucketLimit(int maxBucketsPerPartition) {
    public static final int DEFAULT_MAX_BUCKETS_PER_PARTITION = 1024;
    public static final BucketLimit DEFAULT = new BucketLimit(DEFAULT_MAX_BUCKETS_PER_PARTITION);

    public BucketLimit {
        if (maxBucketsPerPartition < 1) {
            throw new IllegalArgumentException("max_bucket_num_per_partition must be positive, got "
                    + maxBucketsPerPartition);
        }
    }

    /** Refuses a bucket count over the cap, naming the setting that raises it. */
    public void check(int buckets) {
        if (buckets > maxBucketsPerPartition) {
            throw new TesseraException("Number of buckets " + buckets + " exceeds the limit of "
                    + maxBucketsPerPartition + " buckets per partition (FE config max_bucket_num_per_partition)");
        }
    }
}
