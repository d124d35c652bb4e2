package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * {@code SHOW PROC '/dbs'} and everything below it, down to one tablet's replicas (reference
 * §12.3), with Doris's columns, orders and error texts. A Tessera table has one index per
 * partition, its base index, whose id is the table's id and whose name is the table's; it has no
 * temporary partitions. A table's VisibleVersion is the highest visible version of its
 * partitions (Doris counts loads per table). Sizes count every reported replica.
 *
 * <p>Threading: reads immutable snapshots; safe from any thread.
 */
public final class DbsProc {
    static final String PATH = "/dbs";
    private static final List<Column> DB_COLUMNS = InspectionExecutor.varchars("DbId", "DbName", "TableNum", "Size",
            "Quota", "LastConsistencyCheckTime", "ReplicaCount", "ReplicaQuota", "RunningTransactionNum",
            "TransactionQuota", "LastUpdateTime");
    private static final List<Column> TABLE_COLUMNS = InspectionExecutor.varchars("TableId", "TableName", "IndexNum",
            "PartitionColumnName", "PartitionNum", "State", "Type", "LastConsistencyCheckTime", "ReplicaCount",
            "VisibleVersion", "VisibleVersionTime", "RunningTransactionNum", "LastUpdateTime");
    private static final List<Column> INDEX_COLUMNS = InspectionExecutor.varchars("IndexId", "IndexName", "State",
            "LastConsistencyCheckTime");
    /** Doris's defaults: {@code default_db_data_quota_bytes} (Long.MAX_VALUE) and the replica and txn quotas. */
    private static final String DATA_QUOTA = DisplayFormats.bytes(Long.MAX_VALUE);
    private static final String REPLICA_QUOTA = "1073741824";
    private static final String TRANSACTION_QUOTA = "10000";
    /** Doris's ids of its system databases. */
    private static final long INFORMATION_SCHEMA_ID = 0;
    private static final long MYSQL_ID = 1;

    private final Supplier<CatalogSnapshot> catalog;
    private final DatabaseDirectory directory;
    private final TabletReports reports;
    private final TableShowExecutor tableShows;
    private final TabletRows tabletRows;
    private final LongUnaryOperator runningTransactions;
    private final ZoneId zone;

    /**
     * @param runningTransactions the transactions of a database id not yet visible or aborted
     */
    public DbsProc(Supplier<CatalogSnapshot> catalog, DatabaseDirectory directory,
                   Supplier<BackendRegistry.Snapshot> backends, LongFunction<BackendRuntime> runtime,
                   TabletReports reports, TableShowExecutor tableShows, LongUnaryOperator runningTransactions,
                   ZoneId zone) {
        this.catalog = catalog;
        this.directory = directory;
        this.reports = reports;
        this.tableShows = tableShows;
        this.tabletRows = new TabletRows(backends, runtime, reports);
        this.runningTransactions = runningTransactions;
        this.zone = zone;
    }

