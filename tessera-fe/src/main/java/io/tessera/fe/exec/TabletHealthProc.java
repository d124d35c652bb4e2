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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
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
    private final LongUnaryOperator runningClones;

    /**
     * @param unreadable    replicas tablet reports call bad or missing; they count as absent
     * @param runningClones the number of clones running for a database id (CloningNum); the
     *                      tablet scheduler feeds it, 0 until clones exist
     */
    public TabletHealthProc(Catalog catalog, Supplier<ClusterView> cluster, UnreadableReplicas unreadable,
                            LongUnaryOperator runningClones) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.unreadable = unreadable;
        this.runningClones = runningClones;
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
            Map<String, List<Long>> byStatus = classify(database);
            long tablets = byStatus.values().stream().mapToLong(List::size).sum();
            long[] values = new long[COUNT_TITLES.size()];
            values[2] = tablets;
            values[3] = byStatus.get("HEALTHY").size();
            values[4] = byStatus.get("REPLICA_MISSING").size();
            values[5] = byStatus.get("VERSION_INCOMPLETE").size();
            values[6] = byStatus.get("REPLICA_RELOCATING").size();
            values[7] = byStatus.get("REDUNDANT").size();
            values[13] = byStatus.get("UNRECOVERABLE").size();
            values[17] = runningClones.applyAsLong(database.id());
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
        Map<String, List<Long>> byStatus = classify(database);
        List<String> row = new ArrayList<>();
        for (String title : ID_TITLES) {
            String status = switch (title) {
                case "ReplicaMissingTablets" -> "REPLICA_MISSING";
                case "VersionIncompleteTablets" -> "VERSION_INCOMPLETE";
                case "ReplicaRelocatingTablets" -> "REPLICA_RELOCATING";
                case "RedundantTablets" -> "REDUNDANT";
                case "UnrecoverableTablets" -> "UNRECOVERABLE";
                default -> null;
            };
            List<Long> ids = status == null ? List.of() : byStatus.get(status);
            row.add(String.join(",", ids.stream().map(String::valueOf).toList()));
        }
        return ResultSet.of(InspectionExecutor.varchars(ID_TITLES.toArray(String[]::new)), List.of(row));
    }

    /** Tablet ids by Doris's status name (lost, unavailable and unrecoverable tablets all under UNRECOVERABLE). */
    private Map<String, List<Long>> classify(DatabaseEntry database) {
        Map<String, List<Long>> byStatus = new HashMap<>();
        for (TabletHealth.Status status : TabletHealth.Status.values()) {
            byStatus.put(status.dorisName(), new ArrayList<>());
        }
        ClusterView view = cluster.get();
        for (TableDefinition table : database.tables().values()) {
            for (PartitionDefinition partition : table.getPartitionsList()) {
                for (TabletDefinition tablet : partition.getTabletsList()) {
                    TabletHealth health = TabletHealth.classify(tablet, partition.getVisibleVersion(),
                            table.getReplicaAllocationList(), view, unreadable);
                    byStatus.get(health.status().dorisName()).add(tablet.getTabletId());
                }
            }
        }
        return byStatus;
    }
}
