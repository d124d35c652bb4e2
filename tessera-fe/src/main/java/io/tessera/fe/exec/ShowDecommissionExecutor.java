package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.decommission.BackendBytes;
import io.tessera.fe.decommission.DecommissionJob;
import io.tessera.fe.decommission.DecommissionJobs;
import io.tessera.fe.decommission.DecommissionProgress;
import io.tessera.fe.decommission.JobState;
import io.tessera.fe.scheduler.DrainBlocker;
import io.tessera.fe.scheduler.DrainBlockers;
import io.tessera.fe.catalog.ReplicaSizes;
import io.tessera.fe.replication.ReplicationActivity;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ShowDecommissionBlockersStatement;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * SHOW DECOMMISSION [ALL]: one row per decommission job, running ones only unless ALL, by job id,
 * each computed by {@link DecommissionProgress} from the job (hard state), the catalog now, the
 * replicas' reported sizes and the drain rate the scheduler measured (soft state). BytesLeft costs
 * one pass over the catalog per statement, for every row at once ({@link BackendBytes}); Blocked
 * another, to count each running job's blockers.
 *
 * <p>SHOW DECOMMISSION BLOCKERS [FOR id]: one row per replica of a running job that is not moving
 * ({@link DrainBlockers}, through the scheduler's loop), by job, then in catalog order, the reason
 * as operators read it ({@code clone failing: <last error>}, {@code stalled since <time>}) and the
 * detail. An unknown job id is an error; a finished job has no blockers.
 *
 * <p>Both require NODE ({@link StatementPrivileges}), as Doris's decommission check endpoint does, refused with the text ALTER
 * SYSTEM ... DECOMMISSION uses ({@code the (NODE) privilege(s)}).
 *
 * <p>Threading: reads immutable snapshots; safe from any thread.
 */
public final class ShowDecommissionExecutor {
    static final List<String> TITLES = List.of("JobId", "BackendId", "Host", "HeartbeatPort", "State", "StartedAt",
            "StartedBy", "FinishedAt", "ReplicasTotal", "ReplicasMoved", "ReplicasLeft", "BytesTotal", "BytesMoved",
            "BytesLeft", "RateBytesPerSec", "EtaSeconds", "Blocked", "Warning");
    private static final List<Column> COLUMNS = TITLES.stream().map(title -> Column.varchar(title, 30)).toList();

    static final List<String> BLOCKER_TITLES = List.of("JobId", "BackendId", "TabletId", "ReplicaId", "Database",
            "Table", "Partition", "Reason", "Detail");
    private static final List<Column> BLOCKER_COLUMNS = BLOCKER_TITLES.stream()
            .map(title -> Column.varchar(title, 30)).toList();

    private final DecommissionJobs jobs;
    private final Supplier<CatalogSnapshot> catalog;
    private final ReplicaSizes sizes;
    private final Supplier<ReplicationActivity> activity;
    private final Supplier<List<DrainBlocker>> blockers;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param sizes    the replicas' last reported sizes (BytesLeft, {@link BackendBytes})
     * @param activity what the scheduler's loop published last (its measured drain rates, each
     *                 drain's last progress and the stall time)
     * @param blockers the replicas on decommissioned backends not moving now (the loop's
     *                 {@code blockers()})
     */
    public ShowDecommissionExecutor(DecommissionJobs jobs, Supplier<CatalogSnapshot> catalog,
                                    ReplicaSizes sizes, Supplier<ReplicationActivity> activity,
                                    Supplier<List<DrainBlocker>> blockers, Clock clock,
                                    ZoneId zone) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.sizes = sizes;
        this.activity = activity;
        this.blockers = blockers;
        this.clock = clock;
        this.zone = zone;
    }

    public ResultSet show(ShowDecommissionStatement statement, SessionContext session) {
        CatalogSnapshot catalogNow = catalog.get();
        ReplicationActivity activityNow = activity.get();
        List<DecommissionJob> shown = new TreeMap<>(jobs.snapshot().byId()).values().stream()
                .filter(job -> statement.all() || job.state().active()).toList();
        Map<Long, Long> bytesNow = BackendBytes.known(catalogNow, sizes,
                shown.stream().map(DecommissionJob::backendId).toList());
        Map<Long, Long> blockedByBackend = new HashMap<>();
        if (shown.stream().anyMatch(job -> job.state().active())) {
            for (DrainBlocker blocker : blockers.get()) {
                blockedByBackend.merge(blocker.backendId(), 1L, Long::sum);
            }
        }
        long nowMs = clock.wallMillis();
        List<List<String>> rows = new ArrayList<>();
        for (DecommissionJob job : shown) {
            long replicasNow = catalogNow.replicaCount(job.backendId());
            OptionalDouble rate = job.state().active() ? activityNow.drainRate(job.backendId()) : OptionalDouble.empty();
            rows.add(cells(DecommissionProgress.of(job, replicasNow, bytesNow.get(job.backendId()), rate,
                    blockedByBackend.getOrDefault(job.backendId(), 0L),
                    stallWarning(job, activityNow.drainObserved(), nowMs))));
        }
        return ResultSet.of(COLUMNS, rows);
    }

    public ResultSet showBlockers(ShowDecommissionBlockersStatement statement, SessionContext session) {
        Map<Long, DecommissionJob> running = new HashMap<>();
        for (DecommissionJob job : jobs.snapshot().byId().values()) {
            if (job.state().active()) {
                running.put(job.backendId(), job);
            }
        }
        if (statement.jobId().isPresent()) {
            long jobId = statement.jobId().getAsLong();
            DecommissionJob job = jobs.snapshot().byId().get(jobId);
            if (job == null) {
                throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Unknown decommission job " + jobId);
            }
            running.values().removeIf(other -> other.jobId() != jobId);
        }
        List<DrainBlocker> found = running.isEmpty() ? List.of() : blockers.get();
        List<List<String>> rows = new ArrayList<>();
        for (DrainBlocker blocker : found.stream().filter(blocker -> running.containsKey(blocker.backendId()))
                .sorted(Comparator.comparingLong((DrainBlocker blocker) -> running.get(blocker.backendId()).jobId()))
                .toList()) {
            rows.add(List.of(Long.toString(running.get(blocker.backendId()).jobId()),
                    Long.toString(blocker.backendId()), Long.toString(blocker.tabletId()),
                    Long.toString(blocker.replicaId()), blocker.database(), blocker.table(), blocker.partition(),
                    reasonText(blocker), detailText(blocker)));
        }
        return ResultSet.of(BLOCKER_COLUMNS, rows);
    }

    /** The reason as operators read it: {@code clone failing: <last error>}, {@code stalled since <time>}. */
    private String reasonText(DrainBlocker blocker) {
        return switch (blocker.reason()) {
            case CLONE_FAILING -> blocker.reason().text() + ": " + blocker.lastError();
            case STALLED -> blocker.reason().text() + " " + DisplayFormats.time(blocker.sinceMs(), zone);
            default -> blocker.reason().text();
        };
    }

    private String detailText(DrainBlocker blocker) {
        return blocker.reason() == DrainBlocker.Reason.CLONE_FAILING
                ? blocker.detail() + " (the last at " + DisplayFormats.time(blocker.sinceMs(), zone) + ")"
                : blocker.detail();
    }

    /**
     * A running job's Warning when its drain made no progress for the stall time
     * ({@code decommission_stall_warning_second}); null otherwise, and for a paused job.
     */
    private String stallWarning(DecommissionJob job, DrainBlockers.Observed observed, long nowMs) {
        if (!job.state().active() || job.state() == JobState.PAUSED || !observed.stalled(job.backendId(), nowMs)) {
            return null;
        }
        long sinceMs = observed.lastProgressMs().get(job.backendId());
        return "no progress for " + (nowMs - sinceMs) / 1000 + " s (since " + DisplayFormats.time(sinceMs, zone)
                + ", decommission_stall_warning_second = " + observed.stallMs() / 1000
                + "); SHOW DECOMMISSION BLOCKERS FOR " + job.jobId() + " says why";
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
