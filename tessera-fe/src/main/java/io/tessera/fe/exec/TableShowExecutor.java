package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.catalog.ReplicaAllocations;
import io.tessera.fe.sql.ColumnTypes;
import io.tessera.fe.ddl.TableDdlPrinter;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.DescribeStatement;
import io.tessera.fe.sql.ast.ShowCreateTableStatement;
import io.tessera.fe.sql.ast.ShowPartitionsStatement;
import io.tessera.fe.sql.ast.ShowTabletStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * DESC, SHOW CREATE TABLE, SHOW PARTITIONS, and SHOW TABLET(S) through {@link ShowTabletsExecutor}, with Doris's columns and formats
 * (reference §11). Sizes, row counts and rowset counts come from the backends' tablet reports
 * (soft state, {@link TabletReports}): SHOW TABLETS shows each replica's last report (LocalDataSize
 * and RowCount 0, VisibleVersionCount and VersionCount -1 until one arrives, as Doris shows an
 * unreported replica); SHOW PARTITIONS' DataSize and RowCount count one copy of the data: per
 * tablet, the largest reported replica (replicas of a tablet hold the same rows, but their files
 * can differ in size until each has compacted), summed over the partition's tablets.
 * Threading: reads immutable snapshots and a concurrent map; safe from any thread.
 */
public final class TableShowExecutor {
    private static final List<String> PARTITION_TITLES = List.of("PartitionId", "PartitionName", "VisibleVersion",
            "VisibleVersionTime", "State", "PartitionKey", "Range", "DistributionKey", "Buckets", "ReplicationNum",
            "StorageMedium", "CooldownTime", "RemoteStoragePolicy", "LastConsistencyCheckTime", "DataSize",
            "IsInMemory", "ReplicaAllocation", "IsMutable", "SyncWithBaseTables", "UnsyncTables",
            "CommittedVersion", "RowCount");

    private final Catalog catalog;
    private final Supplier<BackendRegistry.Snapshot> backends;
    private final LongFunction<BackendRuntime> runtime;
    private final TabletReports reports;
    private final ZoneId zone;
    private final ShowTabletsExecutor tablets;

    /**
     * @param reports what backends last reported about their replicas
     */
    public TableShowExecutor(Catalog catalog, Supplier<BackendRegistry.Snapshot> backends,
                             LongFunction<BackendRuntime> runtime, TabletReports reports, ZoneId zone) {
        this.catalog = catalog;
        this.backends = backends;
        this.runtime = runtime;
        this.reports = reports;
        this.zone = zone;
        this.tablets = new ShowTabletsExecutor(catalog::snapshot, new TabletRows(backends, runtime, reports));
    }

    public ResultSet describe(DescribeStatement statement, SessionContext session) {
        TableDefinition table = table(statement.table(), session);
        List<List<String>> rows = new ArrayList<>();
        for (ColumnDefinition column : table.getColumnsList()) {
            ColumnSchema schema = column.getSchema();
            rows.add(Arrays.asList(schema.getName(), ColumnTypes.display(schema), schema.getNullable() ? "Yes" : "No",
                    Boolean.toString(schema.getIsKey()), defaultText(column), schema.getIsKey() ? "" : "NONE"));
        }
        return ResultSet.of(List.of(Column.varchar("Field", 20), Column.varchar("Type", 20),
                Column.varchar("Null", 10), Column.varchar("Key", 10), Column.varchar("Default", 30),
                Column.varchar("Extra", 30)), rows);
    }

    public ResultSet showCreateTable(ShowCreateTableStatement statement, SessionContext session) {
        TableDefinition table = table(statement.table(), session);
        return ResultSet.of(List.of(Column.varchar("Table", 128), Column.varchar("Create Table", 65535)),
                List.of(List.of(table.getName(), TableDdlPrinter.print(table))));
    }

    public ResultSet showPartitions(ShowPartitionsStatement statement, SessionContext session) {
        return partitions(table(statement.table(), session));
    }

    /** SHOW PARTITIONS' rows of a table (also SHOW PROC '/dbs/&lt;db&gt;/&lt;table&gt;/partitions'). */
    ResultSet partitions(TableDefinition table) {
        String keys = String.join(", ", table.getPartitioning().getColumnsList().stream()
                .map(i -> table.getColumns(i).getSchema().getName()).toList());
        String distribution = table.getDistribution().getHashColumnsCount() == 0 ? "RANDOM"
                : String.join(", ", table.getDistribution().getHashColumnsList().stream()
                .map(i -> table.getColumns(i).getSchema().getName()).toList());
        int replicas = table.getReplicaAllocationList().stream().mapToInt(c -> c.getCount()).sum();
        List<List<String>> rows = new ArrayList<>();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            long dataBytes = 0;
            long rowCount = 0;
            for (TabletDefinition tablet : partition.getTabletsList()) {
                long tabletBytes = 0;
                long tabletRows = 0;
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    Optional<ReplicaStats> stats = reported(replica);
                    if (stats.isPresent()) {
                        tabletBytes = Math.max(tabletBytes, stats.get().dataSizeBytes());
                        tabletRows = Math.max(tabletRows, stats.get().rowCount());
                    }
                }
                dataBytes += tabletBytes;
                rowCount += tabletRows;
            }
            rows.add(Arrays.asList(Long.toString(partition.getPartitionId()), partition.getName(),
                    Long.toString(partition.getVisibleVersion()),
                    DisplayFormats.time(partition.getVisibleVersionTimeMs(), zone), "NORMAL",
                    table.getPartitioning().getKind() == PartitionScheme.Kind.UNPARTITIONED ? "" : keys,
                    TableDdlPrinter.range(table, partition), distribution,
                    Integer.toString(partition.getTabletsCount()), Integer.toString(replicas), "HDD",
                    "9999-12-31 23:59:59", "", null, DisplayFormats.bytes(dataBytes), "false",
                    ReplicaAllocations.display(table), "true", "true", null,
                    Long.toString(partition.getVisibleVersion()), Long.toString(rowCount)));
        }
        return ResultSet.of(PARTITION_TITLES.stream().map(t -> Column.varchar(t, 30)).toList(), rows);
    }

    /** SHOW TABLETS FROM t [PARTITION ...] [WHERE ...] [ORDER BY ...] [LIMIT ...]. */
    public ResultSet showTablets(ShowTabletsStatement statement, SessionContext session) {
        return tablets.showTablets(statement, session);
    }

    /** SHOW TABLET &lt;id&gt;. */
    public ResultSet showTablet(ShowTabletStatement statement) {
        return tablets.showTablet(statement);
    }

    /** The last report of a replica by the backend the catalog places it on. */
    private Optional<ReplicaStats> reported(ReplicaDefinition replica) {
        return reports.replica(replica.getReplicaId(), replica.getBackendId());
    }

    private TableDefinition table(TableName name, SessionContext session) {
        String database = DdlExecutor.databaseOf(name, session);
        return CatalogLookup.tableOrThrow(catalog.snapshot(), database, name.table());
    }

    private static String defaultText(ColumnDefinition column) {
        if (column.getDefaultCurrentTimestamp()) {
            return "CURRENT_TIMESTAMP";
        }
        return column.hasDefaultValue() ? column.getDefaultValue() : null;
    }
}
