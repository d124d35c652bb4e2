package io.tessera.fe.exec;

import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.decommission.BackendBytes;
import io.tessera.fe.decommission.DecommissionJob;
import io.tessera.fe.decommission.DecommissionJobs;
import io.tessera.fe.decommission.DecommissionProgress;
import io.tessera.fe.replication.ReplicationActivity;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * SHOW DECOMMISSION [ALL]: one row per decommission job, running ones only unless ALL, by job id,
 * each computed by {@link DecommissionProgress} from the job (hard state), the catalog and cluster
 * now and the drain rate the scheduler measured (soft state). Requires NODE, as Doris's
 * decommission check endpoint does, refused with the text ALTER SYSTEM ... DECOMMISSION uses
 * ({@code the (NODE) privilege(s)}).
 *
 * <p>Threading: reads immutable snapshots; safe from any thread.
 */
public final class ShowDecommissionExecutor {
    static final List<String> TITLES = List.of("JobId", "BackendId", "Host", "HeartbeatPort", "State", "StartedAt",
            "StartedBy", "FinishedAt", "ReplicasTotal", "ReplicasMoved", "ReplicasLeft", "BytesTotal", "BytesMoved",
            "BytesLeft", "RateBytesPerSec", "EtaSeconds", "Blocked", "Warning");
    private static final List<Column> COLUMNS = TITLES.stream().map(title -> Column.varchar(title, 30)).toList();

    private final DecommissionJobs jobs;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<ClusterView> cluster;
    private final Supplier<ReplicationActivity> activity;
    private final AccessControl accessControl;
    private final ZoneId zone;

    /** @param activity what the scheduler's loop published last (its measured drain rates) */
    public ShowDecommissionExecutor(DecommissionJobs jobs, Supplier<CatalogSnapshot> catalog,
                                    Supplier<ClusterView> cluster, Supplier<ReplicationActivity> activity,
                                    AccessControl accessControl, ZoneId zone) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.cluster = cluster;
        this.activity = activity;
        this.accessControl = accessControl;
        this.zone = zone;
    }

    public ResultSet show(ShowDecommissionStatement statement, SessionContext session) {
        accessControl.checkGlobalPrivilegeOrThrow(session.user(), Privilege.NODE, "NODE");
        CatalogSnapshot catalogNow = catalog.get();
        ClusterView clusterNow = cluster.get();
        ReplicationActivity activityNow = activity.get();
        List<List<String>> rows = new ArrayList<>();
        for (DecommissionJob job : new TreeMap<>(jobs.snapshot().byId()).values()) {
            if (!statement.all() && !job.state().active()) {
                continue;
            }
            long replicasNow = catalogNow.replicaCount(job.backendId());
            OptionalDouble rate = job.state().active() ? activityNow.drainRate(job.backendId()) : OptionalDouble.empty();
            rows.add(cells(DecommissionProgress.of(job, replicasNow,
                    BackendBytes.known(clusterNow, job.backendId(), replicasNow), rate)));
        }
        return ResultSet.of(COLUMNS, rows);
    }

    private List<String> cells(DecommissionProgress.Row row) {
        List<String> cells = new ArrayList<>(TITLES.size());
        cells.add(Long.toString(row.jobId()));
        cells.add(Long.toString(row.backendId()));
        cells.add(row.host());
        cells.add(Integer.toString(row.heartbeatPort()));
        cells.add(row.state().name());
        cells.add(DisplayFormats.time(row.startedAtMs(), zone));
        cells.add(row.startedBy());
        cells.add(row.finishedAtMs() == null ? null : DisplayFormats.time(row.finishedAtMs(), zone));
        cells.add(Long.toString(row.replicasTotal()));
        cells.add(Long.toString(row.replicasMoved()));
        cells.add(Long.toString(row.replicasLeft()));
        cells.add(text(row.bytesTotal()));
        cells.add(text(row.bytesMoved()));
        cells.add(text(row.bytesLeft()));
        cells.add(text(row.rateBytesPerSecond()));
        cells.add(text(row.etaSeconds()));
        cells.add(text(row.blocked()));
        cells.add(row.warning());
        return cells;
    }

    private static String text(Long value) {
        return value == null ? null : Long.toString(value);
    }
}
