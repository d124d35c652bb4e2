package io.tessera.fe.catalog;

import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.ArrayList;
import java.util.List;

/**
 * How Doris prints a table's replica allocation, {@code tag.location.default: 3} (several tags
 * joined by {@code ", "}): SHOW PARTITIONS, SHOW CREATE TABLE and the decommission admission check
 * all print it, so it lives with the table definition rather than with one of them. Stateless.
 */
public final class ReplicaAllocations {
    private ReplicaAllocations() {
    }

    /** The display form of the table's allocation, in the order the tags were declared. */
    public static String display(TableDefinition table) {
        List<String> parts = new ArrayList<>();
        for (TagReplicaCount count : table.getReplicaAllocationList()) {
            parts.add("tag.location." + count.getLocation() + ": " + count.getCount());
        }
        return String.join(", ", parts);
    }
}
