package io.tessera.fe.exec;

import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.TabletLocation;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.DiagnoseTabletStatement;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * ADMIN DIAGNOSE TABLET &lt;id&gt; (also SHOW TABLET DIAGNOSIS; reference §12.6): Doris's
 * {@code Item, Info, Suggestion} rows and texts, in Doris's order, checking the tablet's place in
 * the catalog, its replica count against the replication number, each replica's backend (exists,
 * alive, decommissioned, load and query allowed, room on disk), version (against the partition's
 * visible version, and any missed version), state (bad, from the backend's last report) and
 * rowset count. Suggestion is always empty, as in Doris. Tessera drops tables at once (no recycle
 * bin), so a tablet that left the catalog is simply {@code TabletExist No}.
 *
 * <p>Threading: reads immutable snapshots and the reports' concurrent map; safe from any thread.
 */
public final class DiagnoseTabletExecutor {
    /** Doris's {@code min_version_count_indicate_replica_compaction_too_slow}. */
    static final int VERSION_COUNT_TOO_HIGH = 200;
    private static final List<Column> COLUMNS = List.of(Column.varchar("Item", 1024), Column.varchar("Info", 1024),
            Column.varchar("Suggestion", 1024));
    private static final String OK = "OK";

    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<ClusterView> cluster;
    private final TabletReports reports;

    public DiagnoseTabletExecutor(Supplier<CatalogSnapshot> catalog, Supplier<ClusterView> cluster,
                                  TabletReports reports) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.reports = reports;
    }

    public ResultSet diagnose(DiagnoseTabletStatement statement) {
        long tabletId = statement.tabletId();
        CatalogSnapshot snapshot = catalog.get();
        TabletLocation location = TabletLocation.index(snapshot).get(tabletId);
        List<List<String>> rows = new ArrayList<>();
        if (location == null) {
            rows.add(row("TabletExist", "No"));
            return ResultSet.of(COLUMNS, rows);
        }
        rows.add(row("TabletExist", "Yes"));
        rows.add(row("TabletId", Long.toString(tabletId)));
        String databaseName = snapshot.database(location.databaseId()).map(db -> db.name()).orElse("");
        rows.add(row("Database", databaseName + ": " + location.databaseId()));
        rows.add(row("Table", location.table().getName() + ": " + location.table().getTableId()));
        rows.add(row("Partition", location.partition().getName() + ": " + location.partition().getPartitionId()));
        rows.add(row("MaterializedIndex", location.table().getName() + ": " + location.table().getTableId()));
        List<ReplicaDefinition> replicas = location.tablet().getReplicasList();
        StringJoiner json = new StringJoiner(",", "{", "}");
        replicas.forEach(r -> json.add("\"" + r.getReplicaId() + "\":" + r.getBackendId()));
        rows.add(row("Replicas(ReplicaId -> BackendId)", json.toString()));
        int expected = TabletHealth.replicationNum(location.table().getReplicaAllocationList());
        rows.add(row("ReplicasNum", replicas.size() == expected ? OK
                : "Replica num is " + replicas.size() + ", expected: " + expected));
        ClusterView view = cluster.get();
        long visible = location.partition().getVisibleVersion();
        StringBuilder backendStatus = new StringBuilder();
        StringBuilder versionStatus = new StringBuilder();
        StringBuilder replicaStatus = new StringBuilder();
        StringBuilder compactionStatus = new StringBuilder();
        for (ReplicaDefinition replica : replicas) {
            long backendId = replica.getBackendId();
            backendStatus.append(backendProblem(view, backendId));
            if (replica.getVersion() != visible) {
                versionStatus.append("Replica on backend ").append(backendId).append("'s version (")
                        .append(replica.getVersion()).append(") does not equal to partition visible version (")
                        .append(visible).append(")");
            } else if (replica.getLastFailedVersion() > 0) {
                versionStatus.append("Replica on backend ").append(backendId).append("'s last failed version is ")
                        .append(replica.getLastFailedVersion());
            }
            boolean bad = reports.bad(replica.getReplicaId(), backendId);
            boolean drop = reports.userDropped(replica.getReplicaId(), backendId);
            if (bad || drop) {
                replicaStatus.append("Replica on backend ").append(backendId).append("'s state is NORMAL, and is bad: ")
                        .append(bad ? "Yes" : "No").append(", and is going to drop: ").append(drop ? "Yes" : "No");
            }
            Optional<ReplicaStats> stats = reports.replica(replica.getReplicaId(), backendId);
            if (stats.isPresent() && stats.get().rowsetCount() > VERSION_COUNT_TOO_HIGH) {
                compactionStatus.append("Replica on backend ").append(backendId)
                        .append("'s version count is too high: ").append(stats.get().rowsetCount());
            }
        }
        rows.add(row("ReplicaBackendStatus", orOk(backendStatus)));
        rows.add(row("ReplicaVersionStatus", orOk(versionStatus)));
        rows.add(row("ReplicaStatus", orOk(replicaStatus)));
        rows.add(row("ReplicaCompactionStatus", orOk(compactionStatus)));
        return ResultSet.of(COLUMNS, rows);
    }

    /** Doris's first failing check of a replica's backend, with its period and space; "" when fine. */
    private static String backendProblem(ClusterView view, long backendId) {
        Optional<Backend> backend = view.backend(backendId);
        if (backend.isEmpty()) {
            return "Backend " + backendId + " does not exist. ";
        }
        if (!view.isAlive(backendId)) {
            return "Backend " + backendId + " is not alive. ";
        }
        if (backend.get().decommissioned()) {
            return "Backend " + backendId + " is decommission. ";
        }
        if (backend.get().loadDisabled()) {
            return "Backend " + backendId + " is not load available. ";
        }
        if (backend.get().queryDisabled()) {
            return "Backend " + backendId + " is not query available. ";
        }
        if (!view.hasStorageRoom(backendId)) {
            return "Backend " + backendId + " has no space left. ";
        }
        return "";
    }

    private static String orOk(StringBuilder text) {
        return text.length() == 0 ? OK : text.toString();
    }

    private static List<String> row(String item, String info) {
        return List.of(item, info, "");
    }
}
