package io.tessera.fe.report;

import java.util.Set;

/**
 * What may be writing to replicas right now, as the FE knows it: tables with a load transaction
 * that began and has not finished (running Stream Loads, committed but unpublished transactions),
 * and tablets with a clone under way. A replica of these must not be moved to trash even when the
 * catalog does not place it where it is. Immutable.
 *
 * @param tableIds  tables a load may be writing to or publishing
 * @param tabletIds tablets a clone may be installing a replica of
 */
public record WorkInFlight(Set<Long> tableIds, Set<Long> tabletIds) {
    public static final WorkInFlight NONE = new WorkInFlight(Set.of(), Set.of());

    public WorkInFlight {
        tableIds = Set.copyOf(tableIds);
        tabletIds = Set.copyOf(tabletIds);
    }

    public boolean touches(long tableId, long tabletId) {
        return tableIds.contains(tableId) || tabletIds.contains(tabletId);
    }
}
