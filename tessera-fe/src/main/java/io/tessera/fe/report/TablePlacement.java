package io.tessera.fe.report;

import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Where the catalog places the replicas of one table, in primitive arrays (about 28 bytes per
 * replica, no boxing): replica ids sorted, with each one's tablet and backend, and per backend the
 * sorted ids of the replicas placed there. Lookups are binary searches. Built from one table
 * definition; {@link ReplicaIndex} keeps one per table so a change to one table re-indexes only it.
 *
 * <p>Immutable, so thread-safe.
 */
final class TablePlacement {
    static final TablePlacement EMPTY = new TablePlacement(0, new long[0], new long[0], new int[0], new long[0],
            new int[] {0}, new long[0]);

    private final long tableId;
    /** Every replica id of the table, ascending, without duplicates. */
    private final long[] replicaIds;
    /** The tablet of {@code replicaIds[i]}. */
    private final long[] tabletIds;
    /** The backend of {@code replicaIds[i]}, as an index into {@code backendIds}. */
    private final int[] backendSlots;
    /** The backends holding a replica of the table, ascending. */
    private final long[] backendIds;
    /** The replicas of {@code backendIds[s]} are {@code replicasByBackend[backendStarts[s] .. backendStarts[s + 1])}. */
    private final int[] backendStarts;
    /** Replica ids grouped by backend slot, ascending within a group. */
    private final long[] replicasByBackend;

    private TablePlacement(long tableId, long[] replicaIds, long[] tabletIds, int[] backendSlots, long[] backendIds,
                           int[] backendStarts, long[] replicasByBackend) {
        this.tableId = tableId;
        this.replicaIds = replicaIds;
        this.tabletIds = tabletIds;
        this.backendSlots = backendSlots;
        this.backendIds = backendIds;
        this.backendStarts = backendStarts;
        this.replicasByBackend = replicasByBackend;
    }

    static TablePlacement of(TableDefinition table) {
        int count = replicaCount(table);
        long[] unsortedReplicas = new long[count];
        long[] unsortedTablets = new long[count];
        long[] unsortedBackends = new long[count];
        int n = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    unsortedReplicas[n] = replica.getReplicaId();
                    unsortedTablets[n] = tablet.getTabletId();
                    unsortedBackends[n] = replica.getBackendId();
                    n++;
                }
            }
        }
        long[] replicaIds = SortedLongs.distinctSorted(unsortedReplicas);
        long[] backendIds = SortedLongs.distinctSorted(unsortedBackends);
        long[] tabletIds = new long[replicaIds.length];
        int[] backendSlots = new int[replicaIds.length];
        // A replica id listed twice (never in a valid catalog) keeps its last placement, as a map would.
        for (int i = 0; i < count; i++) {
            int at = Arrays.binarySearch(replicaIds, unsortedReplicas[i]);
            tabletIds[at] = unsortedTablets[i];
            backendSlots[at] = Arrays.binarySearch(backendIds, unsortedBackends[i]);
        }
        int[] backendStarts = new int[backendIds.length + 1];
        for (int slot : backendSlots) {
            backendStarts[slot + 1]++;
        }
        for (int s = 0; s < backendIds.length; s++) {
            backendStarts[s + 1] += backendStarts[s];
        }
        long[] replicasByBackend = new long[replicaIds.length];
        int[] next = Arrays.copyOf(backendStarts, backendIds.length);
        for (int i = 0; i < replicaIds.length; i++) {
            replicasByBackend[next[backendSlots[i]]++] = replicaIds[i];
        }
        return new TablePlacement(table.getTableId(), replicaIds, tabletIds, backendSlots, backendIds, backendStarts,
                replicasByBackend);
    }

    private static int replicaCount(TableDefinition table) {
        int count = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                count += tablet.getReplicasCount();
            }
        }
        return count;
    }

    long tableId() {
        return tableId;
    }

    int replicaCount() {
        return replicaIds.length;
    }

    /** Whether the table places no replica. */
    boolean isEmpty() {
        return replicaIds.length == 0;
    }

    /** The lowest replica id of the table; only for a table with replicas. */
    long lowestReplicaId() {
        return replicaIds[0];
    }

    /** The highest replica id of the table; only for a table with replicas. */
    long highestReplicaId() {
        return replicaIds[replicaIds.length - 1];
    }

    /** Whether this table places this replica of this tablet on this backend. */
    boolean places(long backendId, long tabletId, long replicaId) {
        int at = Arrays.binarySearch(replicaIds, replicaId);
        return at >= 0 && tabletIds[at] == tabletId && backendIds[backendSlots[at]] == backendId;
    }

    /** Whether this table places this replica on this backend. */
    boolean placesOn(long backendId, long replicaId) {
        int at = Arrays.binarySearch(replicaIds, replicaId);
        return at >= 0 && backendIds[backendSlots[at]] == backendId;
    }

    /** Whether {@code table} places exactly the same replicas, on the same tablets and backends. */
    boolean samePlacement(TableDefinition table) {
        if (table.getTableId() != tableId) {
            return false;
        }
        int count = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    if (!places(replica.getBackendId(), tablet.getTabletId(), replica.getReplicaId())) {
                        return false;
                    }
                    count++;
                }
            }
        }
        return count == replicaIds.length;
    }

    /** How many replicas this table places on a backend. */
    int countOn(long backendId) {
        int slot = Arrays.binarySearch(backendIds, backendId);
        return slot < 0 ? 0 : backendStarts[slot + 1] - backendStarts[slot];
    }

    /** The replica ids this table places on a backend, ascending. */
    void forEachReplicaOn(long backendId, LongConsumer action) {
        int slot = Arrays.binarySearch(backendIds, backendId);
        if (slot < 0) {
            return;
        }
        for (int i = backendStarts[slot]; i < backendStarts[slot + 1]; i++) {
            action.accept(replicasByBackend[i]);
        }
    }
}