    public static boolean handles(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public ResultSet show(String path) {
        String rest = path.substring(PATH.length());
        // A directory may be named with a trailing slash, as in Doris; a leaf may not (below).
        boolean trailingSlash = rest.endsWith("/");
        if (trailingSlash) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return databases();
        }
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length >= 6 && trailingSlash) {
            throw new TesseraException(path + " is not a directory");
        }
        CatalogSnapshot snapshot = catalog.get();
        long dbId = ProcPathIds.idOrThrow(parts[0], "Invalid db id format: ", "Db id is null");
        DatabaseEntry database = snapshot.database(dbId)
                .orElseThrow(() -> new TesseraException("Database " + dbId + " does not exist"));
        if (parts.length == 1) {
            return tables(database);
        }
        long tableId = ProcPathIds.idOrThrow(parts[1], "Invalid table id format: ", "TableIdStr is null");
        TableDefinition table = database.table(tableId)
                .orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Unknown table '" + tableId + "'"));
        if (parts.length == 2) {
            return ResultSet.of(InspectionExecutor.varchars("Nodes"), List.of(List.of("partitions"),
                    List.of("temp_partitions"), List.of("index_schema"), List.of("indexes")));
        }
        return belowTable(path, parts, table);
    }

    private ResultSet belowTable(String path, String[] parts, TableDefinition table) {
        String node = parts[2];
        if (node.equals("temp_partitions")) {
            if (parts.length > 3) {
                throw new TesseraException("Partition[" + parts[3] + "] does not exist");
            }
            return ResultSet.of(tableShows.partitions(table).columns(), List.of());
        }
        if (!node.equals("partitions")) {
            throw new TesseraException("Not implemented yet: " + node);
        }
        if (parts.length == 3) {
            return tableShows.partitions(table);
        }
        long partitionId = ProcPathIds.idOrThrow(parts[3], "Invalid partition id format: ", "Partition id is null");
        PartitionDefinition partition = table.getPartitionsList().stream()
                .filter(p -> p.getPartitionId() == partitionId).findFirst()
                .orElseThrow(() -> new TesseraException("Partition[" + partitionId + "] does not exist"));
        if (parts.length == 4) {
            return ResultSet.of(INDEX_COLUMNS, List.of(Arrays.asList(Long.toString(table.getTableId()),
                    table.getName(), "NORMAL", null)));
        }
        long indexId = ProcPathIds.idOrThrow(parts[4], "Invalid index id format: ", "Index id is null");
        if (indexId != table.getTableId()) {
            throw new TesseraException("Index[" + indexId + "] does not exist.");
        }
        if (parts.length == 5) {
            List<List<String>> rows = new ArrayList<>();
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    rows.add(tabletRows.tabletRow(table, tablet, replica));
                }
            }
            rows.sort(Comparator.<List<String>>comparingLong(row -> Long.parseLong(row.get(0)))
                    .thenComparingLong(row -> Long.parseLong(row.get(1))));
            return ResultSet.of(TabletRows.columns(TabletRows.TABLET_TITLES), rows);
        }
        long tabletId = ProcPathIds.idOrThrow(parts[5], "Invalid tablet id format: ", "Tablet id is null");
        TabletDefinition tablet = partition.getTabletsList().stream().filter(t -> t.getTabletId() == tabletId)
                .findFirst().orElseThrow(() -> new TesseraException("Tablet[" + tabletId + "] does not exist"));
        if (parts.length > 6) {
            throw new TesseraException(path + " is not a directory");
        }
        List<List<String>> rows = new ArrayList<>();
        tablet.getReplicasList().stream().sorted(Comparator.comparingLong(ReplicaDefinition::getReplicaId))
                .forEach(replica -> rows.add(tabletRows.replicaRow(table, tablet, replica)));
        return ResultSet.of(TabletRows.columns(TabletRows.REPLICA_TITLES), rows);
    }

    private ResultSet databases() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(systemRow(INFORMATION_SCHEMA_ID, DatabaseDirectory.INFORMATION_SCHEMA));
        rows.add(systemRow(MYSQL_ID, DatabaseDirectory.MYSQL));
        List<DatabaseEntry> databases = new ArrayList<>(catalog.get().databases().values());
        databases.sort(Comparator.comparingLong(DatabaseEntry::id));
        for (DatabaseEntry database : databases) {
            long bytes = 0;
            long replicas = 0;
            long lastUpdateMs = database.createTimeMs();
            for (TableDefinition table : database.tables().values()) {
                bytes += reportedBytes(table);
                replicas += replicaCount(table);
                lastUpdateMs = Math.max(lastUpdateMs, lastUpdateMs(table));
            }
            rows.add(Arrays.asList(Long.toString(database.id()), database.name(),
                    Integer.toString(database.tables().size()), DisplayFormats.bytes(bytes), DATA_QUOTA, null,
                    Long.toString(replicas), REPLICA_QUOTA,
                    Long.toString(runningTransactions.applyAsLong(database.id())), TRANSACTION_QUOTA,
                    DisplayFormats.time(lastUpdateMs, zone)));
        }
        return ResultSet.of(DB_COLUMNS, rows);
    }

    private List<String> systemRow(long id, String name) {
        return Arrays.asList(Long.toString(id), name, Integer.toString(directory.tables(name).size()),
                DisplayFormats.bytes(0), DATA_QUOTA, null, "0", REPLICA_QUOTA, "0", TRANSACTION_QUOTA, null);
    }

    private ResultSet tables(DatabaseEntry database) {
        List<TableDefinition> tables = new ArrayList<>(database.tables().values());
        tables.sort(Comparator.comparingLong(TableDefinition::getTableId));
        List<List<String>> rows = new ArrayList<>();
        for (TableDefinition table : tables) {
            boolean range = table.getPartitioning().getKind() == PartitionScheme.Kind.RANGE;
            String partitionColumns = range ? String.join(", ", table.getPartitioning().getColumnsList().stream()
                    .map(i -> table.getColumns(i).getSchema().getName()).toList()) : null;
            long visibleVersion = 1;
            long visibleVersionTimeMs = table.getCreateTimeMs();
            for (PartitionDefinition partition : table.getPartitionsList()) {
                if (partition.getVisibleVersion() > visibleVersion) {
                    visibleVersion = partition.getVisibleVersion();
                }
                visibleVersionTimeMs = Math.max(visibleVersionTimeMs, partition.getVisibleVersionTimeMs());
            }
            rows.add(Arrays.asList(Long.toString(table.getTableId()), table.getName(), "1", partitionColumns,
                    Integer.toString(range ? table.getPartitionsCount() : 1), "NORMAL", "OLAP", null,
                    Long.toString(replicaCount(table)), Long.toString(visibleVersion),
                    Long.toString(visibleVersionTimeMs), Long.toString(runningTransactions.applyAsLong(database.id())),
                    DisplayFormats.time(lastUpdateMs(table), zone)));
        }
        return ResultSet.of(TABLE_COLUMNS, rows);
    }


    private static long replicaCount(TableDefinition table) {
        long count = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                count += tablet.getReplicasCount();
            }
        }
        return count;
    }

    private long reportedBytes(TableDefinition table) {
        long bytes = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    bytes += reports.replica(replica.getReplicaId(), replica.getBackendId())
                            .map(ReplicaStats::dataSizeBytes).orElse(0L);
                }
            }
        }
        return bytes;
    }

    /** The table's creation or its newest visible version, whichever is later. */
    private static long lastUpdateMs(TableDefinition table) {
        long last = table.getCreateTimeMs();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            last = Math.max(last, partition.getVisibleVersionTimeMs());
        }
        return last;
    }
}
