package io.tessera.fe.exec;

import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.decommission.BackendBytes;
import io.tessera.fe.decommission.DecommissionJob;
import io.tessera.fe.decommission.DecommissionJobs;
import io.tessera.fe.decommission.DecommissionProgress;
import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.fe.replication.ReplicationActivity;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * SHOW DECOMMISSION [ALL]: one row per decommission job, running ones only unless ALL, by job id,
 * each computed by {@link DecommissionProgress} from the job (hard state), the catalog now, the
 * replicas' reported sizes and the drain rate the scheduler measured (soft state). BytesLeft costs
 * one pass over the catalog per statement, for every row at once ({@link BackendBytes}). Requires NODE, as Doris's
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
    private final ReplicaSizes sizes;
    private final Supplier<ReplicationActivity> activity;
    private final AccessControl accessControl;
    private final ZoneId zone;

    /**
     * @param sizes    the replicas' last reported sizes (BytesLeft, {@link BackendBytes})
     * @param activity what the scheduler's loop published last (its measured drain rates)
     */
    public ShowDecommissionExecutor(DecommissionJobs jobs, Supplier<CatalogSnapshot> catalog,
                                    ReplicaSizes sizes, Supplier<ReplicationActivity> activity,
                                    AccessControl accessControl, ZoneId zone) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.sizes = sizes;
        this.activity = activity;
        this.accessControl = accessControl;
        this.zone = zone;
    }

    public ResultSet show(ShowDecommissionStatement statement, SessionContext session) {
        accessControl.checkGlobalPrivilegeOrThrow(session.user(), Privilege.NODE, "NODE");
        CatalogSnapshot catalogNow = catalog.get();
        ReplicationActivity activityNow = activity.get();
        List<DecommissionJob> shown = new TreeMap<>(jobs.snapshot().byId()).values().stream()
                .filter(job -> statement.all() || job.state().active()).toList();
        Map<Long, Long> bytesNow = BackendBytes.known(catalogNow, sizes,
                shown.stream().map(DecommissionJob::backendId).toList());
        List<List<String>> rows = new ArrayList<>();
        for (DecommissionJob job : shown) {
            long replicasNow = catalogNow.replicaCount(job.backendId());
            OptionalDouble rate = job.state().active() ? activityNow.drainRate(job.backendId()) : OptionalDouble.empty();
            rows.add(cells(DecommissionProgress.of(job, replicasNow, bytesNow.get(job.backendId()), rate)));
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
