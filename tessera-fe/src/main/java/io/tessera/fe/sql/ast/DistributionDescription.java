package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code DISTRIBUTED BY HASH (c1, ...) [BUCKETS n | BUCKETS AUTO]} or
 * {@code DISTRIBUTED BY RANDOM [BUCKETS n | BUCKETS AUTO]}.
 *
 * @param columns     the hash columns as written; empty for RANDOM
 * @param buckets     the bucket count; null for {@code BUCKETS AUTO} or when BUCKETS was not written
 * @param autoBuckets true for {@code BUCKETS AUTO}
 */
public record DistributionDescription(DistributionType type, List<String> columns, Integer buckets,
        boolean autoBuckets) {
    public DistributionDescription {
        Objects.requireNonNull(type, "type is null");
        columns = List.copyOf(columns);
        if (autoBuckets && buckets != null) {
            throw new IllegalArgumentException("BUCKETS AUTO has no bucket count");
        }
    }
}
