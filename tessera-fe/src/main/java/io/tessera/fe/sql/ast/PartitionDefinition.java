package io.tessera.fe.sql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code PARTITION [IF NOT EXISTS] name VALUES bound [("k" = "v", ...)]}.
 *
 * @param properties the partition's own properties in the order written; empty when absent
 */
public record PartitionDefinition(String name, boolean ifNotExists, PartitionBound bound,
        Map<String, String> properties) {
    public PartitionDefinition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(bound, "bound is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
