package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ShowDataStatement;
import io.tessera.fe.sql.ast.ShowReplicaDistributionStatement;
import io.tessera.fe.sql.ast.ShowReplicaStatusStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * SHOW DATA, ADMIN SHOW REPLICA STATUS and ADMIN SHOW REPLICA DISTRIBUTION in Doris's shapes
 * (reference §11.2-11.4). Sizes and row counts come from the backends' tablet reports (soft
 * state). Threading: reads immutable snapshots; safe from any thread.
 */
public final class InspectionExecutor {
    /** Doris's default database quotas: Long.MAX_VALUE bytes and 1,073,741,824 replicas. */
    private static final long DATA_QUOTA_BYTES = Long.MAX_VALUE;
    private static final long REPLICA_QUOTA = 1_073_741_824L;
    private static final Set<String> REPLICA_STATUSES = Set.of("OK", "DEAD", "VERSION_ERROR", "MISSING",
            "SCHEMA_ERROR", "BAD", "DROP", "LOST");

    private final Catalog catalog;
    private final Supplier<ClusterView> cluster;
    private final TabletReports reports;

    public InspectionExecutor(Catalog catalog, Supplier<ClusterView> cluster, TabletReports reports) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.reports = reports;
    }

    public ResultSet showData(ShowDataStatement statement, SessionContext session) {
        CatalogSnapshot snapshot = catalog.snapshot();
        if (statement.table() != null) {
            TableDefinition table = table(statement.table(), session);
            long size = tableBytes(table);
            long replicas = replicaCount(table);
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of(table.getName(), table.getName(), DisplayFormats.bytes(size), Long.toString(replicas),
                    Long.toString(rowCount(table)), DisplayFormats.bytes(0), DisplayFormats.bytes(0)));
            rows.add(List.of("", "Total", DisplayFormats.bytes(size), Long.toString(replicas), "",
                    DisplayFormats.bytes(0), DisplayFormats.bytes(0)));
            return ResultSet.of(varchars("TableName", "IndexName", "Size", "ReplicaCount", "RowCount", "RemoteSize",
                    "BinlogSize"), rows);
        }
        if (session.database() == null || snapshot.database(session.database()).isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            long total = 0;
            for (DatabaseEntry database : snapshot.databases().values()) {
                long size = database.tables().values().stream().mapToLong(this::tableBytes).sum();
                total += size;
                rows.add(List.of(Long.toString(database.id()), database.name(), Long.toString(size), "0", "0", "0", "0"));
            }
            rows.add(Arrays.asList("Total", null, Long.toString(total), "0", "0", "0", "0"));
            return ResultSet.of(varchars("DbId", "DbName", "Size", "RemoteSize", "BinlogSize", "RecycleSize",
                    "RecycleRemoteSize"), rows);
        }
        DatabaseEntry database = snapshot.database(session.database()).orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        long totalSize = 0;
        long totalReplicas = 0;
        for (TableDefinition table : database.tables().values()) {
            long size = tableBytes(table);
            long replicas = replicaCount(table);
            totalSize += size;
            totalReplicas += replicas;
            rows.add(List.of(table.getName(), DisplayFormats.bytes(size), Long.toString(replicas),
                    DisplayFormats.bytes(0), DisplayFormats.bytes(0)));
        }
        rows.add(List.of("Total", DisplayFormats.bytes(totalSize), Long.toString(totalReplicas),
                DisplayFormats.bytes(0), DisplayFormats.bytes(0)));
        rows.add(List.of("Quota", DisplayFormats.bytes(DATA_QUOTA_BYTES), Long.toString(REPLICA_QUOTA), "", ""));
        rows.add(List.of("Left", DisplayFormats.bytes(Math.max(0, DATA_QUOTA_BYTES - totalSize)),
                Long.toString(REPLICA_QUOTA - totalReplicas), "", ""));
        return ResultSet.of(varchars("TableName", "Size", "ReplicaCount", "RemoteSize", "BinlogSize"), rows);
    }

    public ResultSet showReplicaStatus(ShowReplicaStatusStatement statement, SessionContext session) {
        String filter = null;
        if (statement.status() != null) {
            filter = statement.status().toUpperCase(Locale.ROOT);
            if (!REPLICA_STATUSES.contains(filter)) {
                throw new TesseraException("Where clause should looks like: status =/!= "
                        + "'OK/DEAD/VERSION_ERROR/SCHEMA_ERROR/MISSING'");
            }
        }
        TableDefinition table = table(statement.table(), session);
        int replicationNum = TabletHealth.replicationNum(table.getReplicaAllocationList());
        ClusterView view = cluster.get();
        List<List<String>> rows = new ArrayList<>();
        for (PartitionDefinition partition : partitions(table, statement.partitions())) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    String status = replicaStatus(replica, partition, view);
                    rows.add(List.of(Long.toString(tablet.getTabletId()), Long.toString(replica.getReplicaId()),
                            Long.toString(replica.getBackendId()), Long.toString(replica.getVersion()),
                            Long.toString(replica.getLastFailedVersion()), Long.toString(replica.getVersion()),
                            Long.toString(partition.getVisibleVersion()), Integer.toString(table.getSchemaHash()),
                            Integer.toString(reports.replica(replica.getReplicaId(), replica.getBackendId()).map(ReplicaStats::rowsetCount)
                                    .orElse(-1)), Boolean.toString(bad(replica)), "false",
                            "NORMAL", status));
                }
                for (int missing = tablet.getReplicasCount(); missing < replicationNum; missing++) {
                    rows.add(Arrays.asList(Long.toString(tablet.getTabletId()), "-1", "-1", "-1", "-1", "-1", "-1",
                            "-1", null, null, null, null, "MISSING"));
                }
            }
        }
        if (filter != null) {
            String wanted = filter;
            rows.removeIf(row -> row.get(12).equals(wanted) == statement.statusNegated());
        }
        return ResultSet.of(varchars("TabletId", "ReplicaId", "BackendId", "Version", "LastFailedVersion",
                "LastSuccessVersion", "CommittedVersion", "SchemaHash", "VersionNum", "IsBad", "IsUserDrop", "State",
                "Status"), rows);
    }

    public ResultSet showReplicaDistribution(ShowReplicaDistributionStatement statement, SessionContext session) {
        TableDefinition table = table(statement.table(), session);
        List<Backend> all = new ArrayList<>(cluster.get().backends());
        long[] counts = new long[all.size()];
        long[] sizes = new long[all.size()];
        for (PartitionDefinition partition : partitions(table, statement.partitions())) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    for (int b = 0; b < all.size(); b++) {
                        if (all.get(b).id() == replica.getBackendId()) {
                            counts[b]++;
                            sizes[b] += bytes(replica);
                        }
                    }
                }
            }
        }
        long totalCount = Arrays.stream(counts).sum();
        long totalSize = Arrays.stream(sizes).sum();
        List<List<String>> rows = new ArrayList<>();
        for (int b = 0; b < all.size(); b++) {
            rows.add(List.of(Long.toString(all.get(b).id()), Long.toString(counts[b]), Long.toString(sizes[b]),
                    graph(counts[b], totalCount), percent(counts[b], totalCount), graph(sizes[b], totalSize),
                    percent(sizes[b], totalSize), "", ""));
        }
        return ResultSet.of(varchars("BackendId", "ReplicaNum", "ReplicaSize", "NumGraph", "NumPercent", "SizeGraph",
                "SizePercent", "CloudClusterName", "CloudClusterId"), rows);
    }

    /**
     * Doris's replica status, in its order of checks, with Tessera's two additions: {@code LOST}
     * for a replica whose backend was dropped (Doris says {@code DEAD}; a tablet whose replicas are
     * all {@code LOST} is lost, one with complete replicas only on {@code DEAD} backends is
     * unavailable), and {@code MISSING} for one its backend's reports lack. {@code VERSION_ERROR}
     * is {@link TabletHealth#versionComplete}'s verdict.
     */
    private String replicaStatus(ReplicaDefinition replica, PartitionDefinition partition, ClusterView view) {
        if (!view.isRegistered(replica.getBackendId())) {
            return "LOST";
        }
        if (!view.isAlive(replica.getBackendId()) || bad(replica)) {
            return "DEAD";
        }
        if (reports.missing(replica.getReplicaId(), replica.getBackendId())) {
            return "MISSING";
        }
        if (!TabletHealth.versionComplete(replica, partition.getVisibleVersion(), reports::unreadable)) {
            return "VERSION_ERROR";
        }
        return "OK";
    }

    /** {@code num*100/total} '>' characters; 100 when num is the total; none when the total is 0. */
    static String graph(long num, long total) {
        if (total == 0) {
            return "";
        }
        return ">".repeat(num == total ? 100 : (int) (num * 100 / total));
    }

    /** {@code 33.33 %}, {@code 05.00 %}; {@code 100.00%} when num is the total; {@code 0.00%} when it is 0. */
    static String percent(long num, long total) {
        if (total == 0) {
            return "0.00%";
        }
        if (num == total) {
            return "100.00%";
        }
        java.text.DecimalFormat format = new java.text.DecimalFormat("00.00 %",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format((double) num / total);
    }

    private long bytes(ReplicaDefinition replica) {
        return reports.replica(replica.getReplicaId(), replica.getBackendId()).map(ReplicaStats::dataSizeBytes).orElse(0L);
    }

    private boolean bad(ReplicaDefinition replica) {
        return reports.bad(replica.getReplicaId(), replica.getBackendId());
    }

    private long tableBytes(TableDefinition table) {
        long bytes = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    bytes += bytes(replica);
                }
            }
        }
        return bytes;
    }

    private long rowCount(TableDefinition table) {
        long rows = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                rows += tablet.getReplicasList().stream()
                        .mapToLong(r -> reports.replica(r.getReplicaId(), r.getBackendId()).map(ReplicaStats::rowCount).orElse(0L))
                        .max().orElse(0);
            }
        }
        return rows;
    }

    private static long replicaCount(TableDefinition table) {
        return table.getPartitionsList().stream().flatMap(p -> p.getTabletsList().stream())
                .mapToLong(TabletDefinition::getReplicasCount).sum();
    }

    private static List<PartitionDefinition> partitions(TableDefinition table, List<String> names) {
        if (names.isEmpty()) {
            return table.getPartitionsList();
        }
        List<PartitionDefinition> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(table.getPartitionsList().stream().filter(p -> p.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Partition does not exist: " + name)));
        }
        return chosen;
    }

    private TableDefinition table(TableName name, SessionContext session) {
        String database = DdlExecutor.databaseOf(name, session);
        return CatalogLookup.tableOrThrow(catalog.snapshot(), database, name.table());
    }

    static List<Column> varchars(String... titles) {
        return Arrays.stream(titles).map(title -> Column.varchar(title, 30)).toList();
    }
}
