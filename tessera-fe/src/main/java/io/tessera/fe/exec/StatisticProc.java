package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.result.ResultSet;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code SHOW PROC '/statistic'} (reference §12.2): per database its tables, partitions, indexes,
 * tablets and replicas, sorted by name, then a Total row whose DbName is the number of databases.
 * A leaf: anything below it is {@code <path> is not a directory}. Every table has one (base)
 * index per partition. Threading: reads an immutable catalog snapshot.
 */
public final class StatisticProc {
    static final String PATH = "/statistic";
    private static final List<String> TITLES = List.of("DbId", "DbName", "TableNum", "PartitionNum", "IndexNum",
            "TabletNum", "ReplicaNum");

    private final Supplier<CatalogSnapshot> catalog;

    public StatisticProc(Supplier<CatalogSnapshot> catalog) {
        this.catalog = catalog;
    }

    public static boolean handles(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public ResultSet show(String path) {
        if (!path.equals(PATH)) {
            throw new TesseraException(path + " is not a directory");
        }
        List<DatabaseEntry> databases = new ArrayList<>(catalog.get().databases().values());
        databases.removeIf(database -> database.name().equalsIgnoreCase("information_schema"));
        databases.sort(Comparator.comparing(DatabaseEntry::name));
        long[] totals = new long[5];
        List<List<String>> rows = new ArrayList<>();
        for (DatabaseEntry database : databases) {
            long[] counts = new long[5];
            for (TableDefinition table : database.tables().values()) {
                counts[0]++;
                for (PartitionDefinition partition : table.getPartitionsList()) {
                    counts[1]++;
                    counts[2]++;
                    for (TabletDefinition tablet : partition.getTabletsList()) {
                        counts[3]++;
                        counts[4] += tablet.getReplicasCount();
                    }
                }
            }
            List<String> row = new ArrayList<>(List.of(Long.toString(database.id()), database.name()));
            for (int i = 0; i < counts.length; i++) {
                row.add(Long.toString(counts[i]));
                totals[i] += counts[i];
            }
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("Total", Integer.toString(databases.size())));
        for (long value : totals) {
            total.add(Long.toString(value));
        }
        rows.add(total);
        return ResultSet.of(InspectionExecutor.varchars(TITLES.toArray(String[]::new)), rows);
    }
}
