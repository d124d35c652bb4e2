package io.tessera.fe.exec;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.report.ReplicaStats;
import io.tessera.fe.report.TabletReports;
import io.tessera.fe.result.Column;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * One row per replica in Doris's two replica layouts: SHOW TABLETS and {@code SHOW PROC
 * '/dbs/.../<indexId>'} (reference §11.1, the 25 columns) and {@code SHOW PROC '.../<tabletId>'}
 * (§12.3 (g), {@code ReplicasProcNode}'s 22 columns in its own order). Versions come from the
 * catalog (hard state); sizes, row and rowset counts and badness from each replica's last tablet
 * report (soft state; 0 / -1 until the first report, as Doris shows an unreported replica); the
 * URLs from the backend's host and the HTTP port its heartbeats report.
 *
 * <p>Threading: reads immutable snapshots and the reports' concurrent map; safe from any thread.
 */
final class TabletRows {
    static final List<String> TABLET_TITLES = List.of("TabletId", "ReplicaId", "BackendId", "SchemaHash",
            "Version", "LstSuccessVersion", "LstFailedVersion", "LstFailedTime", "LocalDataSize", "RemoteDataSize",
            "RowCount", "State", "LstConsistencyCheckTime", "CheckVersion", "VisibleVersionCount", "VersionCount",
            "QueryHits", "WindowAccessCount", "LastAccessTime", "PathHash", "Path", "MetaUrl", "CompactionStatus",
            "CooldownReplicaId", "CooldownMetaId");
    static final List<String> REPLICA_TITLES = List.of("ReplicaId", "BackendId", "Version", "LstSuccessVersion",
            "LstFailedVersion", "LstFailedTime", "SchemaHash", "LocalDataSize", "RemoteDataSize", "RowCount", "State",
            "IsBad", "IsUserDrop", "VisibleVersionCount", "VersionCount", "PathHash", "Path", "MetaUrl",
            "CompactionStatus", "CooldownReplicaId", "CooldownMetaId", "QueryHits");

    private final Supplier<BackendRegistry.Snapshot> backends;
    private final LongFunction<BackendRuntime> runtime;
    private final TabletReports reports;

    TabletRows(Supplier<BackendRegistry.Snapshot> backends, LongFunction<BackendRuntime> runtime,
               TabletReports reports) {
        this.backends = backends;
        this.runtime = runtime;
        this.reports = reports;
    }

    static List<Column> columns(List<String> titles) {
        return titles.stream().map(title -> Column.varchar(title, 128)).toList();
    }

    /** The SHOW TABLETS row of one replica. */
    List<String> tabletRow(TableDefinition table, TabletDefinition tablet, ReplicaDefinition replica) {
        Facts facts = facts(tablet, replica);
        return Arrays.asList(Long.toString(tablet.getTabletId()), Long.toString(replica.getReplicaId()),
                Long.toString(replica.getBackendId()), Integer.toString(table.getSchemaHash()),
                Long.toString(replica.getVersion()), Long.toString(replica.getVersion()),
                Long.toString(replica.getLastFailedVersion()), null, facts.dataSize, "0", facts.rowCount, "NORMAL",
                null, "-1", facts.versionCount, facts.versionCount, "0", "0", "0", "0", "", facts.metaUrl,
                facts.compactionUrl, "-1", "");
    }

    /** The ReplicasProcNode row of one replica. */
    List<String> replicaRow(TableDefinition table, TabletDefinition tablet, ReplicaDefinition replica) {
        Facts facts = facts(tablet, replica);
        boolean bad = reports.bad(replica.getReplicaId(), replica.getBackendId());
        return Arrays.asList(Long.toString(replica.getReplicaId()), Long.toString(replica.getBackendId()),
                Long.toString(replica.getVersion()), Long.toString(replica.getVersion()),
                Long.toString(replica.getLastFailedVersion()), null, Integer.toString(table.getSchemaHash()),
                facts.dataSize, "0", facts.rowCount, "NORMAL", Boolean.toString(bad),
                Boolean.toString(reports.userDropped(replica.getReplicaId(), replica.getBackendId())), facts.versionCount,
                facts.versionCount, "0", "", facts.metaUrl, facts.compactionUrl, "-1", "", "0");
    }

    private Facts facts(TabletDefinition tablet, ReplicaDefinition replica) {
        Backend backend = backends.get().backend(replica.getBackendId()).orElse(null);
        String host = backend == null ? "0.0.0.0" : backend.host();
        int httpPort = backend == null ? 0 : runtime.apply(backend.id()).httpPort();
        Optional<ReplicaStats> stats = reports.replica(replica.getReplicaId(), replica.getBackendId());
        String base = "http://" + host + ":" + httpPort;
        return new Facts(stats.map(s -> Long.toString(s.dataSizeBytes())).orElse("0"),
                stats.map(s -> Long.toString(s.rowCount())).orElse("0"),
                stats.map(s -> Integer.toString(s.rowsetCount())).orElse("-1"),
                base + "/api/meta/header/" + tablet.getTabletId(),
                base + "/api/compaction/show?tablet_id=" + tablet.getTabletId());
    }

    private record Facts(String dataSize, String rowCount, String versionCount, String metaUrl,
                         String compactionUrl) {
    }
}
