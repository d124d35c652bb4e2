package io.tessera.fe.catalog;

import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.HashMap;
import java.util.Map;
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
}
