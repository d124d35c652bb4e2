package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.report.ReportReconciler;
import io.tessera.fe.report.TabletReportHandler;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.report.WorkInFlight;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.ast.ShowPartitionsStatement;
import io.tessera.fe.sql.ast.ShowReplicaStatusStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.frontend.ReplicaReport;
import io.tessera.proto.frontend.TabletReport;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.Distribution;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import io.tessera.proto.journal.TabletDefinition;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import io.tessera.fe.schema.TableSizes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SHOW TABLETS and SHOW PARTITIONS show what the backends' tablet reports said. */
class TableShowReportsTest {
    private final Catalog catalog = new Catalog();
    private final BackendRegistry registry = new BackendRegistry();
    private final TabletReports reports = new TabletReports();
    private final ManualClock clock = new ManualClock(1_000);
    private final TabletReportHandler handler = new TabletReportHandler(registry::snapshot, catalog::snapshot, reports,
            new ReportReconciler(clock, 60_000), () -> WorkInFlight.NONE, order -> { },
            new io.tessera.fe.report.StrayTransactions(clock, 60_000, java.util.Set::of, order -> { }), clock);
    private final TableShowExecutor executor = new TableShowExecutor(catalog, registry::snapshot,
            id -> BackendRuntime.NEVER_CONTACTED, reports, ZoneOffset.UTC);
    private final SessionContext session = new SessionContext(1, new UserIdentity("root", "%"),
            new SystemVariables(ZoneOffset.UTC), "db");

