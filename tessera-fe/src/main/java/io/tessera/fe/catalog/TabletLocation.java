package io.tessera.fe.catalog;

import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a tablet lives in the catalog: its database, table and partition, as one snapshot held
 * them. The tablet scheduler decides by tablet id; its records and clone requests need the rest.
 * Immutable.
 *
 * @param databaseId  the database's id
 * @param table       the table as the snapshot held it
 * @param partition   the partition as the snapshot held it (its visible version included)
 * @param tablet      the tablet with its replicas as the snapshot held them
 */
public record TabletLocation(long databaseId, TableDefinition table, PartitionDefinition partition,
                             TabletDefinition tablet) {

    public long tabletId() {
        return tablet.getTabletId();
    }

    /**
     * Every tablet of a snapshot by id, in one pass (a round of the scheduler looks up many
     * tablets; a scan per lookup would cost the catalog's size each time).
     */
    public static Map<Long, TabletLocation> index(CatalogSnapshot snapshot) {
        Map<Long, TabletLocation> byId = new HashMap<>();
        for (DatabaseEntry database : new TreeMap<>(snapshot.databases()).values()) {
            for (TableDefinition table : database.tables().values()) {
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        byId.put(tablet.getTabletId(), new TabletLocation(database.id(), table, partition, tablet));
                    }
                }
            }
        }
        return byId;
    }

    /**
     * The catalog as it is now, cut down to the given tablets (their current replicas and their
     * partitions' current visible versions), with the full catalog's replica counts per backend:
     * what a scheduling round over a queue of tablets decides from without walking the whole
     * catalog. Tablets whose table or partition is gone are left out.
     */
    public static CatalogSnapshot subset(CatalogSnapshot full, Collection<TabletLocation> places) {
        Map<Long, Map<Long, Map<Long, Set<Long>>>> wanted = new HashMap<>();
        for (TabletLocation place : places) {
            wanted.computeIfAbsent(place.databaseId(), id -> new HashMap<>())
                    .computeIfAbsent(place.table().getTableId(), id -> new HashMap<>())
                    .computeIfAbsent(place.partition().getPartitionId(), id -> new HashSet<>())
                    .add(place.tabletId());
        }
        Map<String, DatabaseEntry> databases = new TreeMap<>();
        for (Map.Entry<Long, Map<Long, Map<Long, Set<Long>>>> byDatabase : wanted.entrySet()) {
            DatabaseEntry database = full.database(byDatabase.getKey()).orElse(null);
            if (database == null) {
                continue;
            }
            Map<String, TableDefinition> tables = new TreeMap<>();
            for (Map.Entry<Long, Map<Long, Set<Long>>> byTable : byDatabase.getValue().entrySet()) {
                TableDefinition table = database.table(byTable.getKey()).orElse(null);
                if (table == null) {
                    continue;
                }
                TableDefinition.Builder cut = table.toBuilder().clearPartitions();
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    Set<Long> tablets = byTable.getValue().get(partition.getPartitionId());
                    if (tablets == null) {
                        continue;
                    }
                    PartitionDefinition.Builder kept = partition.toBuilder().clearTablets();
                    partition.getTabletsList().stream().filter(tablet -> tablets.contains(tablet.getTabletId()))
                            .forEach(kept::addTablets);
                    cut.addPartitions(kept);
                }
                tables.put(table.getName(), cut.build());
            }
            databases.put(database.name(), new DatabaseEntry(database.id(), database.name(), database.createTimeMs(),
                    tables));
        }
        return new CatalogSnapshot(Map.copyOf(databases), full.replicasByBackend(), full.committed(), full.labels(),
                full.placementVersion());
    }
}
