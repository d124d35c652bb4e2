package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.result.ResultSet;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code SHOW PROC '/cluster_health'}, {@code '/cluster_health/tablet_health'} (counts per
 * database, Doris's 18 columns) and {@code '/cluster_health/tablet_health/<db id>'} (tablet ids
 * per category, 13 columns). Threading: reads immutable snapshots.
 */
public final class TabletHealthProc {
    private static final List<String> COUNT_TITLES = List.of("DbId", "DbName", "TabletNum", "HealthyNum",
            "ReplicaMissingNum", "VersionIncompleteNum", "ReplicaRelocatingNum", "RedundantNum",
            "ReplicaMissingForTagNum", "ForceRedundantNum", "ColocateMismatchNum", "ColocateRedundantNum",
            "NeedFurtherRepairNum", "UnrecoverableNum", "ReplicaCompactionTooSlowNum", "InconsistentNum",
            "OversizeNum", "CloningNum");
    private static final List<String> ID_TITLES = List.of("ReplicaMissingTablets", "VersionIncompleteTablets",
            "ReplicaRelocatingTablets", "RedundantTablets", "ReplicaMissingForTagTablets", "ForceRedundantTablets",
            "ColocateMismatchTablets", "ColocateRedundantTablets", "NeedFurtherRepairTablets", "UnrecoverableTablets",
            "ReplicaCompactionTooSlowTablets", "InconsistentTablets", "OversizeTablets");

    private final Catalog catalog;
    private final Supplier<ClusterView> cluster;
    private final UnreadableReplicas unreadable;

    /**
     * @param unreadable replicas tablet reports call bad or missing; they count as absent
     */
    public TabletHealthProc(Catalog catalog, Supplier<ClusterView> cluster, UnreadableReplicas unreadable) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.unreadable = unreadable;
    }

    public static boolean handles(String path) {
        return path.equals("/cluster_health") || path.startsWith("/cluster_health/");
    }

    public ResultSet show(String path) {
        String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (normalized.equals("/cluster_health")) {
            return ResultSet.of(InspectionExecutor.varchars("Items"), List.of(List.of("tablet_health")));
        }
        if (normalized.equals("/cluster_health/tablet_health")) {
            return counts();
        }
        String prefix = "/cluster_health/tablet_health/";
        if (normalized.startsWith(prefix)) {
            String id = normalized.substring(prefix.length());
            long databaseId;
            try {
                databaseId = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw new TesseraException("Invalid db id format: " + id);
            }
            DatabaseEntry database = catalog.snapshot().database(databaseId)
                    .orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Proc path '" + path + "' doesn't exist"));
            return ids(database);
        }
        throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Proc path '" + path + "' doesn't exist");
    }

    private ResultSet counts() {
        List<List<String>> rows = new ArrayList<>();
        long[] totals = new long[COUNT_TITLES.size()];
        List<DatabaseEntry> databases = new ArrayList<>(catalog.snapshot().databases().values());
        for (DatabaseEntry database : databases) {
            Map<TabletHealth.Status, List<Long>> byStatus = classify(database);
            long tablets = byStatus.values().stream().mapToLong(List::size).sum();
            long[] values = new long[COUNT_TITLES.size()];
            values[2] = tablets;
            values[3] = byStatus.get(TabletHealth.Status.HEALTHY).size();
            values[4] = byStatus.get(TabletHealth.Status.REPLICA_MISSING).size();
            values[5] = byStatus.get(TabletHealth.Status.VERSION_INCOMPLETE).size();
            values[6] = byStatus.get(TabletHealth.Status.REPLICA_RELOCATING).size();
            values[7] = byStatus.get(TabletHealth.Status.REDUNDANT).size();
            values[13] = byStatus.get(TabletHealth.Status.UNRECOVERABLE).size();
            List<String> row = new ArrayList<>(List.of(Long.toString(database.id()), database.name()));
            for (int i = 2; i < values.length; i++) {
                row.add(Long.toString(values[i]));
                totals[i] += values[i];
            }
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("Total", Integer.toString(databases.size())));
        for (int i = 2; i < totals.length; i++) {
            total.add(Long.toString(totals[i]));
        }
        rows.add(total);
        return ResultSet.of(InspectionExecutor.varchars(COUNT_TITLES.toArray(String[]::new)), rows);
    }

    private ResultSet ids(DatabaseEntry database) {
        Map<TabletHealth.Status, List<Long>> byStatus = classify(database);
        List<String> row = new ArrayList<>();
        for (String title : ID_TITLES) {
            TabletHealth.Status status = switch (title) {
                case "ReplicaMissingTablets" -> TabletHealth.Status.REPLICA_MISSING;
                case "VersionIncompleteTablets" -> TabletHealth.Status.VERSION_INCOMPLETE;
                case "ReplicaRelocatingTablets" -> TabletHealth.Status.REPLICA_RELOCATING;
                case "RedundantTablets" -> TabletHealth.Status.REDUNDANT;
                case "UnrecoverableTablets" -> TabletHealth.Status.UNRECOVERABLE;
                default -> null;
            };
            List<Long> ids = status == null ? List.of() : byStatus.get(status);
            row.add(String.join(",", ids.stream().map(String::valueOf).toList()));
        }
        return ResultSet.of(InspectionExecutor.varchars(ID_TITLES.toArray(String[]::new)), List.of(row));
    }

    private Map<TabletHealth.Status, List<Long>> classify(DatabaseEntry database) {
        Map<TabletHealth.Status, List<Long>> byStatus = new EnumMap<>(TabletHealth.Status.class);
        for (TabletHealth.Status status : TabletHealth.Status.values()) {
            byStatus.put(status, new ArrayList<>());
        }
        ClusterView view = cluster.get();
        for (TableDefinition table : database.tables().values()) {
            int replicationNum = table.getReplicaAllocationList().stream().mapToInt(c -> c.getCount()).sum();
            for (PartitionDefinition partition : table.getPartitionsList()) {
                for (TabletDefinition tablet : partition.getTabletsList()) {
                    byStatus.get(TabletHealth.of(tablet, partition, replicationNum, view, unreadable))
                            .add(tablet.getTabletId());
                }
            }
        }
        return byStatus;
    }
}