    /** Table t: one partition, tablets 30 and 31, each with replicas on backends 10000 and 10001. */
    @BeforeEach
    void createTable() {
        for (long backend = 10000; backend < 10002; backend++) {
            registry.replay(RegisterBackendRecord.newBuilder().setBackendId(backend).setHost("127.0.0." + (backend - 9999))
                    .setHeartbeatPort(9050).build());
        }
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder().setPartitionId(20).setName("t")
                .setVisibleVersion(31);
        for (long tablet = 30; tablet < 32; tablet++) {
            TabletDefinition.Builder definition = TabletDefinition.newBuilder().setTabletId(tablet);
            for (long backend = 10000; backend < 10002; backend++) {
                definition.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(tablet * 10 + backend - 10000)
                        .setBackendId(backend).setVersion(31).setLastFailedVersion(-1));
            }
            partition.addTablets(definition);
        }
        TableDefinition table = TableDefinition.newBuilder().setTableId(11).setName("t")
                .addColumns(ColumnDefinition.newBuilder().setSchema(ColumnSchema.newBuilder().setName("k")
                        .setType(DataType.INT).setIsKey(true)))
                .setDistribution(Distribution.newBuilder().addHashColumns(0))
                .addReplicaAllocation(TagReplicaCount.newBuilder().setLocation("default").setCount(2))
                .addPartitions(partition).build();
        catalog.replay(CreateDatabaseRecord.newBuilder().setDatabaseId(10).setName("db").build());
        catalog.replay(CreateTableRecord.newBuilder().setDatabaseId(10).setTable(table).build());
    }

    private void report(long backendId, ReplicaReport... replicas) {
        assertThat(handler.handle(TabletReport.newBuilder().setBackendId(backendId).setHost("h").setBePort(9060)
                .addAllReplicas(List.of(replicas)).build()).getErrorMessage()).isEmpty();
    }

    private static ReplicaReport replica(long tabletId, long replicaId, int rowsets, long bytes, long rows) {
        return ReplicaReport.newBuilder().setTabletId(tabletId).setReplicaId(replicaId).setVersion(31)
                .setRowsetCount(rowsets).setDataSizeBytes(bytes).setRowCount(rows).build();
    }

    private static Map<String, String> row(ResultSet result, int index) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < result.columns().size(); i++) {
            row.put(result.columns().get(i).name(), result.rows().get(index).get(i));
        }
        return row;
    }

    @Test
    void unreportedReplicasShowZeroSizesAndUnknownVersionCounts() {
        ResultSet tablets = executor.showTablets(new ShowTabletsStatement(new TableName(null, "t"), List.of()), session);

        assertThat(tablets.rows()).hasSize(4);
        assertThat(row(tablets, 0)).containsEntry("LocalDataSize", "0").containsEntry("RowCount", "0")
                .containsEntry("VisibleVersionCount", "-1").containsEntry("VersionCount", "-1");
        ResultSet partitions = executor.showPartitions(new ShowPartitionsStatement(new TableName("db", "t")), session);
        assertThat(row(partitions, 0)).containsEntry("DataSize", "0.000 ").containsEntry("RowCount", "0");
    }

    @Test
    void reportedReplicasShowTheirBytesRowsAndRowsetCounts() {
        report(10000, replica(30, 300, 30, 5_000, 100), replica(31, 310, 2, 3_000, 60));
        report(10001, replica(30, 301, 3, 4_000, 100));

        ResultSet tablets = executor.showTablets(new ShowTabletsStatement(new TableName(null, "t"), List.of()), session);

        assertThat(row(tablets, 0)).containsEntry("ReplicaId", "300").containsEntry("LocalDataSize", "5000")
                .containsEntry("RowCount", "100").containsEntry("VisibleVersionCount", "30")
                .containsEntry("VersionCount", "30");
        assertThat(row(tablets, 1)).containsEntry("ReplicaId", "301").containsEntry("LocalDataSize", "4000")
                .containsEntry("VersionCount", "3");
        assertThat(row(tablets, 2)).containsEntry("ReplicaId", "310").containsEntry("VersionCount", "2");
        assertThat(row(tablets, 3)).containsEntry("ReplicaId", "311").containsEntry("LocalDataSize", "0")
                .containsEntry("VersionCount", "-1");
        ResultSet partitions = executor.showPartitions(new ShowPartitionsStatement(new TableName("db", "t")), session);
        // One copy: the largest replica of each tablet, 5000 + 3000 bytes and 100 + 60 rows.
        assertThat(row(partitions, 0)).containsEntry("DataSize", "7.812 KB").containsEntry("RowCount", "160");
    }

    @Test
    void replicaStatusShowsBadReplicasDeadAndMissingOnesMissingAndTabletHealthCountsThem() {
        BackendRuntime base = BackendRuntime.NEVER_CONTACTED;
        BackendRuntime alive = new BackendRuntime(9060, 8040, -1, -1, 1, 1, true, "", "v", 0, "mix", 1, 0, 1, 0, 0, 1,
                0, 0, 0, base.shuttingDown());
        Supplier<ClusterView> cluster = ClusterView.source(registry::snapshot, id -> alive);
        InspectionExecutor inspection = new InspectionExecutor(catalog, cluster, reports);
        TabletHealthProc health = new TabletHealthProc(catalog, cluster, reports::unreadable, databaseId -> 0);
        ReplicaReport bad = replica(30, 300, 1, 10, 1).toBuilder().setBad(true).setBadReason("crc32c differs").build();
        report(10000, bad, replica(31, 310, 1, 10, 1));
        report(10001, replica(30, 301, 1, 10, 1), replica(31, 311, 1, 10, 1));
        // Replica 311 disappears from its backend's second report: missing.
        report(10001, replica(30, 301, 1, 10, 1));

        ResultSet status = inspection.showReplicaStatus(new ShowReplicaStatusStatement(new TableName(null, "t"),
                List.of(), null, false), session);

        Map<String, String> byReplica = new HashMap<>();
        for (int i = 0; i < status.rows().size(); i++) {
            byReplica.put(row(status, i).get("ReplicaId"), row(status, i).get("Status") + "/" + row(status, i).get("IsBad"));
        }
        assertThat(byReplica).containsExactlyInAnyOrderEntriesOf(Map.of("300", "DEAD/true", "301", "OK/false",
                "310", "OK/false", "311", "MISSING/false"));
        assertThat(row(health.show("/cluster_health/tablet_health"), 0)).containsEntry("TabletNum", "2")
                .containsEntry("HealthyNum", "0").containsEntry("ReplicaMissingNum", "2")
                .containsEntry("CloningNum", "0");
        TabletHealthProc cloning = new TabletHealthProc(catalog, cluster, reports::unreadable, databaseId -> 3);
        assertThat(row(cloning.show("/cluster_health/tablet_health"), 0)).containsEntry("CloningNum", "3");
        assertThat(row(cloning.show("/cluster_health/tablet_health"), 1)).containsEntry("DbId", "Total")
                .containsEntry("CloningNum", "3");
    }

    @Test
    void tableSizesForInformationSchemaCountOneCopyOfReportedTablets() {
        TableDefinition table = catalog.snapshot().table("db", "t").orElseThrow();
        ReportedTableSizes sizes = new ReportedTableSizes(reports);
        assertThat(sizes.of(table)).as("nothing reported yet").isEmpty();
        report(10000, replica(30, 300, 1, 1000, 10));
        assertThat(sizes.of(table)).contains(new TableSizes.Size(10, 1000));
        report(10001, replica(30, 301, 1, 1200, 10), replica(31, 311, 1, 500, 4));
        // Tablet 30: its larger replica (1200 bytes, 10 rows); tablet 31: its one report.
        assertThat(sizes.of(table)).contains(new TableSizes.Size(14, 1700));
    }
}
