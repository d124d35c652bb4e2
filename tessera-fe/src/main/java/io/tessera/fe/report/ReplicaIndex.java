package io.tessera.fe.report;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.proto.journal.TableDefinition;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the catalog places every replica, indexed for reconciling tablet reports: which backend and
 * tablet a replica is on, and which replicas a backend should hold. One compact
 * {@link TablePlacement} per table (primitive arrays, no boxed ids).
 *
 * <p>Cheap to keep current: {@link #update} returns the same index while the catalog's
 * {@link CatalogSnapshot#placementVersion()} is unchanged (a load's commit or finish moves no
 * replica), and after a placement change (CREATE/DROP TABLE, ADD/DROP PARTITION, DROP DATABASE, a
 * snapshot loaded) it re-indexes only the tables whose placement differs: a table whose definition is the very same object, or places exactly the same
 * replicas, keeps its index. The definitions are only weakly referenced, so an index never keeps an
 * old catalog alive. An index is updated with snapshots of one {@link io.tessera.fe.catalog.Catalog}:
 * placement versions of different catalogs say nothing about each other.
 *
 * <p>Immutable, so thread-safe.
 */
public final class ReplicaIndex {
    /** Indexes no snapshot: its first update indexes whatever it is given. */
    public static final ReplicaIndex EMPTY = new ReplicaIndex(-1, new long[0], new TableEntry[0]);

    /** Visits one replica placed on a backend. */
    @FunctionalInterface
    public interface ReplicaVisitor {
        void visit(long tableId, long replicaId);
    }

    /** A table's placement and the definition it was last checked against. */
    private record TableEntry(TablePlacement placement, WeakReference<TableDefinition> checked) {
    }

    /** The placement version of the snapshot indexed (-1 for none). */
    private final long placementVersion;
    /** Table ids, ascending (looked up without boxing, once per reported replica). */
    private final long[] tableIds;
    /** Parallel to {@code tableIds}. */
    private final TableEntry[] tables;

    /**
     * The tables with replicas ordered by their lowest replica id ({@code byLowestId[i]} indexes
     * {@code tables}), those lowest ids ascending, and the highest replica id of the tables up to
     * each position: a replica id can only be in a table at or before the last position whose lowest
     * id is not above it, and no table at or before a position whose running highest id is below it.
     * Tables hold ranges of ids allocated together, so a search without the table looks at one or
     * two tables, not at every table (a report without table ids once cost a search of every table per
     * replica: replicas x tables per report round).
     */
    private final int[] byLowestId;
    private final long[] lowestIds;
    private final long[] highestIdsUpTo;

    private ReplicaIndex(long placementVersion, long[] tableIds, TableEntry[] tables) {
        this.placementVersion = placementVersion;
        this.tableIds = tableIds;
        this.tables = tables;
        this.byLowestId = java.util.stream.IntStream.range(0, tables.length)
                .filter(i -> !tables[i].placement().isEmpty()).boxed()
                .sorted(java.util.Comparator.comparingLong(i -> tables[i].placement().lowestReplicaId()))
                .mapToInt(Integer::intValue).toArray();
        this.lowestIds = new long[byLowestId.length];
        this.highestIdsUpTo = new long[byLowestId.length];
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < byLowestId.length; i++) {
            TablePlacement placement = tables[byLowestId[i]].placement();
            lowestIds[i] = placement.lowestReplicaId();
            highest = Math.max(highest, placement.highestReplicaId());
            highestIdsUpTo[i] = highest;
        }
    }

    public static ReplicaIndex of(CatalogSnapshot snapshot) {
        return EMPTY.update(snapshot);
    }

    /**
     * The index of {@code snapshot}: this one when the placement is unchanged, else a new index that
     * reuses every table placement still valid.
     */
    public ReplicaIndex update(CatalogSnapshot snapshot) {
        if (snapshot.placementVersion() == placementVersion) {
            return this;
        }
        Map<Long, TableEntry> next = new TreeMap<>();
        for (DatabaseEntry database : snapshot.databases().values()) {
            for (TableDefinition table : database.tables().values()) {
                next.put(table.getTableId(), entry(table(table.getTableId()), table));
            }
        }
        return new ReplicaIndex(snapshot.placementVersion(),
                next.keySet().stream().mapToLong(Long::longValue).toArray(), next.values().toArray(new TableEntry[0]));
    }

    private TableEntry table(long tableId) {
        int at = Arrays.binarySearch(tableIds, tableId);
        return at < 0 ? null : tables[at];
    }

    private static TableEntry entry(TableEntry previous, TableDefinition table) {
        if (previous != null && previous.checked().get() == table) {
            return previous;
        }
        if (previous != null && previous.placement().samePlacement(table)) {
            return new TableEntry(previous.placement(), new WeakReference<>(table));
        }
        return new TableEntry(TablePlacement.of(table), new WeakReference<>(table));
    }

    /**
     * Whether the catalog places this replica of this tablet on this backend.
     *
     * @param tableId where to look first (the table the backend says the replica belongs to); every
     *                table is searched when it is not there
     */
    public boolean places(long backendId, long tableId, long tabletId, long replicaId) {
        TableEntry hinted = table(tableId);
        if (hinted != null && hinted.placement().places(backendId, tabletId, replicaId)) {
            return true;
        }
        // Without the right table: only the tables whose replica-id range holds the id are searched.
        int at = Arrays.binarySearch(lowestIds, replicaId);
        for (int i = at >= 0 ? at : -at - 2; i >= 0 && highestIdsUpTo[i] >= replicaId; i--) {
            TableEntry entry = tables[byLowestId[i]];
            if (entry != hinted && entry.placement().highestReplicaId() >= replicaId
                    && entry.placement().places(backendId, tabletId, replicaId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the catalog places this replica of this tablet on this backend, searching every table. */
    public boolean places(long backendId, long tabletId, long replicaId) {
        return places(backendId, -1, tabletId, replicaId);
    }

    /** Whether table {@code tableId} places this replica on this backend. */
    public boolean placesOn(long backendId, long tableId, long replicaId) {
        TableEntry entry = table(tableId);
        return entry != null && entry.placement().placesOn(backendId, replicaId);
    }

    /** Visits every replica the catalog places on a backend (table by table, no order across tables). */
    public void forEachReplicaOn(long backendId, ReplicaVisitor visitor) {
        for (TableEntry entry : tables) {
            long tableId = entry.placement().tableId();
            entry.placement().forEachReplicaOn(backendId, replicaId -> visitor.visit(tableId, replicaId));
        }
    }

    /** How many replicas the catalog places on a backend. */
    public long replicaCountOn(long backendId) {
        long count = 0;
        for (TableEntry entry : tables) {
            count += entry.placement().countOn(backendId);
        }
        return count;
    }

    /** Whether table {@code tableId}'s placement is the same object in {@code other} (for tests). */
    boolean sharesTable(ReplicaIndex other, long tableId) {
        TableEntry mine = table(tableId);
        TableEntry theirs = other.table(tableId);
        return mine != null && theirs != null && mine.placement() == theirs.placement();
    }
}
